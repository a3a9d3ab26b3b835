"""An audit event's changes as the rows a page shows (the audit log, a track's Activity
panel), each said as the pages say things: issue 17, found by a fresh check.

An event stores each changed field's value before and after as plain JSON
(tracker.audit_text says one value). Here the event becomes rows, one per field that
changed: no row for a field whose value is the same before and after ("Status reached on
1 Dec → 1 Dec"), nor for an administrator's move not forced; a provision's texts
(language -> text) become one row per language that changed ("English text"), each a
short excerpt around the change, shown as the text's pages show it (escaped brackets
without their backslashes); a list of Parties or officers by their names; our side by
the Party's name in the reader's language. A row for a field naming another record keeps
its id, for the template to link it (templates/_audit.html).

A provision's event keeps the heading the provision had when the change was made
(tracker.services.provisions.heading_kept); event_record names the event's record by it,
so a row still says "Article 2" after a renumbering made it Article 3 (issue 17, faults
from the re-check, part 2). Internal keys and ids are never rows.

Positions are never here: a position's save is its own record (Position), not shown on a
track's panel (tracker.services.overview.track_activity), and its words are not stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.audit_text import ID_FIELDS, field_label, field_value, record_kind
from tracker.domain import brackets
from tracker.domain.provisions import LANGUAGES
from tracker.i18n import current_language
from tracker.labels import provision_heading
from tracker.models import Party, User
from tracker.orm import db

#: a provision's text in each language, as a row of a change names it
TEXT_LABELS: Mapping[str, Any] = {
    "en": _l("English text"),
    "ru": _l("Russian text"),
    "kk": _l("Kazakh text"),
}
#: the fields listing other records by id, and the kind of record each lists
ID_LISTS: Mapping[str, type] = {
    "party_ids": Party,
    "counterpart_ids": Party,
    "member_ids": User,
}
#: the fields naming people (hidden where the page leaves out other records: ids=False)
_PEOPLE = frozenset({"member_ids"})
#: stored values that are never a row: a provision's key, the heading it had when the
#: change was made (said in the event's record: event_record), the ids of the positions
#: read (issue 17, faults from the re-check, part 2: no internal key or id shown) and, for
#: a read of many, their provisions' headings kept beside them (h19g1 #4), the sides a
#: positions save kept to name its fields (_position_fields)
_NEVER_ROWS = frozenset({"key", "heading", "headings", "ids", "position_id", "sides"})
#: the values a positions save names its record by ("Positions on Article 3, Round 2")
_NAMING = {"Position": frozenset({"round_id", "provision_id"})}
#: a read of the positions on a provision (object: the Provision) is named by its round
#: as a save is (h17e #1): "Positions on Article 2, Round 2"
_READ = "position.read"
_READ_NAMING = frozenset({"round_id"})

#: characters of unchanged text kept either side of a change in a text's excerpt
CONTEXT = 30
#: the longest excerpt of a text's change, in characters, before it is cut with "…"
LONGEST = 160


@dataclass(frozen=True)
class Shown:
    """A value as a row shows it: words, or a record to link (kind, id) by its name."""

    text: str = ""
    link: tuple[str, int] | None = None


@dataclass(frozen=True)
class ChangeRow:
    """One changed field: its label, the value after and (None: no value before, e.g. a
    record added) before; `token`: a long value with no space (a checksum, a file name),
    which may break anywhere."""

    label: str
    after: Shown
    before: Shown | None = None
    token: bool = False


def change_rows(event: Any, ids: bool = True) -> list[ChangeRow]:
    """The rows of an audit event's changes (`event.before`/`event.after`, dicts or None),
    in the order of `after`. ids=False leaves out the fields that name another record
    or person (a page open to readers of this record only: the other may be one they
    may not see) and the provision's key."""
    after: Mapping[str, Any] = event.after or {}
    before: Mapping[str, Any] | None = event.before
    kind = event.object_type
    rows: list[ChangeRow] = []
    # a save that kept its provision's heading is named by it and its round (event_record)
    naming = _naming(event) if kept_heading(after.get("heading")) else ()
    for key, value in after.items():
        if key in _NEVER_ROWS or key in naming:
            continue
        if not ids and (key in ID_FIELDS or key in _PEOPLE):
            continue
        if key == "forced" and not value:  # a forced move says so, the others do not
            continue
        had = before is not None and key in before
        old = before[key] if had and before is not None else None
        if had and old == value:
            continue
        if key == "texts" and isinstance(value, Mapping):
            rows.extend(_text_rows(old if isinstance(old, Mapping) else None, value))
            continue
        if key == "changed" and kind == "Position" and isinstance(value, list):
            shown_after = Shown(_position_fields(value, after.get("sides")))
        else:
            shown_after = _shown(key, value, kind)
        rows.append(
            ChangeRow(
                label=_label(key, kind),
                after=shown_after,
                before=_shown(key, old, kind) if had else None,
                token=isinstance(value, str) and len(value) > 20 and " " not in value,
            )
        )
    return rows


def kept_heading(value: Any) -> str | None:
    """A provision's heading as an event kept it (tracker.services.provisions.heading_kept:
    {"kind", "number", "title"}) in the reader's language: "Article 2", «Статья 2»,
    with its title after a dash ("Article 2 — Scope"); None for no heading kept."""
    if not isinstance(value, Mapping) or not value.get("kind"):
        return None
    try:
        heading = provision_heading(str(value["kind"]), str(value.get("number") or ""))
    except ValueError:  # a kind no longer known
        return None
    title = str(value.get("title") or "").strip()
    return f"{heading} — {title}" if title else heading


def event_record(event: Any, names: Mapping[tuple[str, int], str] | None) -> str | None:
    """The record an event is about, as its row names it, or None (the page then names it
    by today's name, from `names`, or by its kind and id). A provision by the heading it
    had when the change was made ("Provision: Article 2", though it is Article 3 now);
    a positions save by its provision and round ("Positions on Article 3, Round 2").
    Events written before the heading was kept name the provision as it is named today."""
    after: Mapping[str, Any] = event.after or {}
    names = names or {}
    if event.object_type == "Provision" and getattr(event, "action", "") == _READ:
        # a read of its positions, by the heading kept then (h17e #1), as a save is
        heading = kept_heading(after.get("heading"))
        return _positions_named(heading, after, names) if heading else None
    if event.object_type == "Provision":
        heading = kept_heading(after.get("heading"))
        return f"{record_kind('Provision')}: {heading}" if heading else None
    if event.object_type == "Position":
        heading = kept_heading(after.get("heading"))
        if heading is None and isinstance(after.get("provision_id"), int):
            heading = names.get(("Provision", after["provision_id"]))
        return _positions_named(heading, after, names)
    return None


def _naming(event: Any) -> frozenset[str]:
    """The stored values an event's record is named by (event_record), not rows."""
    if getattr(event, "action", "") == _READ and event.object_type == "Provision":
        return _READ_NAMING
    return _NAMING.get(event.object_type, frozenset())


def _positions_named(
    heading: str | None, after: Mapping[str, Any], names: Mapping[tuple[str, int], str]
) -> str | None:
    """ "Positions on Article 3, Round 2" (the round by today's name, from `names`), or
    without the round where it is not named; None without a heading."""
    round_name = (
        names.get(("Milestone", after["round_id"]))
        if isinstance(after.get("round_id"), int)
        else None
    )
    if heading and round_name:
        return gettext("Positions on %(provision)s, %(round)s", provision=heading, round=round_name)
    if heading:
        return gettext("Positions on %(provision)s", provision=heading)
    return None


def _label(key: str, kind: str) -> str:
    """A field's label, in the words of the record's own form."""
    if key == "position":  # the order of a provision (or an area), not a negotiating one
        return str(_l("Place in the text") if kind == "Provision" else _l("Place in the list"))
    if key == "title" and kind == "Provision":  # the provision form's word (h17e #4)
        return str(_l("Heading"))
    return field_label(key)


def _position_fields(names: list[Any], sides: Any) -> str:
    """The fields a positions save changed, in the positions form's words
    (tracker.web.texts.forms.PositionForm.name_sides, h17e #4): "Our position (KZ)",
    "Their position (EU)" with the sides the save kept ({"ours", "theirs"}: short names
    as tracker.domain.sides.Sides has them), else "Our position", "Counterpart's
    position" as the form says them while our side is not known."""
    kept: Mapping[str, Any] = sides if isinstance(sides, Mapping) else {}
    said = []
    for name in (str(n) for n in names):
        if name == "ours" and kept.get("ours"):
            said.append(gettext("Our position (%(side)s)", side=kept["ours"]))
        elif name == "theirs" and kept.get("theirs"):
            said.append(gettext("Their position (%(side)s)", side=kept["theirs"]))
        else:
            said.append(field_label(name))
    return ", ".join(said) or "—"


def _shown(key: str, value: Any, kind: str) -> Shown:
    """A stored value as a row shows it."""
    if key in ID_FIELDS and value:
        return Shown(link=(ID_FIELDS[key], int(value)))
    if key in ID_LISTS and isinstance(value, list):
        return Shown(", ".join(_names(ID_LISTS[key], value)) or "—")
    if key == "our_side":
        return Shown(side_named(value))
    return Shown(field_value(key, value, kind))


def side_named(short_name: Any) -> str:
    """Our side as a row says it: the Party's name in the reader's language with its short
    name ("Қазақстан Республикасы (KZ)"); the short name alone for no Party of the
    register; empty: the installation's setting."""
    if not short_name:
        return str(_l("the installation's setting"))
    party = db.session.scalar(select(Party).where(Party.short_name == str(short_name)))
    if party is None:
        return str(short_name)
    return f"{party.name_in(current_language())} ({short_name})"


def _names(model: type, ids: Iterable[Any]) -> list[str]:
    """The names of the records of `model` (Party, User) with these ids, in the order
    given; an id no longer found as "#id"."""
    wanted = [int(i) for i in ids if isinstance(i, int | str) and str(i).isdigit()]
    found = {r.id: r for r in db.session.scalars(select(model).where(model.id.in_(wanted)))}
    language = current_language()
    names = []
    for ident in wanted:
        record = found.get(ident)
        if record is None:
            names.append(f"#{ident}")
        elif isinstance(record, Party):
            names.append(record.name_in(language))
        else:
            names.append(record.name)
    return names


def _text_rows(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> list[ChangeRow]:
    """One row per language whose text changed (added, changed or removed), each an
    excerpt around the change."""
    rows = []
    languages = [c for c in LANGUAGES if c in after or (before and c in before)]
    languages += [c for c in (*after, *(before or {})) if c not in languages]
    for language in languages:
        new = str(after.get(language) or "")
        old = str(before.get(language) or "") if before is not None else None
        if old == new or (old is None and not new):
            continue
        label = TEXT_LABELS.get(language)
        name = str(label) if label is not None else f"{language}: {field_label('texts')}"
        if old is None:
            rows.append(ChangeRow(name, Shown(_cut(brackets.shown(new)) or "—")))
            continue
        was, now = excerpts(brackets.shown(old), brackets.shown(new))
        rows.append(ChangeRow(name, Shown(now or "—"), Shown(was or "—")))
    return rows


def excerpts(before: str, after: str) -> tuple[str, str]:
    """The part of each text that changed, with up to CONTEXT characters of the unchanged
    text either side (from a word's start or to its end), "…" where text is left out;
    each at most LONGEST characters. ("Visas within ten days.", "Visas within fifteen
    days.") -> ("Visas within ten days.", "Visas within fifteen days.")."""
    shortest = min(len(before), len(after))
    same_start = 0
    while same_start < shortest and before[same_start] == after[same_start]:
        same_start += 1
    same_end = 0
    while (
        same_end < shortest - same_start
        and before[len(before) - 1 - same_end] == after[len(after) - 1 - same_end]
    ):
        same_end += 1
    return (
        _around(before, same_start, len(before) - same_end),
        _around(after, same_start, len(after) - same_end),
    )


def _around(text: str, start: int, end: int) -> str:
    """text[start:end] with CONTEXT characters either side, cut at spaces, marked "…"."""
    begin = max(0, start - CONTEXT)
    if begin > 0:
        space = text.find(" ", begin, start)
        begin = space + 1 if space != -1 else begin
    finish = min(len(text), end + CONTEXT)
    if finish < len(text):
        space = text.rfind(" ", end, finish)
        finish = space if space != -1 else finish
    shown = _cut(text[begin:finish].strip())
    return ("…" if begin > 0 else "") + shown + ("…" if finish < len(text) else "")


def _cut(text: str) -> str:
    """`text` at most LONGEST characters, cut at a space, "…" where it is cut."""
    if len(text) <= LONGEST:
        return text
    space = text.rfind(" ", 0, LONGEST)
    return text[: space if space > 0 else LONGEST].rstrip() + "…"
