"""Fair conflicts (issue #15, item 8): an edit form carries the values the officer started
from, so that when another officer saved the record meanwhile, their changes are carried
into the form (tracker.domain.merge), a field both changed is shown side by side and must
be chosen, and "save again" can never undo someone else's work silently.

The starting values ride in the form's one hidden version field, serialised as JSON
({"version": 7, "base": {...}, "clashes": [...]}); a bare number (an older page, a test
client) still works, with an unknown start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from flask import request
from flask_babel import gettext
from wtforms import HiddenField, SelectMultipleField
from wtforms.fields import BooleanField, DateField, SelectFieldBase

from tracker.domain.merge import merge
from tracker.i18n import format_day, format_moment

if TYPE_CHECKING:
    from wtforms import Field

    from tracker.web.forms import TrackerForm

#: the field types that never take part in a merge (what they hold is not the record's)
_NOT_MERGED_TYPES = {"CSRFTokenField", "SubmitField", "FileField", "PasswordField"}


class VersionField(HiddenField):
    """The version of the record the user loaded, for lost-update protection, and (for a
    form that merges) the values the user started from and the clashes still to choose."""

    base: dict[str, Any] | None = None
    clashes: tuple[str, ...] = ()
    posted: bool = False

    def process_formdata(self, valuelist: list[str]) -> None:
        raw = valuelist[0] if valuelist else ""
        self.posted = bool(valuelist)
        self.base, self.clashes = None, ()
        if raw.isascii() and raw.isdigit():
            self.data = int(raw)
            return
        self.data = None  # refused as "did not say which version" by the service
        try:
            carried = json.loads(raw)
        except ValueError:
            return
        if not isinstance(carried, dict):
            return
        version, base = carried.get("version"), carried.get("base")
        if isinstance(version, int) and not isinstance(version, bool) and version >= 0:
            self.data = version
        if isinstance(base, dict):
            self.base = base
            clashes = carried.get("clashes")
            if isinstance(clashes, list):
                self.clashes = tuple(c for c in clashes if isinstance(c, str) and c in base)

    def _value(self) -> str:
        form: TrackerForm | None = getattr(self, "_form", None)
        base = self.base
        if base is None and not self.posted and form is not None and form.merges:
            base = starting_values(form)  # a page as first shown: what the record holds
        if base is None:
            return "" if self.data is None else str(self.data)
        carried = {"version": self.data, "base": base, "clashes": list(self.clashes)}
        return json.dumps(carried, ensure_ascii=False, separators=(",", ":"))


def plain(value: Any, *, lines: bool = False) -> Any:
    """A value as the merge compares it: enums by value, dates as ISO text, an empty text
    as None, lists item by item; `lines` reads a text as its non-empty lines."""
    if lines:
        text = value or ""
        if isinstance(text, list | tuple):
            return [plain(item) for item in text]
        return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
    if isinstance(value, list | tuple | set):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value == "":
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return getattr(value, "id", str(value))  # a record standing for its id


def merged_fields(form: TrackerForm) -> list[Field]:
    """The form's fields that hold the record's values (not the token, version or buttons)."""
    return [
        f
        for f in form
        if f.type not in _NOT_MERGED_TYPES
        and not isinstance(f, VersionField)
        and f.short_name not in form.not_merged
    ]


def starting_values(form: TrackerForm) -> dict[str, Any]:
    """What the form now holds, as the merge compares it (the start of an edit)."""
    return {
        f.short_name: plain(f.data, lines=f.short_name in form.line_lists)
        for f in merged_fields(form)
    }


def _is_list(form: TrackerForm, f: Field) -> bool:
    return isinstance(f, SelectMultipleField) or f.short_name in form.line_lists


def put(form: TrackerForm, f: Field, value: Any) -> None:
    """Set field `f` to a merged value, as if the browser had sent it."""
    if f.short_name in form.line_lists:
        raw = ["\n".join(str(v) for v in value or [])]
    elif isinstance(value, list):
        raw = [str(v) for v in value]
    elif value is None or value is False:
        raw = [""] if not isinstance(f, BooleanField) else []
    elif value is True:
        raw = ["y"]
    else:
        raw = [str(value)]
    try:
        f.process_formdata(raw)
    except ValueError:
        f.data = None
    f.raw_data = raw


def shown(f: Field, value: Any) -> str:
    """A merged value as the reader reads it: a choice's label, a formatted date."""
    if value is None or value == []:
        return gettext("(empty)")
    if isinstance(value, list):
        return ", ".join(shown(f, item) for item in value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(f, SelectFieldBase) and getattr(f, "choices", None):
        for choice in f.choices:
            key, text = (choice.value, choice.label) if hasattr(choice, "label") else choice[:2]
            if str(key) == str(value):
                return str(text)
    if isinstance(f, DateField):
        try:
            return format_day(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


@dataclass
class Clash:
    """A field both officers changed, side by side: this officer's value and theirs."""

    mine: str
    theirs: str


@dataclass
class ChangedField:
    """A field the other officer changed: from what this officer started with to theirs."""

    label: str
    started: str
    theirs: str
    #: "carried" (their value taken into the form), "merged" (a list both changed, merged
    #: item by item), "clash" (to choose) or "same" (as this officer's)
    outcome: str


@dataclass
class ConflictReport:
    """Who saved the record meanwhile and when, and what they changed."""

    saved_by: str | None = None
    saved_at: str | None = None
    changed: list[ChangedField] = field(default_factory=list)


def merge_into(form: TrackerForm, record: Any) -> ConflictReport:
    """Merge the record as another officer saved it into the form: their changes to fields
    this officer did not touch are carried into the form; a field both changed is marked
    as a clash (shown side by side, to be chosen on the next save). The form then starts
    from the record as it now stands."""
    version = form._fields.get("version")
    report = ConflictReport()
    if not form.merges or not isinstance(version, VersionField):
        return report
    fields = {f.short_name: f for f in merged_fields(form)}
    theirs_raw = form.values_of(record)
    names = [name for name in fields if name in theirs_raw]
    mine = {n: plain(fields[n].data, lines=n in form.line_lists) for n in names}
    theirs = {n: plain(theirs_raw[n], lines=n in form.line_lists) for n in names}
    lists = {n for n in names if _is_list(form, fields[n])}
    base = version.base if version.base is not None else {}
    result = merge(base, mine, theirs, lists=lists)
    for name in result.carried:
        put(form, fields[name], result.values[name])
    for name in result.clashes:
        f = fields[name]
        f.clash = Clash(shown(f, mine[name]), shown(f, theirs[name]))  # type: ignore[attr-defined]
        f.errors = [*f.errors, clash_message()]
    for name in result.theirs_changed:
        f = fields[name]
        if name in result.clashes:
            outcome = "clash"
        elif name in result.carried:
            # a list both changed merges item by item: this officer did change it
            outcome = "merged" if name in result.mine_changed else "carried"
        else:
            outcome = "same"
        started = shown(f, base[name]) if name in base else gettext("(not known)")
        report.changed.append(
            ChangedField(str(f.label.text), started, shown(f, theirs[name]), outcome)
        )
    version.base = theirs
    version.clashes = result.clashes
    return report


def clash_message() -> str:
    """The message at a field both officers changed (the side-by-side choice is below it)."""
    return gettext("You and the other officer both changed this: choose which value to keep.")


def settle_clashes(form: TrackerForm) -> list[Field]:
    """On the save after a conflict: apply the officer's choice for each clash ("theirs"
    puts the other officer's value back). Returns the clashing fields not chosen yet."""
    version = form._fields.get("version")
    if not isinstance(version, VersionField) or not version.clashes or version.base is None:
        return []
    fields = {f.short_name: f for f in merged_fields(form)}
    unsettled, settled = [], []
    for name in version.clashes:
        f = fields.get(name)
        if f is None:
            continue
        choice = request.form.get(f"{f.name}-keep")
        if choice == "theirs":
            put(form, f, version.base[name])
            settled.append(name)
        elif choice == "mine":
            settled.append(name)
        else:
            mine = plain(f.data, lines=f.short_name in form.line_lists)
            f.clash = Clash(shown(f, mine), shown(f, version.base[name]))  # type: ignore[attr-defined]
            unsettled.append(f)
    version.clashes = tuple(n for n in version.clashes if n not in settled)
    return unsettled


def saved_when(moment: datetime | None) -> str | None:
    """When the other officer saved, in the reader's time and language."""
    return format_moment(moment) if moment is not None else None
