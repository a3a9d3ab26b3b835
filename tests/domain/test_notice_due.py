"""notice_due(event_on, today, lead_days): the one reminder due about a dated thing.

In: the date of the thing (a milestone's planned date, an action item's due date...) and
today's date, both `datetime.date` in the tracker's time zone, and the lead days, whole
days before the date on which a reminder is sent (e.g. 30, 7, 1, 0; () for none).
Out: None when nothing is due; otherwise a Notice with either `lead_days` (the latest
lead whose day has come, in days) or `overdue_week` (0 in the first week after the date,
1 in the second...), never both. No app, no database.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.reminders import Notice, notice_due

EVENT = date(2026, 2, 11)
LEADS = (30, 7, 1, 0)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 11), None),  # 31 days before: nothing yet
        (date(2026, 1, 12), Notice(lead_days=30)),
        (date(2026, 2, 3), Notice(lead_days=30)),  # a missed 7-day run is not made up early
        (date(2026, 2, 4), Notice(lead_days=7)),
        (date(2026, 2, 9), Notice(lead_days=7)),  # the 7-day run missed: still due, once
        (date(2026, 2, 10), Notice(lead_days=1)),
        (date(2026, 2, 11), Notice(lead_days=0)),  # on the day: a lead reminder, not late
        (date(2026, 2, 12), Notice(overdue_week=0)),  # the day after: overdue, week 0
        (date(2026, 2, 18), Notice(overdue_week=0)),
        (date(2026, 2, 19), Notice(overdue_week=1)),  # then one notice a week
        (date(2026, 3, 12), Notice(overdue_week=4)),
    ],
)
def test_a_lead_reminder_until_the_day_then_weekly_overdue_notices(
    today: date, expected: Notice | None
) -> None:
    assert notice_due(EVENT, today, LEADS) == expected


def test_overdue_whatever_the_leads() -> None:
    late = date(2026, 2, 20)
    assert notice_due(EVENT, late, ()) == notice_due(EVENT, late, (365,)) == Notice(overdue_week=1)


def test_no_lead_days_means_overdue_notices_only() -> None:
    assert notice_due(EVENT, date(2026, 2, 11), ()) is None
    assert notice_due(EVENT, date(2026, 2, 12), ()) == Notice(overdue_week=0)


def test_a_notice_is_one_or_the_other() -> None:
    lead = notice_due(EVENT, date(2026, 2, 4), LEADS)
    late = notice_due(EVENT, date(2026, 2, 12), LEADS)
    assert lead is not None and not lead.overdue and lead.overdue_week is None
    assert late is not None and late.overdue and late.lead_days is None


def test_leads_may_come_in_any_order() -> None:
    assert notice_due(EVENT, date(2026, 2, 5), (0, 30, 7, 1)) == Notice(lead_days=7)
