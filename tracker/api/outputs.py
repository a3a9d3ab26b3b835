"""What the API answers: pydantic models read from the records (from_attributes).

The OpenAPI description documents these models, and the views answer with them, so the
description and the answers cannot drift apart. A field only a single record's answer has
(a track's history, a body's meetings) has a default and is left out of lists.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from tracker.api.parameters import MAX_PER_PAGE
from tracker.domain.clocks import Anchor, Mode, Purpose, Unit
from tracker.domain.party_actions import ActionKind
from tracker.domain.relations import RelationKind
from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    Classification,
    DatePrecision,
    MilestoneKind,
    PartySide,
)

#: a moment as Python writes it (2026-01-12T09:00:00+00:00), as the API always has
Moment = Annotated[
    datetime,
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, record: Any, **details: Any) -> dict[str, Any]:
        """The record as JSON, with the fields only a single record's answer has."""
        out = cls.model_validate(record)
        for name, value in details.items():
            setattr(out, name, value)
        return out.model_dump(mode="json", exclude_unset=True)


# --- agreements ----------------------------------------------------------------------------


def _etag_header(noun: str) -> dict[str, Any]:
    """The ETag header a record's answer carries, as the description states it."""
    return {
        "ETag": {
            "description": f"The {noun}'s version, for If-Match",
            "required": True,
            "schema": {"type": "string"},
        }
    }


def _party_name(party: Any) -> Any:
    return getattr(party, "name", party)


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
    version: int


class PartyActionRecord(PartyAction):
    """One act read or written on its own: the act, and the `party` that made it."""

    party: Annotated[str, BeforeValidator(_party_name)]


class PartyRatification(Output):
    """Where one party is in signing and ratifying the agreement: the dates are derived
    from its `actions` (the first of each kind); `expected_by` is the expected date of its
    next step."""

    id: int
    party: Annotated[str, BeforeValidator(_party_name)]
    side: PartySide | None = Field(
        validation_alias="part",
        description="Of a mixed agreement: one_part (the Union and its Member States) or "
        "other_part (the partner), as set on the row, else derived from the Party's kind and "
        "groups; null for another kind of agreement",
    )
    signed_on: date | None
    notified_on: date | None
    deposited_on: date | None
    provisionally_applied_on: date | None
    expected_by: date | None
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
    recorded date beside it and `differs` flags a disagreement."""

    kind: str
    what: str
    party: str | None
    on: date | None
    basis: str | None
    waiting: str | None
    recorded_on: date | None
    differs: bool


class AgreementArea(Output):
    """An area of the agreement (a chapter of cooperation), with its owner and status note."""

    id: int
    name: str
    owner_id: int | None
    note: str = Field(validation_alias="status_note")


class Agreement(Output):
    id: int
    title: str
    short_title: str
    official_title_ru: str
    official_title_kk: str
    kind: AgreementKind
    status: AgreementStatus
    signed_on: date | None
    signed_at: str
    provisionally_applied_on: date | None
    in_force_on: date | None
    summary: str
    reference_url: str
    depositary: str
    authentic_languages: str
    place_of_deposit: str
    publication_ref: str
    owner_id: int | None
    parties: list[PartyRatification] = Field(validation_alias="ratifications")
    relations: list[Relation] = Field(
        default_factory=list,
        description="Only in the answer for one agreement: its relations, both ways",
    )
    final_clauses: list[FinalClause] = Field(
        default_factory=list,
        description="Only in the answer for one agreement: its final clauses as rules",
    )
    computed_dates: list[ComputedDate] = Field(
        default_factory=list,
        description="Only in the answer for one agreement: the dates its final clauses give",
    )
    ratified: int = Field(validation_alias="ratified_count", ge=0)
    areas: list[AgreementArea]
    archived_on: date | None = Field(
        description="The day it was archived, with archive_reason and archived_by_id; null "
        "while it is current. Read-only: archived records are listed with archived=true"
    )
    archive_reason: str = Field(description="Why it was archived; empty while it is current")
    archived_by_id: int | None = Field(description="Who archived it")
    version: int


# --- tracks ------------------------------------------------------------------------------------


class StatusChange(Output):
    """One move of a track through the workflow."""

    from_status: TrackStatus | None
    to_status: TrackStatus
    effective_on: date
    recorded_at: Moment
    officer_id: int | None
    comment: str
    forced: bool


class Track(Output):
    """A negotiation track. Its answer has an ETag: send it as If-Match to move it."""

    model_config = ConfigDict(
        openapi_extra={
            "headers": _etag_header("track"),
            "links": {
                "GetTrack": {
                    "operationId": "track",
                    "parameters": {"path.track_id": "$response.body#/id"},
                    "description": "Read the track again",
                },
                "MoveTrack": {
                    "operationId": "move_track",
                    "parameters": {
                        "path.track_id": "$response.body#/id",
                        "header.If-Match": "$response.header.ETag",
                    },
                    "description": "Move the track's status, with the version just read",
                },
            },
        }
    )

    id: int
    name: str
    official_name_ru: str
    official_name_kk: str
    description: str
    status: TrackStatus
    status_since: date
    framework_agreement_id: int | None
    resulting_agreement_id: int | None
    lead_officer_id: int | None
    next_step: str
    target_date: date | None
    classification: Classification
    archived_on: date | None = Field(
        description="The day it was archived, with archive_reason and archived_by_id; null "
        "while it is current. Read-only: archived records are listed with archived=true"
    )
    archive_reason: str = Field(description="Why it was archived; empty while it is current")
    archived_by_id: int | None = Field(description="Who archived it")
    version: int
    status_history: list[StatusChange] = Field(
        default_factory=list,
        description="A single track's answer only: its moves, oldest first",
    )


# --- milestones --------------------------------------------------------------------------------


class Milestone(Output):
    """A milestone. Its answer has an ETag: send it as If-Match to change it."""

    model_config = ConfigDict(
        openapi_extra={
            "headers": _etag_header("milestone"),
            "links": {
                "GetMilestone": {
                    "operationId": "milestone",
                    "parameters": {"path.milestone_id": "$response.body#/id"},
                    "description": "Read the milestone again",
                },
                "UpdateMilestone": {
                    "operationId": "update_milestone",
                    "parameters": {
                        "path.milestone_id": "$response.body#/id",
                        "header.If-Match": "$response.header.ETag",
                    },
                    "description": "Change the milestone, with the version just read",
                },
            },
        }
    )

    id: int
    title: str
    kind: MilestoneKind
    track_id: int | None
    agreement_id: int | None
    body_id: int | None
    area_id: int | None
    number: int | None
    planned_on: date
    date_precision: DatePrecision
    done_on: date | None
    location: str
    owner_id: int | None
    outcome: str
    notes: str
    cancelled_on: date | None = Field(
        description="The day it was cancelled, with cancel_reason; null while it stands. "
        "Read-only: a cancelled one is neither open nor overdue"
    )
    cancel_reason: str = Field(description="Why it was cancelled; empty while it stands")
    version: int


# --- action items ------------------------------------------------------------------------------


class ActionItem(Output):
    """What a meeting concluded someone must do, by when."""

    id: int
    title: str
    status: ActionStatus
    due_on: date
    owner_id: int | None
    meeting_id: int = Field(description="The meeting that concluded it (a milestone)")
    track_id: int | None = Field(description="The track it moves forward, if any")
    notes: str
    cancelled_on: date | None = Field(
        description="The day it was cancelled, with cancel_reason; null while it stands. "
        "Read-only: a cancelled one is neither open nor overdue"
    )
    cancel_reason: str = Field(description="Why it was cancelled; empty while it stands")
    version: int


# --- bodies ------------------------------------------------------------------------------------


class Meeting(Output):
    """A meeting expected from the body's cadence, before anyone has set its date."""

    number: int
    expected_on: date


class Body(Output):
    """A body (a council, a committee) that meets in a numbered series."""

    id: int
    name: str
    short_name: str
    official_name_ru: str
    official_name_kk: str
    agreement_id: int | None
    cadence_months: int | None
    owner_id: int | None
    meetings: list[Milestone] = Field(
        default_factory=list,
        description="A single body's answer only: the meetings you may see, latest first",
    )
    projected_next_meeting: Meeting | None = Field(
        None, description="A single body's answer only: the next meeting its cadence expects"
    )


# --- pages -------------------------------------------------------------------------------------

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    page: int = Field(ge=1)
    per_page: int = Field(ge=1, le=MAX_PER_PAGE)
    total: int = Field(ge=0)


class AgreementPage(Page[Agreement]):
    """A page of agreements."""


class TrackPage(Page[Track]):
    """A page of the tracks you may see."""


class MilestonePage(Page[Milestone]):
    """A page of the milestones you may see."""


class ActionItemPage(Page[ActionItem]):
    """A page of the action items you may see."""


class BodyPage(Page[Body]):
    """A page of bodies."""
