from __future__ import annotations

from datetime import date

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
