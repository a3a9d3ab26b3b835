"""What the API answers: pydantic models read from the records (from_attributes).

The OpenAPI description documents these models, and the views answer with them, so the
description and the answers cannot drift apart. A field only a single record's answer has
(a track's history, a body's meetings) has a default and is left out of lists.
"""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from tracker.api.output_base import Moment, Output, etag_header
from tracker.api.parameters import MAX_PER_PAGE
from tracker.api.treaty_outputs import (  # noqa: F401 (read as outputs.<name> too)
    ComputedDate,
    FinalClause,
    PartyAction,
    PartyActionRecord,
    PartyRatification,
    Relation,
)
from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    Classification,
    DatePrecision,
    MilestoneKind,
)

# --- agreements ----------------------------------------------------------------------------


class AgreementArea(Output):
    """An area of the agreement (a chapter of cooperation), with its owner and status note."""

    id: int
    name: str
    owner_id: int | None
    note: str = Field(validation_alias="status_note")


class Agreement(Output):
    """An agreement. Its single answer (GET /agreements/{agreement_id}) has an ETag that
    stands for the whole answer, its Parties, acts, relations, final clauses and computed
    dates included: it changes whenever anything in the answer does. Send it as If-Match
    to archive or bring back the agreement; one read before a change is refused (412)."""

    model_config = ConfigDict(openapi_extra={"headers": etag_header("agreement answer")})

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
    ratified: int = Field(
        validation_alias="ratified_count",
        ge=0,
        description="How many Parties have consented to be bound and not left: by "
        "ratification, acceptance, approval or accession, a definitive signature or a "
        "notification of completed procedures, not by ratification alone (the field's name "
        "is kept for the clients that read it)",
    )
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
            "headers": etag_header("track"),
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
            "headers": etag_header("milestone"),
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
