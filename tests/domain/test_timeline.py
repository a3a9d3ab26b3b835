from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from dateutil.relativedelta import relativedelta

from tracker.domain.timeline import MilestoneEvent, StatusEvent, build_timeline
from tracker.domain.workflow import TrackStatus


def test_spans_follow_each_other_and_end_today() -> None:
    timeline = build_timeline(
        [
            StatusEvent(TrackStatus.LAUNCHED, date(2025, 12, 2)),
            StatusEvent(TrackStatus.NEGOTIATING, date(2026, 1, 5)),
        ],
        [],
        today=date(2026, 1, 12),
    )
    launched, negotiating = timeline.spans
    assert (launched.starts_on, launched.ends_on) == (date(2025, 12, 2), date(2026, 1, 5))
    assert (negotiating.starts_on, negotiating.ends_on) == (date(2026, 1, 5), date(2026, 1, 12))
    assert launched.x < negotiating.x < timeline.today_x
    assert abs(launched.x + launched.width - negotiating.x) < 0.2


def test_milestones_show_plan_done_and_slippage() -> None:
    timeline = build_timeline(
        [StatusEvent(TrackStatus.LAUNCHED, date(2025, 12, 2))],
        [
            MilestoneEvent(1, "Round 1", date(2025, 12, 10), date(2025, 12, 15)),
            MilestoneEvent(2, "Deadline", date(2026, 1, 2), None),
            MilestoneEvent(3, "Round 2", date(2026, 2, 1), None),
        ],
        today=date(2026, 1, 12),
        target_date=date(2026, 6, 30),
    )
    done, overdue, planned = timeline.points
    assert done.slippage_days == 5 and done.done_x is not None and done.done_x > done.planned_x
    assert overdue.overdue and overdue.slippage_days == 10
    assert not planned.overdue and planned.slippage_days is None
    assert timeline.target_x is not None and timeline.target_x > timeline.today_x
    assert timeline.end > date(2026, 6, 30)
    assert all(0 <= p.planned_x <= timeline.width for p in timeline.points)
    assert timeline.ticks and timeline.ticks[0].label == "Dec 2025"


#: the least room between two month labels of the timeline (in its 900-wide drawing): the
#: widest label ("қыркүйек 2026" at 11 px) takes about 80
TICK_ROOM = 84


@pytest.mark.parametrize("months", [6, 14, 20, 36, 120])
def test_month_ticks_are_thinned_to_the_width(months: int) -> None:
    start = date(2026, 1, 12) - relativedelta(months=months)
    timeline = build_timeline(
        [StatusEvent(TrackStatus.LAUNCHED, start)], [], today=date(2026, 1, 12)
    )
    xs = [t.x for t in timeline.ticks]
    assert len(xs) >= 4
    assert min(b - a for a, b in pairwise(xs)) >= TICK_ROOM


def test_the_current_status_is_always_labelled_even_as_a_sliver() -> None:
    timeline = build_timeline(
        [
            StatusEvent(TrackStatus.LAUNCHED, date(2023, 1, 10)),
            StatusEvent(TrackStatus.NEGOTIATING, date(2026, 1, 9)),
        ],
        [],
        today=date(2026, 1, 12),
    )
    assert [s.current for s in timeline.spans] == [False, True]
