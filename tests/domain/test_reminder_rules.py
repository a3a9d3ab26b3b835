from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.reminders import (
    Notice,
    format_lead_days,
    lead_due,
    notice_due,
    overdue_week,
    parse_lead_days,
    stale_round,
)
from tracker.domain.weeks import iso_week_of, parse_iso_week, previous_iso_week

EVENT = date(2026, 2, 11)
LEADS = (30, 7, 1, 0)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 11), None),  # 31 days before: nothing yet
        (date(2026, 1, 12), 30),
        (date(2026, 2, 3), 30),  # the 30-day reminder is still the latest due
        (date(2026, 2, 4), 7),
        (date(2026, 2, 9), 7),  # missed the 7-day run? it is still due, once
        (date(2026, 2, 10), 1),
        (date(2026, 2, 11), 0),
        (date(2026, 2, 12), None),  # afterwards it is an overdue matter
    ],
)
def test_the_latest_lead_that_has_come_is_due(today: date, expected: int | None) -> None:
    assert lead_due(EVENT, today, LEADS) == expected


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (date(2026, 2, 11), None),
        (date(2026, 2, 12), 0),
        (date(2026, 2, 18), 0),
        (date(2026, 2, 19), 1),
        (date(2026, 3, 12), 4),
    ],
)
def test_overdue_once_then_weekly(today: date, week: int | None) -> None:
    assert overdue_week(EVENT, today) == week


def test_stale_after_sixty_days_then_every_thirty() -> None:
    last = date(2026, 1, 1)
    assert stale_round(last, date(2026, 3, 1), 60) is None  # 59 days
    assert stale_round(last, date(2026, 3, 2), 60) == 0
    assert stale_round(last, date(2026, 3, 31), 60) == 0
    assert stale_round(last, date(2026, 4, 1), 60) == 1


def test_lead_days_are_parsed_for_people() -> None:
    assert parse_lead_days("30, 7,1 ,0") == (30, 7, 1, 0)
    assert parse_lead_days("7;7;14") == (14, 7)
    assert format_lead_days((0, 30, 7)) == "30, 7, 0"
    for bad, message in (
        ("", "at least one"),
        ("soon", "not a whole number"),
        ("-1", "not a whole number"),
        ("7, ²", "not a whole number"),  # a digit to str.isdigit(), not to int()
        ("400", "up to 365"),
        (",".join(str(i) for i in range(11)), "at most 10"),
    ):
        with pytest.raises(ValueError, match=message):
            parse_lead_days(bad)


def test_iso_weeks() -> None:
    assert parse_iso_week("2025-W49") == (date(2025, 12, 1), date(2025, 12, 7))
    assert parse_iso_week("2026-W01") == (date(2025, 12, 29), date(2026, 1, 4))
    assert iso_week_of(date(2025, 12, 3)) == "2025-W49"
    assert previous_iso_week(date(2025, 12, 8)) == "2025-W49"
    assert parse_iso_week("2020-W53")[0] == date(2020, 12, 28)
    for bad in ("2025-49", "2025-W54", "2021-W53", "W49", "2025-W4"):
        with pytest.raises(ValueError):
            parse_iso_week(bad)


def test_after_a_suspension_no_lead_reminder_is_sent_late_but_overdue_once_then_weekly() -> None:
    """Issue 14, item 4: resumed on 20 Feb; leads 30, 7, 1, 0."""
    leads = (30, 7, 1, 0)
    resumed = date(2026, 2, 20)
    # The 30-day reminder of 1 Mar fell on 30 Jan, during the suspension: not sent on resuming.
    assert notice_due(date(2026, 3, 1), resumed, leads, resumed_on=resumed) is None
    assert notice_due(date(2026, 3, 1), resumed, leads) == Notice(lead_days=30)  # without it
    # The 7-day one falls after: sent on its day.
    assert notice_due(date(2026, 3, 1), date(2026, 2, 22), leads, resumed_on=resumed) == Notice(
        lead_days=7
    )
    # On the day of resuming, a reminder due that day is sent.
    assert notice_due(date(2026, 2, 27), resumed, leads, resumed_on=resumed) == Notice(lead_days=7)
    # Already late: the current week's overdue notice (one), then the weekly rhythm.
    assert notice_due(date(2026, 2, 11), resumed, leads, resumed_on=resumed) == Notice(
        overdue_week=1
    )
    assert notice_due(date(2026, 2, 11), date(2026, 2, 26), leads, resumed_on=resumed) == Notice(
        overdue_week=2
    )
