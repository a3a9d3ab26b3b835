"""An agreement of an import as the rows leave it (plain values, never an ORM object): its
own fields, its parties' rows (Ratification) and its areas, changed as the agreement
service changes them (tracker.services.agreements: `_set_parties`, `_set_areas`), and the
steps the service would record for each row (audit event, followers' notice).
tracker.services.spreadsheets.agreement_rows works them out; agreement_bulk writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

from tracker.domain.messages import Message
from tracker.domain.names import OfficialName, fold
from tracker.models import Agreement, Party
from tracker.orm import db
from tracker.services.spreadsheets.common import Ref


@dataclass
class PartyRow:
    """A Party's row under the agreement (a Ratification): stored (its id and version as
    read) or new (id None). A row the service keeps is never written to."""

    party_id: int
    id: int | None = None
    version: int | None = None


@dataclass
class AreaState:
    """An area of the agreement: stored (its id, as read) or new (id None). Its version
    moves on at each save that renames or moves it, as the ORM's version counter does."""

    name: str
    position: int
    id: int | None = None
    version: int = 1


@dataclass
class AgreementState:
    ref: Ref
    values: dict[str, Any]
    party_rows: list[PartyRow] = field(default_factory=list)
    area_rows: list[AreaState] = field(default_factory=list)
    version: int = 1
    updated_at: Any = None

    @classmethod
    def of(cls, agreement: Agreement, fields: tuple[str, ...]) -> AgreementState:
        """A stored agreement (its ratifications and areas loaded) as plain values."""
        return cls(
            (0, agreement.id),
            {name: getattr(agreement, name) for name in fields},
            [PartyRow(r.party_id, r.id, r.version) for r in agreement.ratifications],
            [AreaState(a.name, a.position, a.id, a.version) for a in agreement.areas],
            agreement.version,
            agreement.updated_at,
        )

    @property
    def party_ids(self) -> list[int]:
        return [r.party_id for r in self.party_rows]

    @property
    def areas(self) -> list[str]:
        return [a.name for a in self.area_rows]

    def copy(self) -> AgreementState:
        """A copy a row can change without changing what the rows above left."""
        return replace(
            self,
            values=dict(self.values),
            party_rows=list(self.party_rows),
            area_rows=list(self.area_rows),
        )

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

    def set_parties(self, party_ids: list[int]) -> None:
        """As the service: the rows of parties that stay are kept (with their acts and
        dates), in their order; the new parties' rows follow, in the order given."""
        wanted = list(dict.fromkeys(party_ids))
        kept = [r for r in self.party_rows if r.party_id in wanted]
        have = {r.party_id for r in kept}
        self.party_rows = kept + [PartyRow(pid) for pid in wanted if pid not in have]

    def set_areas(self, names: list[str]) -> None:
        """As the service: an area is kept by its folded name ("Energy" kept as "ENERGY"),
        renamed and moved to its place; new ones are added, the others dropped."""
        existing = {fold(a.name): a for a in self.area_rows}
        areas = []
        for position, name in enumerate(names, start=1):
            area = existing.get(fold(name))
            if area is None:
                area = AreaState(name, position)
            elif (area.name, area.position) != (name, position):
                area = replace(area, name=name, position=position, version=area.version + 1)
            areas.append(area)
        self.area_rows = areas


@dataclass
class AgreementStep:
    """One save as the service records it: its audit event, and the followers' notice of
    a change of status (None for none)."""

    action: str
    ref: Ref
    summary: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    notice: Message | None = None


def status_notice(state: AgreementState) -> Message:
    """The followers' notice the service records when a save changes the status."""
    values = state.values
    return Message(
        "%(agreement)s is now %(status)s",
        agreement=OfficialName.of_agreement(
            values["title"],
            values["short_title"],
            values.get("official_title_ru"),
            values.get("official_title_kk"),
        ),
        status=values["status"],
    )
