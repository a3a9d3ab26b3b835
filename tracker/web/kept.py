"""Kept pages (issue 19, session 14): a list or record page as an officer or a viewer
reads it, rendered once per reader, language, address and day and served again from
tracker.services.read_cache until any committed write (by anyone, in any worker) or its
lifetime ends.

What is kept is the whole page as its template renders it, with two placeholders (random
strings per process, which no page text can guess) for what belongs to the request:

- the CSRF tokens, which are per session (Flask-WTF signs the session's own secret):
  replaced by this request's token;
- the flashed messages (templates/_flashes.html, taken from the session): rendered at
  each request when there are any, else nothing.

The rest of the frame (templates/base.html) depends on what the key names: the reader
(their name and role), the language, the address (the menu's current entry) and the day.
A page showing what this request brings along is not kept at all: a form refilled from
a draft kept over a login (g.form_draft, tracker.web.resubmit), a refused reason handed
back (g.kept_reasons, tracker.web.reasons), a refused form's errors (the views call
render_page only for a plain GET). An administrator's pages are not kept: their reads of
restricted records not theirs are audited at each read (tracker.services.gate, issue 13);
nor is any page whose working out wrote something (tracker.services.read_cache).

The key names the reader's id (their role, teams and the records they may see are data:
a change to any of them is a committed write, which drops every kept page), the
language, the full path with its query, and the day (days late, "overdue").
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from tracker import clock
from tracker.i18n import current_language
from tracker.services import read_cache

#: stands for the CSRF token in a kept page; random per process, so no text can forge it
CSRF_PLACEHOLDER = f"kept-csrf-{secrets.token_hex(16)}"
#: stands for the flashed messages in a kept page (templates/base.html's kept_flashes)
FLASHES_PLACEHOLDER = f"kept-flashes-{secrets.token_hex(16)}"


def render_page(template: str, context: Callable[[], dict[str, Any]]) -> str:
    """The page `template` renders with `context()` (computed only when needed: the
    reads and the page model go in it), kept for the reader when it may be (above).

    In: the template's name, a function giving its context. Out: the whole page's HTML."""
    if not _may_keep():
        return render_template(template, **context())
    key = ("page", current_user.id, current_language(), request.full_path, clock.today())
    (page,) = read_cache.remember_page(key, lambda: (_kept(template, context),))
    return page.replace(CSRF_PLACEHOLDER, generate_csrf()).replace(
        FLASHES_PLACEHOLDER, render_template("_flashes.html") if "_flashes" in session else ""
    )


def _may_keep() -> bool:
    """Whether this request's page may be kept and served from what is kept."""
    if request.method != "GET" or not current_user.is_authenticated or current_user.is_admin:
        return False
    return not (g.get("form_draft") or g.get("kept_reasons") or g.get("resubmit"))


def _kept(template: str, context: Callable[[], dict[str, Any]]) -> str:
    """The page with the placeholders for its CSRF tokens and flashed messages."""
    with _placeholder_token():
        return render_template(template, kept_flashes=FLASHES_PLACEHOLDER, **context())


@contextmanager
def _placeholder_token() -> Iterator[None]:
    """Within it, Flask-WTF's token of this request (g.csrf_token, read by csrf_token()
    and every form's csrf_token field) is the placeholder; the session is not touched."""
    name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    missing = object()
    before = g.get(name, missing)
    setattr(g, name, CSRF_PLACEHOLDER)
    try:
        yield
    finally:
        if before is missing:
            g.pop(name, None)
        else:
            setattr(g, name, before)
