"""The SQL twin of "bound" (Ratification.is_ratified, is_ratified_by): a Party row whose
Party has expressed its consent to be bound and whose denunciation or withdrawal has not
taken effect (VCLT Art. 70(1)). The Python rule is Ratification.bound_steps
(tracker.models.agreement) with tracker.domain.party_actions.PartySteps.has_left_by.

**A strict preselection, not a twin, in one case** (h16b #5). A leaving act whose day of
effect is not recorded takes effect, under the agreement's denunciation clause, on the day
the clause gives from its notification (tracker.domain.terms.leaving_takes_effect): month
ends under Regulation 1182/71 Art. 3(2)(c) and a denunciation counted back from the end of
a term (with tacit renewals) are not computed in SQL, portably on SQLite and PostgreSQL.
SQL reads that day as the notification's, which is never later than the clause's: it
takes such a Party as gone sooner, never later. So the SQL "bound" is a subset of the
Python rule and "not bound" (and Ratification.is_overdue) a superset, exact for every
other row; `leaving_day_computed_sql` marks the rows it is unsure of, and every caller
checks those again in Python (tracker.services.reminders.ratifications; the weekly
report's tracker.services.reports.treaty checks every row it reads). Tested:
tests/services/test_bound_sql_preselects.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from tracker.clock import today as clock_today
from tracker.domain.clocks import Purpose
from tracker.domain.party_actions import CONSENT, LEAVING, ActionKind
from tracker.models.clock_rule import ClockRule
from tracker.models.party_action import PartyAction


def bound_by_sql(cls: Any, day: date | None) -> ColumnElement[bool]:
    """The row (`cls`: Ratification, correlated) is bound on `day`: consent expressed on or
    before it (or on a date not recorded) and no leaving act taken effect by then. `day`
    None: as of the clock's today, consent expressed whatever its date."""
    if day is None:
        return and_(_acts_exist(cls, CONSENT), ~_acts_exist(cls, LEAVING, _left_by(clock_today())))
    return and_(
        _acts_exist(cls, CONSENT, or_(PartyAction.on.is_(None), PartyAction.on <= day)),
        ~_acts_exist(cls, LEAVING, _left_by(day)),
    )


def leaving_day_computed_sql(cls: Any) -> ColumnElement[bool]:
    """The row (`cls`: Ratification, correlated) has a leaving act notified on a recorded
    date with no day of effect recorded (and none with one), under an agreement with a
    denunciation clause: Python computes that day from the clause, SQL reads the
    notification's (the rows a caller checks again in Python)."""
    return and_(
        _acts_exist(cls, LEAVING, PartyAction.effective_on.is_(None), PartyAction.on.is_not(None)),
        ~_acts_exist(cls, LEAVING, PartyAction.effective_on.is_not(None)),
        select(ClockRule.id)
        .where(
            ClockRule.agreement_id == cls.agreement_id,
            ClockRule.purpose == Purpose.DENUNCIATION_EFFECT,
        )
        .exists(),
    )


def _left_by(day: date) -> ColumnElement[bool]:
    """A leaving act (denunciation, withdrawal) taken effect on or before `day`: dated from
    when it takes effect if recorded, else from its notification (under a denunciation
    clause, sooner than Python's day: leaving_day_computed_sql); undated, taken effect."""
    effective = func.coalesce(PartyAction.effective_on, PartyAction.on)
    return or_(effective.is_(None), effective <= day)


def _acts_exist(
    cls: Any, kinds: frozenset[ActionKind], *more: ColumnElement[bool]
) -> ColumnElement[bool]:
    """EXISTS an act of one of `kinds` by the row's party under the row's agreement."""
    return (
        select(PartyAction.id)
        .where(
            PartyAction.agreement_id == cls.agreement_id,
            PartyAction.party_id == cls.party_id,
            PartyAction.kind.in_(sorted(kinds)),
            *more,
        )
        .exists()
    )
