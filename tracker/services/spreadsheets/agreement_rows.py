"""An agreement file's rows, worked out without writing: what each row would create or
change, checked by the agreement's schema (tracker.schemas.agreements) as the service
checks it. The records the file names are read first, in a few set-based queries; the rows
then run in order on plain copies of them, so that a row sees what the rows above it did.

A confirmation saves each planned row through the agreement service (its parties'
ratifications and its areas are kept as the form keeps them): agreement files are short
(the ministry has hundreds of agreements, not thousands), unlike milestone files
(tracker.services.spreadsheets.bulk).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker import clock
from tracker.domain.names import fold
from tracker.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Party,
    Ratification,
    User,
)
from tracker.orm import db
from tracker.schemas.agreements import AgreementInput
from tracker.services import agreements as agreement_service
from tracker.services.records import validated_update
from tracker.services.spreadsheets.common import (
    Imported,
    also_schema_refusals,
    changed_since_export,
    changes_between,
)
from tracker.services.spreadsheets.export import agreement_cells
from tracker.services.spreadsheets.parsing import (
    CHUNK,
    Cells,
    Names,
    RowError,
    _date,
    _enum,
    _id,
    _text,
)

#: the agreement's own columns read as text, and as dates
_AGREEMENT_TEXT = ("short_title", "signed_at", "summary", "reference_url")
_AGREEMENT_DATES = ("signed_on", "provisionally_applied_on", "in_force_on")

#: an agreement of the file: (0, id) for a stored one, (1, n) for the n-th new one
Ref = tuple[int, int]


@dataclass
class AgreementState:
    ref: Ref
    values: dict[str, Any]
    party_ids: list[int]
    areas: list[str]
    updated_at: Any = None

    def record(self) -> SimpleNamespace:
        """Something the export and the schema read like an agreement."""
        get = db.session.get
        return SimpleNamespace(
            id=self.ref[1] if self.ref[0] == 0 else None,
            updated_at=self.updated_at,
            parties=[get(Party, pid) for pid in self.party_ids],
            areas=[SimpleNamespace(name=name) for name in self.areas],
            **self.values,
        )


@dataclass
class AgreementPlan:
    actor: User
    states: dict[Ref, AgreementState] = field(default_factory=dict)
    #: folded title -> the agreements with it
    titles: dict[str, set[Ref]] = field(default_factory=dict)
    #: (ref, fields, party_ids or None, areas or None), for the service, in the rows' order
    saves: list[tuple[Ref, dict[str, Any], list[int] | None, list[str] | None]] = field(
        default_factory=list
    )
    created: int = 0
    parties: Names = field(init=False)

    def read(self, rows: list[dict[str, str]]) -> None:
        """Read the parties the rows name and the agreements they name, by id or title."""
        self.parties = Names(
            Party,
            Party.name_key,
            (name.strip() for r in rows for name in r.get("parties", "").split(";")),
        )
        ids, titles = set(), set()
        for row in rows:
            try:
                record_id = _id(row)
            except RowError:
                record_id = None
            if record_id is not None:
                ids.add(record_id)
            if row.get("title"):
                titles.add(fold(row["title"]))
        loading = select(Agreement).options(
            selectinload(Agreement.ratifications).joinedload(Ratification.party),
            selectinload(Agreement.areas),
        )
        found: list[Agreement] = []
        for column, keys in ((Agreement.id, sorted(ids)), (Agreement.title_key, sorted(titles))):
            for start in range(0, len(keys), CHUNK):
                found += db.session.scalars(loading.where(column.in_(keys[start : start + CHUNK])))
        for agreement in found:
            ref = (0, agreement.id)
            if ref not in self.states:
                self.states[ref] = AgreementState(
                    ref,
                    {k: getattr(agreement, k) for k in agreement_service.EDITABLE_FIELDS},
                    [p.id for p in agreement.parties],
                    [a.name for a in agreement.areas],
                    agreement.updated_at,
                )
                self.titles.setdefault(fold(agreement.title), set()).add(ref)

    def row(self, row: dict[str, str]) -> Imported:
        """A row onto the agreement it names (by id, else by title in any case), or a new
        one. A column the file does not have leaves that field as it is. Raises RowErrors,
        SchemaRefusal or ServiceError as the service does; nothing of a refused row is kept."""
        cells = Cells(row)
        fields: dict[str, Any] = {}
        # a row with an id may leave the title out (the column missing: unchanged); a new
        # agreement needs one
        if cells.has("title") or not row.get("id", "").strip():
            fields["title"] = cells.read(_text, "title", required=True)
        for column in _AGREEMENT_TEXT:
            if cells.has(column):
                fields[column] = cells.read(_text, column)
        for column, enum, default in (
            ("kind", AgreementKind, AgreementKind.BILATERAL),
            ("status", AgreementStatus, AgreementStatus.DRAFT),
        ):
            if cells.has(column):
                fields[column] = cells.read(_enum, column, enum, default)
        for column in _AGREEMENT_DATES:
            if cells.has(column):
                fields[column] = cells.read(_date, column)
        party_ids = None
        if cells.has("parties"):
            parties = [
                cells.lookup(self.parties, name.strip(), "party")
                for name in row["parties"].split(";")
                if name.strip()
            ]
            party_ids = [p.id for p in parties if p is not None]
        areas = None
        if cells.has("areas"):
            areas = [a.strip() for a in row["areas"].split(";") if a.strip()]
        existing = None if cells.failed("title") else cells.read(self._existing, "id")
        if cells.errors:
            record = existing.record() if existing is not None else None
            also_schema_refusals(cells, AgreementInput, fields, record, party_ids=[], areas=[])
        cells.check()
        if existing is None:
            fields = {"status": AgreementStatus.DRAFT, **fields}
            data = AgreementInput.of({**fields, "party_ids": party_ids or [], "areas": areas or []})
            ref = (1, self.created)
            self.created += 1
            values = {k: getattr(data, k) for k in agreement_service.EDITABLE_FIELDS}
            self._keep(AgreementState(ref, values, data.party_ids, data.areas), None)
            self.saves.append((ref, fields, party_ids or [], areas or []))
            return "create", fields["title"], None, []
        warning = changed_since_export(row, existing)
        wanted_parties = existing.party_ids if party_ids is None else party_ids
        wanted_areas = existing.areas if areas is None else areas
        before_record = existing.record()
        changes, data = validated_update(
            before_record,
            fields,
            AgreementInput,
            agreement_service.EDITABLE_FIELDS,
            party_ids=wanted_parties,
            areas=wanted_areas,
        )
        values = {**existing.values}
        changed = {k: v for k, v in changes.items() if values[k] != v}
        values.update(changed)
        new_parties = sorted(set(data.party_ids))
        parties_change = sorted(existing.party_ids) != new_parties
        areas_change = existing.areas != data.areas
        if not (changed or parties_change or areas_change):
            return "unchanged", existing.values["title"], None, []
        state = AgreementState(
            existing.ref,
            values,
            list(dict.fromkeys(data.party_ids)) if parties_change else existing.party_ids,
            list(data.areas),
        )
        self._keep(state, existing)
        self.saves.append((existing.ref, fields, wanted_parties, wanted_areas))
        after = agreement_cells(state.record())  # type: ignore[arg-type]
        cells_before = agreement_cells(before_record)  # type: ignore[arg-type]
        return "update", values["title"], warning, changes_between(cells_before, after)

    def _existing(self, row: dict[str, str], _column: str = "id") -> AgreementState | None:
        record_id = _id(row)
        if record_id is not None:
            found = self.states.get((0, record_id))
            if found is None:
                raise RowError("id", "No agreement has id %(id)s.", id=record_id)
            return found
        refs = self.titles.get(fold(row["title"]))
        return self.states[min(refs)] if refs else None

    def _keep(self, state: AgreementState, existing: AgreementState | None) -> None:
        if existing is not None:
            self.titles[fold(existing.values["title"])].discard(existing.ref)
        state.updated_at = clock.now_utc()
        self.states[state.ref] = state
        self.titles.setdefault(fold(state.values["title"]), set()).add(state.ref)

    def save(self, actor: User) -> None:
        """Save each planned row through the agreement service, in the caller's
        transaction (the boundary commits)."""
        made: dict[Ref, Agreement] = {}
        for ref, fields, party_ids, areas in self.saves:
            if ref[0] == 1 and ref not in made:
                made[ref] = agreement_service.create_agreement(
                    fields, party_ids=party_ids or [], area_names=areas or [], actor=actor
                )
                continue
            agreement = made[ref] if ref in made else db.session.get(Agreement, ref[1])
            agreement_service.update_agreement(
                agreement,
                fields,
                party_ids=party_ids if party_ids is not None else [p.id for p in agreement.parties],
                area_names=areas if areas is not None else [a.name for a in agreement.areas],
                actor=actor,
                expected_version=agreement.version,
            )
