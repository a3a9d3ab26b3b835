"""What a valid action item is (a meeting's conclusion that someone must act on)."""

from __future__ import annotations

from typing import ClassVar

from tracker.models import ActionItem, ActionStatus
from tracker.schemas.base import RecordId, Schema, TreatyDate, line, text


class ActionItemInput(Schema):
    """An action item: what is to be done, by whom, by when; the track it moves forward."""

    title: line(ActionItem.title, required=True)  # type: ignore[valid-type]
    owner_id: RecordId | None = None
    due_on: TreatyDate
    status: ActionStatus = ActionStatus.OPEN
    track_id: RecordId | None = None
    notes: text(5000) = ""  # type: ignore[valid-type]

    FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "owner_id",
        "due_on",
        "status",
        "track_id",
        "notes",
    )
