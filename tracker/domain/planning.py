"""Planned against actual: target dates for workflow stages, slippage, and a forecast.

Pure functions of dates: the track page and the weekly report pass in the targets and
the dates each stage was first reached (from the status history).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.messages import Message
from tracker.domain.workflow import MAIN_LINE, TrackStatus


@dataclass(frozen=True)
class StagePlan:
    status: TrackStatus
    target_on: date | None
    reached_on: date | None
    #: days late against the target (negative: early); None without a target, or while
    #: the target is still ahead and the stage not reached
    slippage_days: int | None

    @property
    def is_late(self) -> bool:
        return self.slippage_days is not None and self.slippage_days > 0


@dataclass(frozen=True)
class Forecast:
    status: TrackStatus
    expected_on: date
    #: how the date was reached, in words for the officer
    basis: str


def stage_plans(
    targets: Mapping[TrackStatus, date],
    reached: Mapping[TrackStatus, date],
    today: date,
) -> list[StagePlan]:
    """One row per main-line stage that has a target or has been reached, in order."""
    plans = []
    for status in MAIN_LINE:
        target = targets.get(status)
        reached_on = reached.get(status)
        if target is None and reached_on is None:
            continue
        slippage: int | None = None
        if target is not None and reached_on is not None:
            slippage = (reached_on - target).days
        elif target is not None and target < today:
            slippage = (today - target).days  # not reached yet, and already late
        plans.append(StagePlan(status, target, reached_on, slippage))
    return plans


def next_stage(current: TrackStatus) -> TrackStatus | None:
    if current not in MAIN_LINE or current is MAIN_LINE[-1]:
        return None
    return MAIN_LINE[MAIN_LINE.index(current) + 1]


def forecast_next_stage(
    current: TrackStatus,
    status_since: date,
    targets: Mapping[TrackStatus, date],
    reached: Mapping[TrackStatus, date],
    today: date,
) -> Forecast | None:
    """When the track should reach its next main-line stage.

    With a target for that stage: the target, pushed back by the delay the track already
    carries (the slippage of the last stage reached against its target). Without one: the
    average time the track has spent per stage so far, counted from the current stage's
    start. Never earlier than today: a stage not reached yet is not reached in the past.
    """
    upcoming = next_stage(current)
    if upcoming is None:
        return None
    target = targets.get(upcoming)
    if target is not None:
        carried = _carried_delay(targets, reached)
        expected = target + timedelta(days=max(carried, 0))
        basis = (
            Message("target date, plus the %(days)s days the track is running late", days=carried)
            if carried > 0
            else Message("target date")
        )
    else:
        durations = _stage_durations(reached)
        if not durations:
            return None
        average = round(sum(durations) / len(durations))
        expected = status_since + timedelta(days=average)
        basis = Message("the %(days)s days per stage the track has taken so far", days=average)
    if expected < today:
        return Forecast(
            upcoming,
            today,
            Message("%(basis)s; already due, so no earlier than today", basis=basis),
        )
    return Forecast(upcoming, expected, basis)


def _carried_delay(targets: Mapping[TrackStatus, date], reached: Mapping[TrackStatus, date]) -> int:
    latest: tuple[date, int] | None = None
    for status, reached_on in reached.items():
        target = targets.get(status)
        if target is None:
            continue
        if latest is None or reached_on > latest[0]:
            latest = (reached_on, (reached_on - target).days)
    return latest[1] if latest else 0


def _stage_durations(reached: Mapping[TrackStatus, date]) -> list[int]:
    """Days between consecutive main-line stages reached."""
    dates = [reached[s] for s in MAIN_LINE if s in reached]
    return [(b - a).days for a, b in zip(dates, dates[1:], strict=False) if b >= a]


def first_reached(history: list[tuple[TrackStatus, date]]) -> dict[TrackStatus, date]:
    """The date each status was first reached, from (status, effective_on) in order."""
    reached: dict[TrackStatus, date] = {}
    for status, on in history:
        if status not in reached or on < reached[status]:
            reached[status] = on
    return reached
