"""The SQL twin of "bound" (Ratification.is_ratified, is_ratified_by): a Party row whose
Party has expressed its consent to be bound and whose denunciation or withdrawal has not
taken effect (VCLT Art. 70(1)). The Python rule is Ratification.bound_steps
(tracker.models.agreement) with tracker.domain.party_actions.PartySteps.has_left_by.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from tracker.clock import today as clock_today
from tracker.domain.party_actions import CONSENT, LEAVING, ActionKind
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


def _left_by(day: date) -> ColumnElement[bool]:
    """A leaving act (denunciation, withdrawal) taken effect on or before `day`: dated from
    when it takes effect if recorded, else from its notification; undated, taken effect."""
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
