"""The Reminder record every source yields, and what the sources share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, case, func, select

from tracker import clock
from tracker.domain.reminders import Notice, notice_due, parse_lead_days
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


def notices_on(today: date) -> Callable[[date, tuple[int, ...], date | None], Notice | None]:
    """notice_due(event_on, today, lead_days, resumed_on=...) for one scan's `today`,
    remembered: a scan asks it for tens of thousands of (date, leads, resumption)
    triples of which a few hundred differ (issue 19 #4). Pure, so the answer is the
    rule's."""

    @cache
    def notice(
        event_on: date, lead_days: tuple[int, ...], resumed_on: date | None
    ) -> Notice | None:
        return notice_due(event_on, today, lead_days, resumed_on=resumed_on)

    return notice


def _today(now: datetime) -> date:
    return now.astimezone(clock.zone()).date()


def resumed_on(track_id: ColumnElement[int | None]) -> ScalarSelect[date]:
    """The day the track `track_id` (a column of the outer query, correlated) last moved
    out of a suspension, NULL if it never did; what fell due before it is not sent late
    (tracker.domain.reminders.notice_due).

    A scalar subquery looked up per row from ix_status_changes_resumed (the moves out of a
    paused status, by track and date), for the rows the scan reads: the grouped
    subquery it replaces read every move out of a suspension of the archive (377,614 at
    bench scale 10) into a hash in each scan, 150-240 ms twice (issue 19 #4).
    """
    return (
        select(func.max(StatusChange.effective_on))
        .where(StatusChange.track_id == track_id, StatusChange.from_status.in_(sorted(PAUSED)))
        .scalar_subquery()
    )


def resumed_on_if_ahead(
    event_on: ColumnElement[date], track_id: ColumnElement[int | None], today: date
) -> ColumnElement[date | None]:
    """resumed_on(track_id), asked only where it can matter: a lead reminder, before the
    day (`event_on` on or after `today`); an item already late gets its overdue notice
    whatever the resumption (notice_due), so NULL there, and the look-up is not made."""
    return case((event_on >= today, resumed_on(track_id)), else_=None)


def _ids(*track_ids: int | None) -> tuple[int, ...]:
    return tuple(t for t in track_ids if t is not None)
