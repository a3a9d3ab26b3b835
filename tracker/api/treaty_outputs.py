"""What the API answers about treaty law (issue 16): a Party's acts, its row of the
ratification matrix, relations between treaties, final clauses as rules and the dates
they give. Part of the agreement's answer (tracker.api.outputs.Agreement)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field

from tracker.api.output_base import Output, party_name, party_name_in
from tracker.domain.clocks import Anchor, Mode, Purpose, Unit
from tracker.domain.party_actions import ActionKind
from tracker.domain.relations import RelationKind
from tracker.models import PartySide


class PartyAction(Output):
    """One act of a Party under the agreement (issue 16): `on` null means the act
    happened and its date is not recorded; `effective_on` is the end of a provisional
    application or the day a denunciation or withdrawal takes effect."""

    id: int
    kind: ActionKind
    on: date | None
    effective_on: date | None
    instrument_ref: str
    notification_ref: str
    note: str
    document_url: str
    objects_to_id: int | None = Field(
        default=None,
        description="Of an objection: the id of the reservation (an act of another Party "
        "under the same agreement) it objects to; null: not named",
    )
    version: int


class PartyActionRecord(PartyAction):
    """One act read or written on its own: the act, and the `party` that made it."""

    party: Annotated[str, BeforeValidator(party_name)]


class PartyRatification(Output):
    """Where one party is in becoming bound by the agreement (its signature, then its
    ratification, acceptance or approval, or its accession, or its notification of
    completed procedures): the dates are derived from its `actions` (the first of each
    kind; `deposited_on` is its instrument of ratification, acceptance, approval or
    accession); `expected_by` is the date its next act is expected by, past which the
    agreement's owner is reminded of that act."""

    id: int
    party: Annotated[str, BeforeValidator(party_name)]
    party_name_ru: Annotated[str, BeforeValidator(party_name_in("ru"))] = Field(
        "",
        validation_alias="party",
        description="The Party's official name in Russian; empty when not recorded "
        "(`party`, the English name, is the key)",
    )
    party_name_kk: Annotated[str, BeforeValidator(party_name_in("kk"))] = Field(
        "",
        validation_alias="party",
        description="The Party's official name in Kazakh; empty when not recorded",
    )
    side: PartySide | None = Field(
        validation_alias="part",
        description="Of a mixed agreement: one_part (the Union and its Member States) or "
        "other_part (the partner), as set on the row, else derived from the Party's kind and "
        "the agreement's own groups of Parties (a group belongs to the agreement it was made "
        "on); null for another kind of agreement",
    )
    group: bool = Field(
        validation_alias="stands_for_group",
        description="The row stands for a group of Parties not listed one by one (the EPCA's "
        "EU Member States): it is not a Party and is not counted in `ratified`",
    )
    signed_on: date | None
    notified_on: date | None
    deposited_on: date | None
    provisionally_applied_on: date | None
    expected_by: date | None = Field(
        description="The date the Party's next act (the one it has not performed yet: its "
        "signature, ratification, acceptance, approval, accession or notification of "
        "completed procedures) is expected by; null: none expected"
    )
    actions: list[PartyAction] = []


class Relation(Output):
    """A relation to another treaty, read from this agreement's side: `direction`
    "from" means this agreement <kind> the other (amends it), as a CSV row "agreement
    <kind> other_agreement"; "to" means the other <kind> this one (this one is amended by
    it). The other agreement is `other_agreement_id` (and its title), as the CSV column
    other_agreement; `agreement_id` and `agreement_title` are their old names, kept for
    clients that read them."""

    id: int
    kind: RelationKind
    direction: Literal["from", "to"]
    other_agreement_id: int
    other_agreement_title: str
    agreement_id: int = Field(deprecated=True, description="Old name of other_agreement_id")
    agreement_title: str = Field(deprecated=True, description="Old name of other_agreement_title")
    note: str

    @classmethod
    def read(cls, id: int, kind: Any, forwards: bool, other: Any, note: str) -> Relation:
        """The relation read from one side: `other` is the other agreement."""
        return cls(
            id=id,
            kind=kind,
            direction="from" if forwards else "to",
            other_agreement_id=other.id,
            other_agreement_title=other.title,
            agreement_id=other.id,
            agreement_title=other.title,
            note=note,
        )


class FinalClause(Output):
    """A final clause as data (issue 16 #4): `purpose` is what it fixes; the date is `mode`
    applied to `offset` `unit`s from the `anchor` event (`nth`: the instrument an
    Nth-instrument clause waits for); `words` says it in English."""

    id: int
    purpose: Purpose
    mode: Mode
    anchor: Anchor
    offset: int
    unit: Unit
    nth: int | None
    note: str
    words: str
    version: int


class ComputedDate(BaseModel):
    """A date the final clauses give from the recorded acts: `kind` is entry_into_force,
    entry_into_force_for (a `party`'s own), term_end, notice_deadline (the last day to give
    notice of non-renewal), denunciation_deadline (the last day to denounce with effect at
    the end of the term) or denunciation_effect; `on` is null while its event has not
    happened (`waiting` says what is missing); `basis` says why; `recorded_on` is the
    recorded date beside it and `differs` flags a disagreement. A denunciation_effect
    recorded later than the clause's day (a later date the notification specifies) is no
    disagreement: `on` is the recorded date and `basis` says so; only an earlier one
    differs."""

    kind: str
    what: str
    party: str | None
    on: date | None
    basis: str | None
    waiting: str | None
    recorded_on: date | None
    differs: bool
