"""The Reminder record every source yields, and what the sources share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker import clock
from tracker.domain.reminders import parse_lead_days
from tracker.i18n import Text
from tracker.models import DEFAULT_LEAD_DAYS, User

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


def _ids(*track_ids: int | None) -> tuple[int, ...]:
    return tuple(t for t in track_ids if t is not None)
