"""When a reminder is due. Pure rules on dates; the services load the facts and send.

Each rule answers "which reminder is due now", not "is today exactly the day", so that
a run missed while the scheduler was down is caught up by the next run, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.messages import Message

#: lead days of an ordinary anniversary, and of a jubilee (every 5th year)
ANNIVERSARY_LEAD_DAYS = (7, 0)
JUBILEE_LEAD_DAYS = (90, 30, 7, 0)
#: lead days before a date the final clauses give (the last day to give notice of
#: non-renewal or denunciation; a computed entry into force), like a jubilee's
CLOCK_LEAD_DAYS = (90, 30, 7, 0)
#: after the first stale nudge, another this many days later while nothing happens
STALE_REPEAT_DAYS = 30


def parse_lead_days(text: str) -> tuple[int, ...]:
    """ "30, 7, 1, 0" -> (30, 7, 1, 0); raises ValueError with a message for a person."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise ValueError(Message("Give at least one number of days, e.g. 30, 7, 1, 0."))
    days = []
    for part in parts:
        if not (part.isascii() and part.isdigit()):
            raise ValueError(Message("“%(part)s” is not a whole number of days.", part=part[:20]))
        value = int(part)
        if value > 365:
            raise ValueError(Message("Lead days go up to 365."))
        days.append(value)
    if len(days) > 10:
        raise ValueError(Message("Give at most 10 lead days."))
    return tuple(sorted(set(days), reverse=True))


def format_lead_days(days: Iterable[int]) -> str:
    return ", ".join(str(d) for d in sorted(set(days), reverse=True))


def lead_due(event_on: date, today: date, lead_days: Iterable[int]) -> int | None:
    """The lead (in days) of the most recent reminder whose day has come, or None.

    With leads 30, 7, 1, 0 and an event in 5 days, the 7-day reminder is the one due;
    the 30-day one, if it was missed, is superseded rather than sent late.
    """
    if today > event_on:
        return None
    passed = [d for d in lead_days if event_on - timedelta(days=d) <= today]
    return min(passed) if passed else None


def overdue_week(planned_on: date, today: date) -> int | None:
    """0 in the first week an item is overdue, 1 in the second...; None if not overdue.

    One notice per week number: once when it becomes overdue, then weekly until done.
    """
    if today <= planned_on:
        return None
    return (today - planned_on - timedelta(days=1)).days // 7


@dataclass(frozen=True)
class Notice:
    """The reminder due about one dated thing: either the lead reminder sent `lead_days`
    before the date, or, once the date has passed, the overdue notice of `overdue_week`
    (0 in the first week late). Exactly one of the two is set."""

    lead_days: int | None = None
    overdue_week: int | None = None

    @property
    def overdue(self) -> bool:
        return self.overdue_week is not None


def notice_due(
    event_on: date, today: date, lead_days: Iterable[int], *, resumed_on: date | None = None
) -> Notice | None:
    """The one reminder due about something dated `event_on`, as of `today`, or None.

    Overdue first: after the date, the week's overdue notice (see overdue_week), whatever
    the leads. Until then, the most recent lead reminder whose day has come (see lead_due);
    `lead_days` are days before the date, and () asks for overdue notices only.

    `resumed_on` is the day the thing's track last resumed from a suspension: a lead
    reminder whose day fell before it (while nothing was sent) is not sent late, while an
    item already late gets the current week's overdue notice, then the weekly rhythm
    (issue 14, item 4).
    """
    week = overdue_week(event_on, today)
    if week is not None:
        return Notice(overdue_week=week)
    lead = lead_due(event_on, today, lead_days)
    if lead is None:
        return None
    if resumed_on is not None and event_on - timedelta(days=lead) < resumed_on:
        return None
    return Notice(lead_days=lead)


def stale_round(last_activity: date, today: date, stale_after_days: int) -> int | None:
    """0 when a track first counts as stale, 1 after another STALE_REPEAT_DAYS, ...; else None."""
    idle = (today - last_activity).days
    if idle < stale_after_days:
        return None
    return (idle - stale_after_days) // STALE_REPEAT_DAYS
