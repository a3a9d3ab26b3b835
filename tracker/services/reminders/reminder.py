"""The Reminder record every source yields, and what the sources share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Subquery, func, select

from tracker import clock
from tracker.domain.reminders import parse_lead_days
from tracker.domain.workflow import PAUSED
from tracker.i18n import Text
from tracker.models import DEFAULT_LEAD_DAYS, StatusChange, User

#: rows fetched at a time by the scans, so their memory does not grow with the archive
STREAM_CHUNK = 1_000


@dataclass(frozen=True)
class Reminder:
    """One email due to one person."""

    key: str
    kind: str  # milestone_due, milestone_overdue, track_stale, anniversary
    user_id: int
    subject: Text
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)
    #: the tracks that decide who may be told (a milestone's track; an action item's own
    #: track and its meeting's): a restricted one only to who may see it
    track_ids: tuple[int, ...] = ()


def lead_days_of(user: User) -> tuple[int, ...]:
    try:
        return parse_lead_days(user.reminder_lead_days)
    except ValueError:
        return DEFAULT_LEAD_DAYS


def _today(now: datetime) -> date:
    return now.astimezone(clock.zone()).date()


def resumed_on_by_track() -> Subquery:
    """(track_id, resumed_on): the day each track last moved out of a suspension; what fell
    due before it is not sent late (tracker.domain.reminders.notice_due)."""
    return (
        select(StatusChange.track_id, func.max(StatusChange.effective_on).label("resumed_on"))
        .where(StatusChange.from_status.in_(sorted(PAUSED)))
        .group_by(StatusChange.track_id)
        .subquery()
    )


def _ids(*track_ids: int | None) -> tuple[int, ...]:
    return tuple(t for t in track_ids if t is not None)
