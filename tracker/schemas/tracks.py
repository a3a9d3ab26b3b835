"""What a valid track and a valid status move are: for the web forms and the API alike."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from tracker.domain.workflow import TrackStatus
from tracker.models import Classification, NegotiationTrack
from tracker.schemas.base import RecordId, Schema, TreatyDate, line, text

LONG_TEXT = 5000
COMMENT_LENGTH = 2000


class TrackInput(Schema):
    """A track's own fields (its status moves only through StatusMove)."""

    name: line(NegotiationTrack.name, required=True)  # type: ignore[valid-type]
    official_name_ru: line(NegotiationTrack.official_name_ru) = Field(  # type: ignore[valid-type]
        "", description="The official name in Russian, shown to Russian readers"
    )
    official_name_kk: line(NegotiationTrack.official_name_kk) = Field(  # type: ignore[valid-type]
        "", description="The official name in Kazakh, shown to Kazakh readers"
    )
    description: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    framework_agreement_id: RecordId | None = None
    resulting_agreement_id: RecordId | None = None
    lead_officer_id: RecordId | None = None
    next_step: line(NegotiationTrack.next_step) = ""  # type: ignore[valid-type]
    target_date: TreatyDate | None = None
    classification: Classification = Classification.PUBLIC
    our_side: line(NegotiationTrack.our_side) = Field(  # type: ignore[valid-type]
        "",
        description=(
            "The short name of our side on this track, as brackets name it (e.g. KZ, EU); "
            "empty: the installation's setting"
        ),
    )

    FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "official_name_ru",
        "official_name_kk",
        "description",
        "framework_agreement_id",
        "resulting_agreement_id",
        "lead_officer_id",
        "next_step",
        "target_date",
        "classification",
        "our_side",
    )


class StatusMove(Schema):
    """One move through the workflow (tracker.domain.workflow decides whether it is legal):
    the status to move to, the date it took effect (not in the future), why, and whether an
    administrator forces it past the workflow."""

    to_status: TrackStatus
    effective_on: TreatyDate
    comment: text(COMMENT_LENGTH) = Field("", description="Why; required to force a move")  # type: ignore[valid-type]
    force: bool = False
