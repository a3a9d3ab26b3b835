"""The days a weekly report covers (tracker.domain.weeks.report_window): a past week
whole; the week still running up to now, as README says ("a live preview of the week so
far"), its events of today included, with lateness as the dashboard counts it (what falls
due today is not late yet). The preview and the report sent ask the same function."""

from __future__ import annotations

from datetime import date

from tracker.domain.weeks import report_window

WEEK = "2026-W03"  # Monday 12 to Sunday 18 January 2026


def test_a_past_week_is_covered_whole() -> None:
    window = report_window(WEEK, date(2026, 1, 19))
    assert (window.starts_on, window.ends_on) == (date(2026, 1, 12), date(2026, 1, 18))
    assert window.through == date(2026, 1, 18) and window.after == date(2026, 1, 19)
    assert not window.running
    assert report_window(WEEK, None) == window


def test_the_running_week_is_covered_up_to_now() -> None:
    wednesday = report_window(WEEK, date(2026, 1, 14))
    assert wednesday.through == date(2026, 1, 14) and wednesday.after == date(2026, 1, 14)
    assert wednesday.covers(date(2026, 1, 14)) and not wednesday.covers(date(2026, 1, 15))
    assert wednesday.running
    sunday = report_window(WEEK, date(2026, 1, 18))
    assert sunday.through == date(2026, 1, 18) and sunday.running


def test_on_its_monday_the_week_so_far_is_its_monday() -> None:
    monday = report_window(WEEK, date(2026, 1, 12))
    assert monday.covers(date(2026, 1, 12)) and not monday.covers(date(2026, 1, 11))
    assert monday.after == date(2026, 1, 12)  # due today: not late yet
