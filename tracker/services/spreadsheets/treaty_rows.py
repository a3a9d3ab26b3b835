"""Files of final clauses and of relations between agreements (the agreement page's
"Export CSV" of each), worked out without writing, as a file of Parties' acts is.

A final clause's row names its agreement and purpose (one rule per agreement and
purpose): it adds the rule, changes the rule the agreement has for that purpose, or is
unchanged. A relation's row names its agreement, kind and other agreement ("agreement
<kind> other_agreement", whichever page it was exported from): it adds the relation,
changes its note, or is unchanged. Each row is checked by the form's schema
(ClockRuleInput, RelationInput) and saved through the form's service, so an export
re-imported changes nothing, and importing a file twice adds nothing the second time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from tracker.domain.messages import N_, Message
from tracker.models import Agreement, ClockRule, TreatyRelation, User
from tracker.orm import db
from tracker.schemas.clock_rules import ClockRuleInput
from tracker.schemas.relations import RelationInput
from tracker.services import clock_rules as rule_service
from tracker.services import relations as relation_service
from tracker.services.errors import ServiceError
from tracker.services.spreadsheets.agreement_names import AgreementNames
from tracker.services.spreadsheets.common import (
    Writing,
    changes_between,
    row_errors,
    validated,
)
from tracker.services.spreadsheets.fileformat import RELATION_COLUMNS, RULE_COLUMNS, to_csv
from tracker.services.spreadsheets.parsing import Cells, RowErrors, _id, _text, chunks

#: a row's id that is not the id of the record its other cells name
_NOT_THIS_ID = Message("This id is not the id of the record the row names.")

#: when a record of the file changed between its reading and its writing
CHANGED_WHILE_IMPORTING = N_(
    "A record of this file was changed by someone else while it was imported; nothing was "
    "imported. Preview the file again and confirm."
)


def _label(*parts: tuple[Agreement | None, str]) -> str:
    """A row's label in the preview, errors or not (h16g #2): each part an agreement's
    short title (display_title), or the file's cell where the tracker finds none."""
    shown = (found.display_title if found is not None else cell for found, cell in parts)
    return " · ".join(part for part in shown if part)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(getattr(value, "value", value))


class _Plan:
    """What the two kinds share: the agreements the file names, and the writing."""

    #: nothing read to compare under the write lock: any commit meanwhile has the file
    #: worked out again (tracker.services.spreadsheets.run)
    seen = None

    def __init__(self, actor: User) -> None:
        self.actor = actor
        self.planned: list[tuple[str, Any, Any, Any]] = []

    def _agreements(self, rows: list[dict[str, str]], *columns: str) -> None:
        names = [r.get(c, "") for r in rows for c in columns]
        self.agreements = AgreementNames(names)

    def _agreement(self, cells: Cells, column: str) -> Agreement | None:
        text = cells.read(_text, column, required=True)
        return cells.lookup(self.agreements, text, column) if text else None

    @staticmethod
    def writing(plan: _Plan, actor: User) -> Writing:
        """Saved row by row through the form's service, under the write lock."""
        writing = Writing(plan.TABLE, CHANGED_WHILE_IMPORTING)  # type: ignore[attr-defined]
        writing.after.append(lambda _: plan.save(actor))  # type: ignore[attr-defined]
        return writing


class RulePlan(_Plan):
    """The rows of a file of final clauses, in order (a row sees the rules rows above add)."""

    TABLE = ClockRule.__table__

    def read(self, rows: list[dict[str, str]]) -> None:
        self._agreements(rows, "agreement")
        ids = sorted(self.agreements.ids)
        self.rules: dict[tuple[int, str], ClockRule] = {}
        for part in chunks(ids):
            for rule in db.session.scalars(
                select(ClockRule).where(ClockRule.agreement_id.in_(part))
            ):
                self.rules[(rule.agreement_id, rule.purpose.value)] = rule
        self.added: set[tuple[int, str]] = set()

    def row(
        self, row: dict[str, str]
    ) -> tuple[str, str, Message | None, list[tuple[str, str, str]]]:
        """What the row does. Raises RowErrors with every refusal of the row at once."""
        cells = Cells(row)
        rule_id = cells.read(lambda r, _: _id(r), "id")
        agreement = self._agreement(cells, "agreement")
        fields = {name: row.get(name, "") for name in ClockRuleInput.FIELDS}
        fields = {k: v for k, v in fields.items() if v != "" or k == "note"}
        label = _label((agreement, row.get("agreement", "")), (None, row.get("purpose", "")))
        data = validated(cells, ClockRuleInput, fields)
        if cells.errors or data is None or agreement is None:
            raise RowErrors(cells.errors, label)
        key = (agreement.id, data.purpose.value)
        stored = self.rules.get(key)
        if rule_id is not None and (stored is None or stored.id != rule_id):
            raise_id(label)
        if stored is None:
            if key in self.added:
                try:
                    rule_service.refuse_second_purpose()
                except ServiceError as error:
                    raise row_errors(error, label) from None
            self.added.add(key)
            self.planned.append(("create", agreement, None, data))
            return "create", label, None, []
        changes = changes_between(
            {n: _cell(getattr(stored, n)) for n in ClockRuleInput.FIELDS},
            {n: _cell(getattr(data, n)) for n in ClockRuleInput.FIELDS},
        )
        what = "update" if changes else "unchanged"
        self.planned.append((what, agreement, stored, data))
        return what, label, None, changes

    def save(self, actor: User) -> None:
        for what, agreement, stored, data in self.planned:
            fields = data.model_dump()
            if what == "create":
                rule_service.add_rule(agreement, fields, actor=actor)
            elif what == "update":
                rule_service.update_rule(
                    agreement, stored, fields, actor=actor, expected_version=stored.version
                )


class RelationPlan(_Plan):
    """The rows of a file of relations, in order."""

    TABLE = TreatyRelation.__table__

    def read(self, rows: list[dict[str, str]]) -> None:
        self._agreements(rows, "agreement", "other_agreement")
        ids = sorted(self.agreements.ids)
        self.relations: dict[tuple[int, str, int], TreatyRelation] = {}
        for part in chunks(ids):
            for relation in db.session.scalars(
                select(TreatyRelation).where(TreatyRelation.from_agreement_id.in_(part))
            ):
                key = (relation.from_agreement_id, relation.kind.value, relation.to_agreement_id)
                self.relations[key] = relation
        self.added: set[tuple[int, str, int]] = set()

    def row(
        self, row: dict[str, str]
    ) -> tuple[str, str, Message | None, list[tuple[str, str, str]]]:
        """What the row does. Raises RowErrors with every refusal of the row at once."""
        cells = Cells(row)
        relation_id = cells.read(lambda r, _: _id(r), "id")
        agreement = self._agreement(cells, "agreement")
        other = self._agreement(cells, "other_agreement")
        fields: dict[str, Any] = {"kind": row.get("kind", ""), "note": row.get("note", "")}
        if other is not None:
            fields["other_agreement_id"] = other.id
        label = _label(
            (agreement, row.get("agreement", "")),
            (None, row.get("kind", "")),
            (other, row.get("other_agreement", "")),
        )
        data = validated(cells, RelationInput, fields)
        if cells.errors or data is None or agreement is None or other is None:
            raise RowErrors(cells.errors, label)
        key = (agreement.id, data.kind.value, other.id)
        stored = self.relations.get(key)
        if relation_id is not None and (stored is None or stored.id != relation_id):
            raise_id(label)
        if stored is None:
            if key not in self.added:
                # the same checks as the form (itself, the same pair either way round)
                try:
                    relation_service.check_relation(
                        agreement, data, actor=self.actor, planned=self.added
                    )
                except ServiceError as error:
                    raise row_errors(error, label) from None
                self.added.add(key)
                self.planned.append(("create", agreement, None, data))
                return "create", label, None, []
            return "unchanged", label, None, []
        changes = changes_between({"note": stored.note}, {"note": data.note})
        what = "update" if changes else "unchanged"
        self.planned.append((what, agreement, stored, data))
        return what, label, None, changes

    def save(self, actor: User) -> None:
        for what, agreement, stored, data in self.planned:
            if what == "create":
                relation_service.add_relation(agreement, data.model_dump(), actor=actor)
            elif what == "update":
                relation_service.change_note(stored, data.note, actor=actor)


def raise_id(label: str = "") -> None:
    """Raises RowErrors: the row's id is not that of the record it names (`label`: the
    row's, for the preview)."""
    raise RowErrors([("id", _NOT_THIS_ID)], label)


# --- the exports the imports read back ------------------------------------------------


def rules_csv(agreement: Agreement) -> str:
    """The agreement's final clauses as CSV (tracker.services.spreadsheets' format, RULE_COLUMNS),
    which the import of final clauses reads back unchanged."""
    return to_csv(
        RULE_COLUMNS,
        (
            (
                str(r.id),
                agreement.title,
                r.purpose.value,
                r.mode.value,
                r.anchor.value,
                str(r.offset),
                r.unit.value,
                "" if r.nth is None else str(r.nth),
                r.note,
            )
            for r in sorted(agreement.clock_rules, key=lambda r: r.id)
        ),
    )


def relations_csv(agreement: Agreement) -> str:
    """The relations `agreement` is on either side of, as CSV (RELATION_COLUMNS: "agreement
    <kind> other_agreement", whichever side this one is), which the import of relations
    reads back unchanged."""
    found = db.session.scalars(
        select(TreatyRelation)
        .where(
            or_(
                TreatyRelation.from_agreement_id == agreement.id,
                TreatyRelation.to_agreement_id == agreement.id,
            )
        )
        .options(joinedload(TreatyRelation.from_agreement), joinedload(TreatyRelation.to_agreement))
        .order_by(TreatyRelation.id)
    )
    return to_csv(
        RELATION_COLUMNS,
        (
            (
                str(r.id),
                r.from_agreement.title,
                r.kind.value,
                r.to_agreement.title,
                r.note,
            )
            for r in found
        ),
    )
