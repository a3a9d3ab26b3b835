"""Where an item stands against its date: the rules "overdue" and "slippage", once.

The models' hybrid properties use these for a record in hand and give the same rule as a
SQL expression for queries; tests/visibility/test_rule_twins.py checks that the two agree.
Dates are calendar dates; slippage is in days.
"""

from __future__ import annotations

from datetime import date


def is_overdue(due_on: date, today: date, *, done: bool) -> bool:
    """Not done, and its date has passed (it is not overdue on the day itself)."""
    return not done and due_on < today


def slippage_days(planned_on: date, done_on: date | None, today: date) -> int | None:
    """Days late against the plan: done late (negative when done early), or still open
    past the planned date; None when open and not yet due."""
    if done_on is not None:
        return (done_on - planned_on).days
    if planned_on < today:
        return (today - planned_on).days
    return None
