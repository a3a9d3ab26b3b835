"""The API's parameters as pydantic models: paths, query strings and the If-Match header.

flask-openapi3 validates each request against them and documents them in the OpenAPI
description. A list's query model builds the web's own filter object (TrackFilter,
MilestoneFilter), so a parameter means the same on the API as on the web's list.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from tracker.api.problems import RequestPart
from tracker.domain.workflow import TrackStatus
from tracker.models import AgreementStatus
from tracker.schemas.base import CONTROL_CHARACTERS, RecordId
from tracker.services.action_item_lists import (
    ACTION_ITEM_ORDERS,
    DEFAULT_DUE_DAYS,
    MAX_DUE_DAYS,
    STATUS_CHOICES,
    ActionItemFilter,
)
from tracker.services.overview import MILESTONE_STATES, MilestoneFilter, TrackFilter

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
#: search text is cut to this length, as on the web's lists
MAX_FILTER_TEXT = 200


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def optional(description: str, **field: Any) -> Any:
    """A parameter that may be left out (None then); described by the values it takes."""
    return Field(None, description=description, json_schema_extra=_without_default, **field)


def _search_text(value: Any) -> Any:
    """As the web's lists read `q`: without control characters, trimmed, at most 200."""
    if not isinstance(value, str):
        return value
    return CONTROL_CHARACTERS.sub("", value).strip()[:MAX_FILTER_TEXT]


SearchText = Annotated[str, BeforeValidator(_search_text)]


# --- query strings ---------------------------------------------------------------------------


class Query(RequestPart):
    """A query string: a parameter left blank is left out, unknown ones are ignored."""

    part: ClassVar[str] = "query"
    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {name: value for name, value in data.items() if value != ""}
        return data


class Paging(Query):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page, from 1")
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Items per page")


class AgreementQuery(Paging):
    status: AgreementStatus = optional("Only agreements in this status")
    q: SearchText = Field(
        "",
        description="Only agreements where each word of this text begins a word of the title,"
        " short title, official titles or summary (any case and script)",
    )
    archived: bool = Field(
        False, description="true: the archived agreements only; false: the current ones"
    )


class TrackQuery(Paging):
    status: TrackStatus = optional("Only this status")
    agreement: RecordId = optional("Only tracks under this framework agreement or resulting in it")
    officer: RecordId = optional("Only tracks this officer leads")
    q: SearchText = Field(
        "",
        description="Only tracks where each word of this text begins a word of the name,"
        " official names, next step, description or their agreements' short titles",
    )
    archived: bool = Field(
        False, description="true: the archived tracks only; false: the current ones"
    )

    def filter(self) -> TrackFilter:
        return TrackFilter(
            status=self.status,
            agreement_id=self.agreement,
            officer_id=self.officer,
            text=self.q,
            archived=self.archived,
        )


MilestoneState = Literal[MILESTONE_STATES]  # type: ignore[valid-type]


class MilestoneQuery(Paging):
    state: MilestoneState = optional(
        "Only open, overdue, done or cancelled milestones; open: neither done nor cancelled"
    )
    track: RecordId = optional("Only this track's")
    agreement: RecordId = optional("Only this agreement's")
    body: RecordId = optional("Only this body's")
    owner: RecordId = optional("Only those this officer owns")
    area: RecordId = optional("Only those of this area of an agreement")
    planned_from: date = optional("Planned on or after this date", alias="from")
    planned_to: date = optional("Planned on or before this date", alias="to")
    q: SearchText = Field(
        "",
        description="Only those where each word of this text begins a word of the title,"
        " location or outcome (any case and script)",
    )

    def filter(self) -> MilestoneFilter:
        return MilestoneFilter(
            state=self.state or "",
            track_id=self.track,
            agreement_id=self.agreement,
            body_id=self.body,
            owner_id=self.owner,
            area_id=self.area,
            planned_from=self.planned_from,
            planned_to=self.planned_to,
            text=self.q,
        )


ActionItemSort = Literal[tuple(ACTION_ITEM_ORDERS)]  # type: ignore[valid-type]
ActionItemStatus = Literal[STATUS_CHOICES]  # type: ignore[valid-type]


class ActionItemQuery(Paging):
    status: ActionItemStatus = optional(
        "Only action items in this status; cancelled: those cancelled (with a reason)"
    )
    owner: RecordId = optional("Only those this officer owns")
    body: RecordId = optional("Only those raised at a meeting of this body")
    meeting: RecordId = optional("Only those raised at this meeting")
    track: RecordId = optional("Only those linked to this track")
    due: Literal["overdue", "soon"] = optional(
        "overdue: open, past due and on a live track; soon: open and due within `days` days"
    )
    days: int = Field(
        DEFAULT_DUE_DAYS, ge=1, le=MAX_DUE_DAYS, description="The days of due=soon, from today"
    )
    due_from: date = optional("Due on or after this date", alias="from")
    due_to: date = optional("Due on or before this date", alias="to")
    sort: ActionItemSort = Field(
        "due", description="due: soonest first; -due: latest first; title, -title: by title"
    )

    def filter(self) -> ActionItemFilter:
        return ActionItemFilter(
            status=self.status,
            owner_id=self.owner,
            body_id=self.body,
            meeting_id=self.meeting,
            track_id=self.track,
            due=self.due or "",
            due_days=self.days,
            due_from=self.due_from,
            due_to=self.due_to,
            sort=self.sort,
        )


class BodyQuery(Paging):
    pass


# --- paths -------------------------------------------------------------------------------------


class Path(RequestPart):
    """A path's id. The routes take it as text (not <int:...>) and this model checks it, so
    an id no record can have is a 404 whatever the method: with <int:...>, an id past the
    database's range failed routing, and a PATCH to it was told 405 by the GET route."""

    part: ClassVar[str] = "path"


class AgreementPath(Path):
    noun: ClassVar[str] = "agreement"
    agreement_id: RecordId = Field(description="The agreement's id")


class PartyActionPath(Path):
    noun: ClassVar[str] = "party action"
    agreement_id: RecordId = Field(description="The agreement's id")
    action_id: RecordId = Field(description="The id of one of its Parties' acts")


class PartyRowPath(Path):
    noun: ClassVar[str] = "party"
    agreement_id: RecordId = Field(description="The agreement's id")
    ratification_id: RecordId = Field(description="The id of one of its Party rows")


class FinalClausePath(Path):
    noun: ClassVar[str] = "rule"
    agreement_id: RecordId = Field(description="The agreement's id")
    rule_id: RecordId = Field(description="The id of one of its final clauses")


class RelationPath(Path):
    noun: ClassVar[str] = "relation"
    agreement_id: RecordId = Field(description="The agreement's id (either side)")
    relation_id: RecordId = Field(description="The relation's id")


class TrackPath(Path):
    noun: ClassVar[str] = "track"
    track_id: RecordId = Field(description="The track's id")


class MilestonePath(Path):
    noun: ClassVar[str] = "milestone"
    milestone_id: RecordId = Field(description="The milestone's id")


class ActionItemPath(Path):
    noun: ClassVar[str] = "action item"
    item_id: RecordId = Field(description="The action item's id")


class BodyPath(Path):
    noun: ClassVar[str] = "body"
    body_id: RecordId = Field(description="The body's id")


# --- headers -----------------------------------------------------------------------------------


class IfMatch(RequestPart):
    """A write names the version it read; without it the write is refused (428)."""

    part: ClassVar[str] = "header"
    model_config = ConfigDict(extra="ignore")

    if_match: str = Field(
        alias="If-Match",
        description="The ETag you read; the change is refused (412) if the record changed since.",
    )
