"""What a valid milestone is: for the web form, the API body and the CSV row alike."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ConfigDict, Field

from tracker.domain.messages import N_, Message
from tracker.models import DatePrecision, Milestone, MilestoneKind
from tracker.schemas.base import RecordId, Refusal, Schema, TreatyDate, line, text

#: the longest notes and outcomes (Text columns have no length of their own)
LONG_TEXT = 5000
MAX_NUMBER = 10_000

#: a title may be left empty for a round only: it is shown by its number (issue #15, #7)
Title = line(Milestone.title)
UNTITLED = N_("Enter a title; only a round may be left untitled (it is called by its number).")
Location = line(Milestone.location)
Number = int | None


class MilestoneInput(Schema):
    """A new milestone. It belongs to a track, an agreement or a body (the service checks
    that at least one is given, that a round has a track and that the area is the
    agreement's); `number` left out is the next in the track's rounds or the body's series."""

    title: Title = Field(
        "",
        description="e.g. Round 4 on visa facilitation. A round may be left untitled: it is "
        "shown as Round <number>, in the reader's language",
    )
    kind: MilestoneKind
    track_id: RecordId | None = None
    agreement_id: RecordId | None = None
    body_id: RecordId | None = None
    area_id: RecordId | None = Field(None, description="One of the agreement's areas")
    number: int | None = Field(
        None, ge=1, le=MAX_NUMBER, description="Round within the track, or meeting in the series"
    )
    planned_on: TreatyDate
    date_precision: DatePrecision = Field(
        DatePrecision.DAY, description="month: only the month of planned_on is known"
    )
    location: Location = ""
    owner_id: RecordId | None = None
    notes: text(LONG_TEXT) = ""  # type: ignore[valid-type]

    def rule_refusals(self) -> list[Refusal]:
        if not self.title and self.kind is not MilestoneKind.ROUND:
            return [Refusal("title", Message(UNTITLED))]
        return []


def _changes_schema(schema: dict[str, Any]) -> None:
    schema["minProperties"] = 1
    for field in schema.get("properties", {}).values():
        field.pop("default", None)


class MilestoneChanges(Schema):
    """Changes to a milestone: only the fields given change. `done_on` marks it done (not in
    the future) with an optional `outcome`; `outcome` alone changes the outcome of a
    milestone already done."""

    # For the JSON Schema (the API's description, whose PATCH refuses an empty change): a
    # field left out is left as it is, so none shows a default (pydantic would show null
    # for fields that do not take null), and at least one field is given.
    model_config = ConfigDict(json_schema_extra=_changes_schema)

    title: Title = None  # type: ignore[assignment]
    kind: MilestoneKind = None  # type: ignore[assignment]
    track_id: RecordId | None = None
    agreement_id: RecordId | None = None
    body_id: RecordId | None = None
    area_id: RecordId | None = None
    number: int | None = Field(None, ge=1, le=MAX_NUMBER)
    planned_on: TreatyDate = None  # type: ignore[assignment]
    date_precision: DatePrecision = None  # type: ignore[assignment]
    location: Location = None  # type: ignore[assignment]
    owner_id: RecordId | None = None
    notes: text(LONG_TEXT) = None  # type: ignore[valid-type]
    done_on: TreatyDate = None  # type: ignore[assignment]
    outcome: text(LONG_TEXT) = None  # type: ignore[valid-type]

    #: the fields that change the record itself (the rest complete it)
    RECORD_FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "kind",
        "track_id",
        "agreement_id",
        "body_id",
        "area_id",
        "number",
        "planned_on",
        "date_precision",
        "location",
        "owner_id",
        "notes",
    )


class MilestoneCompletion(Schema):
    """A milestone done: on a date (not in the future: the service checks against today),
    with what came of it."""

    done_on: TreatyDate
    outcome: text(LONG_TEXT) = ""  # type: ignore[valid-type]
