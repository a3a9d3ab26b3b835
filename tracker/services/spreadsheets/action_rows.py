"""A file of Parties' acts (the agreement page's "Export CSV" columns), worked out without
writing: each row is checked by PartyActionInput as the form's act is, names its agreement
and a Party under it, and either adds an act, changes the act of its id, or is unchanged.
A row without an id that is a stored act (the same act: tracker.services.party_action_checks,
act_key) the same in every cell is that act, unchanged, so importing the same file twice adds
nothing the second time; one that gives the same act with other details, or repeats a row
above it, is refused on the row (the same act is never recorded twice). A confirmation saves
each row through the party-action service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain.messages import N_, Message
from tracker.domain.party_actions import ActionKind
from tracker.domain.party_names import tidy_name
from tracker.models import Agreement, Party, PartyAction, Ratification, User
from tracker.orm import db
from tracker.schemas.base import Refusal, SchemaRefusal
from tracker.schemas.party_actions import PartyActionInput
from tracker.services import party_actions as service
from tracker.services.party_action_checks import (
    ActKey,
    act_key,
    act_refusals,
    refuse_objection,
    same_act_refusal,
    same_acts,
)
from tracker.services.spreadsheets.agreement_names import AgreementNames
from tracker.services.spreadsheets.common import (
    Writing,
    changed_since_export,
    changes_between,
    note_refusals,
    validated,
)
from tracker.services.spreadsheets.fileformat import EXPORTED_AT
from tracker.services.spreadsheets.parsing import (
    Cells,
    Names,
    RowError,
    RowErrors,
    _date,
    _enum,
    _id,
    _text,
    chunks,
)

FIELDS = PartyActionInput.FIELDS

#: a row's id that names no act of the file's agreements and Parties
_NO_SUCH_ACT = Message("No act of this party under this agreement has this id.")

#: each field's cell reader: (cells, column, required) -> value, a refusal noted in cells
_FIELD_READERS: dict[str, Any] = {
    "kind": lambda cells, c, required: cells.read(_kind, c, required=required),
    "on": lambda cells, c, required: cells.read(_date, c),
    "effective_on": lambda cells, c, required: cells.read(_date, c),
    **{
        name: (lambda cells, c, required: cells.read(_text, c))
        for name in ("instrument_ref", "notification_ref", "note", "document_url")
    },
    "objects_to_id": lambda cells, c, required: cells.read(_reservation_id, c),
}


def _kind(row: dict[str, str], column: str, *, required: bool = False) -> str:
    """The act's kind as its cell gives it (ActionKind's value), read with the other cells so
    that the preview shows a wrong kind with the row's other errors at once (h16e #4)."""
    text = _text(row, column, required=required)
    return _enum(row, column, ActionKind).value if text else text


def _reservation_id(row: dict[str, str], column: str) -> int | None:
    """An objection's reservation: the id of that act, as exported; empty: not named."""
    text = row.get(column, "")
    if not text:
        return None
    if not _an_id(text):
        raise RowError(
            column, "The reservation's id is a whole number, as exported; empty: none named."
        )
    return int(text)


def _an_id(text: str) -> bool:
    return text.isascii() and text.isdigit() and 0 < int(text) < 2**31


def _label(row: dict[str, str], agreement: Agreement | None, party: Party | None, kind: Any) -> str:
    """The row's label in the preview, whatever its outcome, errors or not (h16g #2): its
    agreement's short title (display_title), its Party's name and the act's kind, each as
    the file gives it where the tracker finds none."""
    parts = (
        agreement.display_title if agreement is not None else row.get("agreement", ""),
        party.name if party is not None else row.get("party", ""),
        str(kind or row.get("kind", "")),
    )
    return " · ".join(part for part in parts if part)


#: what the checks against the stored acts read of a row (tracker.services.party_action_checks)
_IDENTITY = ("kind", "on", "objects_to_id")


def _parsed(cells: Cells, fields: dict[str, Any]) -> dict[str, Any]:
    """The act's kind (ActionKind), date and reservation as the row gives them, those of
    its cells that neither the cells nor the schema refused."""
    parsed = {n: fields[n] for n in _IDENTITY if n in fields and not cells.failed(n)}
    if parsed.get("kind"):
        parsed["kind"] = ActionKind(parsed["kind"])
    return parsed


def _whole(parsed: dict[str, Any]) -> bool:
    """Whether the row's act is known enough to be checked against the stored acts."""
    return all(name in parsed for name in _IDENTITY) and bool(parsed["kind"])


def _moves(parsed: dict[str, Any], stored: PartyAction) -> bool:
    """Whether the row gives the stored act another kind, date or reservation."""
    return any(value != getattr(stored, name) for name, value in parsed.items())


def _objection_refusals(
    party_row: Ratification, parsed: dict[str, Any], added: Iterable[ActKey]
) -> list[Refusal]:
    """What refuse_objection says of a new act (its reservation, its date against it; a
    withdrawal with no reservation standing), as a list."""
    try:
        refuse_objection(party_row, PartyActionInput.model_construct(**parsed), added=added)
    except SchemaRefusal as refusal:
        return list(refusal.refusals)
    return []


#: a row that gives the same act as a row above it in the file
_SAME_AS_ABOVE = Refusal(
    "on", Message("This is the same act as a row above in this file: give it once.")
)

#: when an act of the file changed between its reading and its writing
CHANGED_WHILE_IMPORTING = N_(
    "An act of this file was changed by someone else while it was imported; nothing was "
    "imported. Preview the file again and confirm."
)


def _cells(values: Any) -> dict[str, str]:
    """An act's fields as the file's cells (a date ISO 8601, empty when not recorded)."""
    cells = {}
    for name in FIELDS:
        value = getattr(values, name)
        cells[name] = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
        if hasattr(value, "value"):
            cells[name] = value.value
    return cells


class ActionPlan:
    """The rows of an act file, planned in order (a row sees the acts the rows above it add)."""

    #: what the plan read, to compare under the write lock (tracker.services.spreadsheets.run):
    #: None, so that any commit by another connection meanwhile has the file worked out again
    seen = None

    def __init__(self, actor: User) -> None:
        self.actor = actor
        #: (what, the act to change or the Party's row to add to, the validated input)
        self.planned: list[tuple[str, Any, PartyActionInput]] = []

    def read(self, rows: list[dict[str, str]]) -> None:
        """Read the agreements, Parties and acts the file names, a few queries in all."""
        self.agreements = AgreementNames(r.get("agreement", "") for r in rows)
        self.parties = Names(  # any of a Party's names (h16c #4)
            Party,
            Party.name_key,
            [tidy_name(r.get("party", "")) for r in rows],  # runs of spaces as one (h16e #3)
            also=(Party.short_name, Party.name_ru, Party.name_kk),
        )
        agreement_ids = sorted(self.agreements.ids)
        self.party_rows: dict[tuple[int, int], Ratification] = {}
        for part in chunks(agreement_ids):
            for row in db.session.scalars(
                select(Ratification)
                .where(Ratification.agreement_id.in_(part))
                .options(selectinload(Ratification.actions))
            ):
                self.party_rows[(row.agreement_id, row.party_id)] = row
        self.actions = {a.id: a for row in self.party_rows.values() for a in row.actions}
        # the acts a file of ids alone names (a file with only some columns, "id,note")
        ids = sorted({int(i) for i in (r.get("id", "") for r in rows) if _an_id(i)})
        for part in chunks(ids):
            for act in db.session.scalars(
                select(PartyAction)
                .where(PartyAction.id.in_(part))
                .options(selectinload(PartyAction.party_row).selectinload(Ratification.actions))
            ):
                self.actions.setdefault(act.id, act)
                found = act.party_row
                self.party_rows.setdefault((found.agreement_id, found.party_id), found)
        #: the acts the rows above add, per Party's row: their act_key
        self.added: dict[int, set[ActKey]] = {}

    def row(
        self, row: dict[str, str]
    ) -> tuple[str, str, Message | None, list[tuple[str, str, str]]]:
        """What the row does: "create", "update" or "unchanged", with its label and the
        cells it changes. A row with an id may have only some columns: the others keep the
        stored act's values. Raises RowErrors with every refusal of the row at once, each at
        its column (h16g #1, as the agreements' and milestones' files do): its cells', its
        names', the act's schema's on the cells that parsed, and the checks against the
        stored acts on the kind, date and reservation when those parsed."""
        cells = Cells(row)
        act_id = cells.read(lambda r, _: _id(r), "id")
        stored = self.actions.get(act_id) if act_id is not None else None
        if act_id is not None and stored is None:
            cells.errors.append(("id", _NO_SUCH_ACT))
        # an id that names no act (or is none): refused at the id; the columns the file
        # does not have are not asked for (a file of some columns changes stored acts)
        unknown_id = stored is None and bool(row.get("id"))
        agreement, party = self._parties(cells, stored, unknown_id)
        party_row = None
        if agreement is not None and party is not None:
            party_row = self.party_rows.get((agreement.id, party.id))
            if party_row is None:
                error = RowError(
                    "party",
                    "%(party)s is not a party to %(agreement)s.",
                    party=party.named,
                    agreement=agreement.display_title,
                )
                cells.errors.append((error.column, error.message))
        if stored is not None and party_row is not None and stored.party_row is not party_row:
            cells.errors.append(("id", _NO_SUCH_ACT))
        fields: dict[str, Any] = {}
        for name, reader in _FIELD_READERS.items():
            if cells.has(name) or (stored is None and not unknown_id):
                fields[name] = reader(cells, name, not row.get("id") and name == "kind")
            elif stored is not None:
                fields[name] = getattr(stored, name)
        label = _label(row, agreement, party, fields.get("kind"))
        data = validated(cells, PartyActionInput, fields, only=row if unknown_id else None)
        parsed = _parsed(cells, fields)
        if stored is not None:
            return self._change(cells, stored, data, parsed, label)
        return self._add(cells, party_row, data, parsed, label)

    def _change(
        self,
        cells: Cells,
        stored: PartyAction,
        data: PartyActionInput | None,
        parsed: dict[str, Any],
        label: str,
    ) -> tuple[str, str, Message | None, list[tuple[str, str, str]]]:
        """A row onto its stored act. A row that is its stored act, unchanged, is not
        checked as a change: the stored act's faults stay flagged in the consistency panel
        (h16e #1); a changed act may not become one already recorded, among others. A row
        refused already is checked so only when it moves the act (its kind, date or
        reservation): what else it changes is not known."""
        changes = changes_between(_cells(stored), _cells(data)) if data is not None else None
        warning = None
        if changes or (changes is None and _moves(parsed, stored)):
            if _whole(parsed):
                note_refusals(cells, act_refusals(stored.party_row, **parsed, action=stored))
            elif "on" in parsed:
                note_refusals(cells, act_refusals(None, None, parsed["on"]))  # in the future
        if changes or changes is None:
            warning = cells.read(lambda r, _: changed_since_export(r, stored), EXPORTED_AT)
        if cells.errors or data is None or changes is None:
            raise RowErrors(cells.errors, label)
        what = "update" if changes else "unchanged"
        self.planned.append((what, stored, data))
        return what, label, warning, changes

    def _add(
        self,
        cells: Cells,
        party_row: Ratification | None,
        data: PartyActionInput | None,
        parsed: dict[str, Any],
        label: str,
    ) -> tuple[str, str, Message | None, list[tuple[str, str, str]]]:
        """A row without an id: a new act of the Party of `party_row` (None: the row names
        none, refused already), or a stored act the same in every cell, unchanged."""
        if party_row is None or not _whole(parsed):  # refused already
            if "on" in parsed:
                note_refusals(cells, act_refusals(None, None, parsed["on"]))  # in the future
            raise RowErrors(cells.errors, label)
        key = act_key(**parsed)
        added = self.added.get(party_row.id, set())
        stored_same = same_acts(party_row, key)
        if key in added:
            note_refusals(cells, [_SAME_AS_ABOVE])
        elif stored_same:
            if data is not None and not changes_between(_cells(stored_same[0]), _cells(data)):
                self.planned.append(("unchanged", party_row, data))
                return "unchanged", label, None, []
            note_refusals(cells, [same_act_refusal(party_row, parsed["kind"], parsed["on"])])
        else:
            # a new act's date (its same act: above), its reservation, its withdrawal
            dated = act_refusals(None, None, parsed["on"])
            note_refusals(cells, dated + _objection_refusals(party_row, parsed, added))
        if cells.errors or data is None:
            raise RowErrors(cells.errors, label)
        self.added.setdefault(party_row.id, set()).add(key)
        self.planned.append(("create", party_row, data))
        return "create", label, None, []

    def _parties(
        self, cells: Cells, stored: PartyAction | None, unknown_id: bool
    ) -> tuple[Any, Any]:
        """The agreement and the Party the row names, or a stored act's when the file has
        no such column (None when its id names no act, `unknown_id`); None for a refused
        cell (noted in `cells`)."""
        found = []
        for column, names, of_stored in (
            ("agreement", self.agreements, lambda act: act.party_row.agreement),
            ("party", self.parties, lambda act: act.party_row.party),
        ):
            if (stored is not None or unknown_id) and not cells.has(column):
                found.append(of_stored(stored) if stored is not None else None)
                continue
            text = cells.read(_text, column, required=True)
            if column == "party" and text:
                text = tidy_name(text)
            found.append(cells.lookup(names, text, column) if text else None)
        return found[0], found[1]

    @staticmethod
    def writing(plan: ActionPlan, actor: User) -> Writing:
        """The plan's writing for the import's runner: a file of acts is short (one
        agreement's Parties), so it is saved act by act, under the write lock."""
        writing = Writing(PartyAction.__table__, CHANGED_WHILE_IMPORTING)
        writing.after.append(lambda _: plan.save(actor))
        return writing

    def save(self, actor: User) -> None:
        """Write the planned rows through the party-action service (it flushes)."""
        for what, target, data in self.planned:
            if what == "create":
                service.record_action(target, data, actor=actor)
            elif what == "update":
                service.update_action(
                    target,
                    {name: getattr(data, name) for name in FIELDS},
                    actor=actor,
                    expected_version=target.version,
                )
