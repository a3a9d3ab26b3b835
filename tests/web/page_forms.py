"""Read a form off a page as a browser would submit it (stdlib html.parser only)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def _put(self, name: str, value: str, multiple: bool = False) -> None:
        assert self._form is not None
        if multiple:
            self._form.setdefault(name, []).append(value)
        else:
            self._form[name] = value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None or "form" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self._put(name, a.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._put(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            if "multiple" in a:
                self._form.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            multiple = isinstance(self._form.get(self._select), list)
            self._put(self._select, a.get("value", ""), multiple)
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._form is not None and self._textarea:
                text = self._form[self._textarea]
                # a newline right after <textarea> is not part of the value (HTML)
                self._form[self._textarea] = text.removeprefix("\r\n").removeprefix("\n")
            self._textarea = None


def edit_form(page: str) -> dict[str, Any]:
    """The fields of the page's form that carries a record's version, as the browser
    would send them (without the CSRF token, which the test client adds)."""
    parser = _Forms()
    parser.feed(page)
    form = next(f for f in parser.forms if "version" in f)
    form.pop("csrf_token", None)
    return form


def carried_version(form: dict[str, Any]) -> int:
    """The version number the form's hidden version field carries."""
    raw = form["version"]
    return int(raw) if raw.isdigit() else json.loads(raw)["version"]
