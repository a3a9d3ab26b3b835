"""Lay out a track's history and milestones on a time axis, for a server-drawn SVG."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from tracker.domain.progress import is_overdue, slippage_days
from tracker.domain.workflow import TrackStatus

WIDTH = 900
LEFT = 20
RIGHT = 20
BAND_Y = 40
BAND_HEIGHT = 26
MARKER_ROW_Y = 120
ROW_GAP = 22
#: the least room between two month ticks, in the drawing's units (the widest label,
#: "қыркүйек 2026" at 11 px, takes about 80)
TICK_ROOM = 84
#: month steps the ticks may take: every month, every second... every second year
TICK_STEPS = (1, 2, 3, 4, 6, 12, 24)
#: the room a tick label needs before the right edge
TICK_LABEL_ROOM = 70


@dataclass(frozen=True)
class StatusSpan:
    status: TrackStatus
    starts_on: date
    ends_on: date
    x: float
    width: float
    #: the track's status now (the last span): always labelled, however thin
    current: bool = False


@dataclass(frozen=True)
class MilestonePoint:
    milestone_id: int
    title: str
    planned_on: date
    done_on: date | None
    planned_x: float
    done_x: float | None
    y: float
    overdue: bool
    slippage_days: int | None
    #: cancelled (issue 15 #7): drawn apart, where it was planned
    cancelled: bool = False


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    #: the first of the month the tick marks, for labels in other languages
    month: date | None = None


@dataclass
class Timeline:
    start: date
    end: date
    width: int
    height: int
    spans: list[StatusSpan] = field(default_factory=list)
    points: list[MilestonePoint] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    today_x: float = 0.0
    target_x: float | None = None


@dataclass(frozen=True)
class StatusEvent:
    status: TrackStatus
    effective_on: date


@dataclass(frozen=True)
class MilestoneEvent:
    milestone_id: int
    title: str
    planned_on: date
    done_on: date | None
    #: a cancelled milestone (issue 15 #7) is drawn where planned, never late
    cancelled: bool = False


def tick_step(span_days: int, usable: float) -> int:
    """Months between two ticks: the smallest of TICK_STEPS that leaves TICK_ROOM between
    their labels when `span_days` are drawn over `usable` units."""
    per_month = usable * 30.44 / max(span_days, 1)
    return next((step for step in TICK_STEPS if step * per_month >= TICK_ROOM), TICK_STEPS[-1])


def build_timeline(
    statuses: list[StatusEvent],
    milestones: list[MilestoneEvent],
    *,
    today: date,
    target_date: date | None = None,
    live: bool = True,
) -> Timeline:
    """Positions for every status span and milestone; the template only draws them.

    `live` is False for a closed or paused track (NegotiationTrack.is_live): nothing of it
    is drawn overdue, as nothing of it is chased.
    """
    dates = [s.effective_on for s in statuses] + [today]
    for m in milestones:
        dates.append(m.planned_on)
        if m.done_on:
            dates.append(m.done_on)
    if target_date:
        dates.append(target_date)
    start = min(dates) - timedelta(days=7)
    end = max(dates) + timedelta(days=14)
    span_days = max((end - start).days, 1)
    usable = WIDTH - LEFT - RIGHT

    def x_of(day: date) -> float:
        return round(LEFT + usable * (day - start).days / span_days, 1)

    ordered = sorted(statuses, key=lambda s: s.effective_on)
    spans = []
    for i, event in enumerate(ordered):
        ends_on = ordered[i + 1].effective_on if i + 1 < len(ordered) else today
        ends_on = max(ends_on, event.effective_on)
        x = x_of(event.effective_on)
        spans.append(
            StatusSpan(
                event.status,
                event.effective_on,
                ends_on,
                x,
                max(x_of(ends_on) - x, 2),
                current=i == len(ordered) - 1,
            )
        )

    points = []
    for row, m in enumerate(sorted(milestones, key=lambda m: (m.planned_on, m.milestone_id))):
        overdue = live and is_overdue(
            m.planned_on, today, done=m.done_on is not None or m.cancelled
        )
        slip = None if m.cancelled else slippage_days(m.planned_on, m.done_on, today)
        points.append(
            MilestonePoint(
                milestone_id=m.milestone_id,
                title=m.title,
                planned_on=m.planned_on,
                done_on=m.done_on,
                planned_x=x_of(m.planned_on),
                done_x=x_of(m.done_on) if m.done_on else None,
                y=MARKER_ROW_Y + row * ROW_GAP,
                overdue=overdue,
                slippage_days=slip,
                cancelled=m.cancelled,
            )
        )

    ticks = []
    step = tick_step(span_days, usable)
    month = date(start.year, start.month, 1) + relativedelta(months=1)
    while (month.year * 12 + month.month - 1) % step:  # Jan, Apr, Jul, Oct for a step of 3
        month += relativedelta(months=1)
    while month <= end and x_of(month) <= WIDTH - TICK_LABEL_ROOM:
        ticks.append(Tick(x_of(month), month.strftime("%b %Y"), month))
        month += relativedelta(months=step)
    return Timeline(
        start=start,
        end=end,
        width=WIDTH,
        height=MARKER_ROW_Y + max(len(points), 1) * ROW_GAP + 10,
        spans=spans,
        points=points,
        ticks=ticks,
        today_x=x_of(today),
        target_x=x_of(target_date) if target_date else None,
    )
