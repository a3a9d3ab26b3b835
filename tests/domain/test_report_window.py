"""The days a weekly report covers (tracker.domain.weeks.report_window; issue 16, found
by a fresh check, task h16a): a past week whole; the week still running up to the end of
yesterday, as README says ("a live preview as of the end of yesterday"); on its Monday,
none of its days yet. Lateness counts from the first day not covered."""

from __future__ import annotations

from datetime import date

WEEK = "2026-W03"  # Monday 12 to Sunday 18 January 2026


def test_a_past_week_is_covered_whole() -> None:
    from tracker.domain.weeks import report_window

    window = report_window(WEEK, date(2026, 1, 19))
    assert (window.starts_on, window.ends_on) == (date(2026, 1, 12), date(2026, 1, 18))
    assert window.through == date(2026, 1, 18) and window.after == date(2026, 1, 19)
    assert report_window(WEEK, None) == window


def test_the_running_week_is_covered_up_to_the_end_of_yesterday() -> None:
    from tracker.domain.weeks import report_window

    wednesday = report_window(WEEK, date(2026, 1, 14))
    assert wednesday.through == date(2026, 1, 13) and wednesday.after == date(2026, 1, 14)
    sunday = report_window(WEEK, date(2026, 1, 18))
    assert sunday.through == date(2026, 1, 17)


def test_on_its_monday_no_day_of_the_week_is_covered_yet() -> None:
    from tracker.domain.weeks import report_window

    monday = report_window(WEEK, date(2026, 1, 12))
    assert monday.through < monday.starts_on and monday.after == date(2026, 1, 12)
    assert not monday.covers(date(2026, 1, 12))
    assert report_window(WEEK, date(2026, 1, 19)).covers(date(2026, 1, 12))
