"""An agreement file's rows, worked out without writing: what each row would create or
change, checked by the agreement's schema (tracker.schemas.agreements) as the service
checks it, and the steps the service would record (audit events, followers' notices), for
tracker.services.spreadsheets.agreement_bulk to write at once.

The records the file names are read first, in a few set-based queries; the rows then run
in order on plain copies of them (AgreementState), so that a row sees what the rows above
it did (an agreement created above is found by its title), exactly as when each row was
saved in turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
from tracker.services.records import plain, validated_update
from tracker.services.spreadsheets.agreement_names import AgreementNames, names_seen
from tracker.services.spreadsheets.agreement_state import (
    AgreementState,
    AgreementStep,
    status_notice,
)
from tracker.services.spreadsheets.common import (
    Imported,
    Ref,
    also_schema_refusals,
    changed_since_export,
    changes_between,
    diff,
    exported_moment,
    read_named,
)
from tracker.services.spreadsheets.export import agreement_cells
from tracker.services.spreadsheets.fileformat import EXPORTED_AT
from tracker.services.spreadsheets.parsing import (
    Cells,
    Names,
    RowError,
    _date,
    _enum,
    _id,
    _text,
    chunks,
)

#: the agreement's own columns read as text, and as dates
_AGREEMENT_TEXT = (
    "short_title",
    "official_title_ru",
    "official_title_kk",
    "signed_at",
    "summary",
    "reference_url",
    "depositary",
    "authentic_languages",
    "place_of_deposit",
    "publication_ref",
)
_AGREEMENT_DATES = ("signed_on", "provisionally_applied_on", "in_force_on")
FIELDS = agreement_service.EDITABLE_FIELDS


#: the longest short title (Agreement.short_title): a longer cell is no short title
_SHORT = Agreement.short_title.type.length


def _folded_title(row: dict[str, str]) -> str | None:
    """What a row without an id is looked for by: its title in any case or script."""
    return fold(row["title"]) if row.get("title") else None


@dataclass
class AgreementPlan:
    """Every row's outcome, and the states and steps of the rows without errors."""

    actor: User
    states: dict[Ref, AgreementState] = field(default_factory=dict)
    #: each stored agreement as read (the bulk writing checks its versions and compares)
    read_states: dict[Ref, AgreementState] = field(default_factory=dict)
    steps: list[AgreementStep] = field(default_factory=list)
    #: the new agreements, in the order the rows make them
    created: list[Ref] = field(default_factory=list)
    #: folded title -> the agreements with it
    titles: dict[str, set[Ref]] = field(default_factory=dict)
    parties: Names = field(init=False)
    #: the agreements the rows without an id name by short title (or official title)
    names: AgreementNames = field(init=False)
    #: the row's agreement was found by another name than its title (then kept)
    named_otherwise: bool = False
    #: what the rows were worked out on (read_again compares it)
    seen: Any = None

    def read(self, rows: list[dict[str, str]]) -> None:
        """Read the parties the rows name and the agreements they name, by id or title."""
        self.parties = Names(
            Party,
            Party.name_key,
            (name.strip() for r in rows for name in r.get("parties", "").split(";")),
        )
        loading = select(Agreement).options(
            selectinload(Agreement.ratifications).joinedload(Ratification.party),
            selectinload(Agreement.areas),
        )
        found = read_named(rows, loading, Agreement.id, _folded_title, Agreement.title_key.in_)
        # a row without an id may name its agreement by short title too (issue 16, h16b #3):
        # the titles no agreement has, short enough to be one, through the imports' resolver
        titles = {fold(a.title) for a in found}
        self.names = AgreementNames(
            r["title"]
            for r in rows
            if not r.get("id", "").strip()
            and r.get("title")
            and len(r["title"]) <= _SHORT
            and fold(r["title"]) not in titles
        )
        wanted = sorted(self.names.ids - {a.id for a in found})
        for part in chunks(wanted):
            found += db.session.scalars(loading.where(Agreement.id.in_(part)))
        for agreement in found:
            ref = (0, agreement.id)
            if ref not in self.states:
                self.states[ref] = AgreementState.of(agreement, FIELDS)
                self.read_states[ref] = self.states[ref]
                self.titles.setdefault(fold(agreement.title), set()).add(ref)
        self.seen = (
            sorted((ref, s.version) for ref, s in self.read_states.items()),
            sorted((key, party.id) for key, party in self.parties.found.items()),
            names_seen({"title": self.names}),
        )

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
        if existing is not None and self.named_otherwise and "title" in fields:
            del fields["title"]  # named by its short title: its title stays
        cells.read(exported_moment, EXPORTED_AT)  # listed with the row's other errors
        if cells.errors:
            record = existing.record() if existing is not None else None
            also_schema_refusals(cells, AgreementInput, fields, record, party_ids=[], areas=[])
        cells.check()
        if existing is None:
            return self._create({"status": AgreementStatus.DRAFT, **fields}, party_ids, areas)
        warning = changed_since_export(row, existing)
        before_record = existing.record()
        changes, data = validated_update(
            before_record,
            fields,
            AgreementInput,
            FIELDS,
            party_ids=existing.party_ids if party_ids is None else party_ids,
            areas=existing.areas if areas is None else areas,
        )
        state = existing.copy()
        before, after = diff(state.values, changes)
        old_parties = sorted(existing.party_ids)
        if old_parties != sorted(set(data.party_ids)):
            stored_id = existing.ref[1] if existing.ref[0] == 0 else None
            agreement_service.refuse_removing_parties_with_acts(stored_id, data.party_ids)
            state.set_parties(data.party_ids)
            before["party_ids"], after["party_ids"] = old_parties, sorted(set(data.party_ids))
        if existing.areas != data.areas:
            state.set_areas(data.areas)
            before["areas"], after["areas"] = existing.areas, list(data.areas)
        if not after:
            return "unchanged", existing.values["title"], None, []
        state.version += 1
        title = state.values["title"]
        notice = status_notice(state) if "status" in after else None
        summary = f"Edited agreement {title}"
        self._keep(
            state,
            existing,
            AgreementStep("agreement.updated", state.ref, summary, before, after, notice),
        )
        cells_after = agreement_cells(state.record())  # type: ignore[arg-type]
        cells_before = agreement_cells(before_record)  # type: ignore[arg-type]
        return "update", title, warning, changes_between(cells_before, cells_after)

    def _create(
        self, fields: dict[str, Any], party_ids: list[int] | None, areas: list[str] | None
    ) -> Imported:
        """A new agreement, as the service makes it (its audit keeps the parties as given)."""
        data = AgreementInput.of({**fields, "party_ids": party_ids or [], "areas": areas or []})
        state = AgreementState((1, len(self.created)), {k: getattr(data, k) for k in FIELDS})
        state.set_parties(data.party_ids)
        state.set_areas(data.areas)
        after = {k: plain(v) for k, v in state.values.items()}
        after["party_ids"] = sorted(party_ids or [])
        after["areas"] = state.areas
        title = state.values["title"]
        self.created.append(state.ref)
        summary = f"Added agreement {title}"
        self._keep(state, None, AgreementStep("agreement.created", state.ref, summary, None, after))
        return "create", title, None, []

    def _existing(self, row: dict[str, str], _column: str = "id") -> AgreementState | None:
        self.named_otherwise = False
        record_id = _id(row)
        if record_id is not None:
            found = self.states.get((0, record_id))
            if found is None:
                # an id is a code, not a quantity: "12345", never "12,345"
                raise RowError("id", "No agreement has id %(id)s.", id=str(record_id))
            return found
        refs = self.titles.get(fold(row["title"]))
        if refs:
            return self.states[min(refs)]
        if fold(row["title"]) not in self.names.found:
            return None
        # its short title (or official title): AgreementNames refuses one naming several
        named = self.names.get(row["title"], "title")
        self.named_otherwise = named is not None
        return self.states.get((0, named.id)) if named is not None else None

    def _keep(
        self, state: AgreementState, existing: AgreementState | None, step: AgreementStep
    ) -> None:
        """Keep a row's outcome for the rows below it, and its step for the writing."""
        if existing is not None:
            self.titles[fold(existing.values["title"])].discard(existing.ref)
        state.updated_at = clock.now_utc()
        self.states[state.ref] = state
        self.titles.setdefault(fold(state.values["title"]), set()).add(state.ref)
        self.steps.append(step)
