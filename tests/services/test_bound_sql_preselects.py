"""The SQL twin of "bound" under a denunciation clause (h16b #5): a withdrawal or
denunciation whose day of effect is not recorded takes effect on the day the clause gives
from its notification (tracker.domain.terms.leaving_takes_effect), which SQL cannot compute
(month ends under Regulation 1182/71, terms counted back). So SQL is a strict preselection:
it counts such a Party as gone (never misses one that is not bound), marks the rows it is
unsure of (Ratification.leaving_day_computed), and every caller checks those again in
Python: the weekly chasing of overdue Parties (ratification_reminders) and the weekly
report's Parties still to consent."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from tracker.domain.party_actions import ActionKind
from tracker.models import (
    Agreement,
    AgreementStatus,
    ClockRule,
    Party,
    PartyAction,
    Ratification,
)
from tracker.orm import db
from tracker.services.reminders.ratifications import ratification_reminders

BASE = date(2026, 1, 12)
DAYS = st.integers(-400, 40).map(lambda n: BASE + timedelta(days=n))
OPTIONAL_DAYS = st.one_of(st.none(), DAYS)
#: a denunciation clause: (mode, offset, unit), or none
CLAUSES = st.one_of(
    st.none(),
    st.sampled_from(
        [
            ("after", 6, "months"),
            ("after", 1, "years"),
            ("first_day_of_nth_month_following", 2, "months"),
            ("first_day_of_month_after_period", 3, "months"),
            ("on", 0, "months"),
        ]
    ),
)
LEAVING = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["denunciation", "withdrawal"]), OPTIONAL_DAYS, OPTIONAL_DAYS),
)


def _clear() -> None:
    db.session.rollback()
    for model in (Ratification, ClockRule, Agreement, Party):
        db.session.execute(delete(model))
    db.session.commit()


def _ids(condition) -> set[int]:  # noqa: ANN001
    return set(db.session.scalars(select(Ratification.id).where(condition)))


@settings(max_examples=25, deadline=None)
# a Party bound until a year after its notice of withdrawal, past its expected date
@example(
    parties=[(date(2025, 1, 1), date(2025, 6, 1), ("withdrawal", date(2025, 12, 1), None))],
    clause=("after", 1, "years"),
    day=date(2026, 1, 12),
)
@given(
    parties=st.lists(st.tuples(OPTIONAL_DAYS, OPTIONAL_DAYS, LEAVING), min_size=1, max_size=5),
    clause=CLAUSES,
    day=DAYS,
)
def test_sql_preselects_and_python_decides_with_a_denunciation_clause(parties, clause, day):
    _clear()
    agreement = Agreement(
        title="Convention", status=AgreementStatus.IN_FORCE, in_force_on=date(2024, 3, 1)
    )
    if clause is not None:
        mode, offset, unit = clause
        anchor = "notification"
        agreement.clock_rules.append(
            ClockRule(
                purpose="denunciation_effect", mode=mode, anchor=anchor, offset=offset, unit=unit
            )
        )
    agreement.ratifications = [
        Ratification(party=Party(name=f"Party {i}"), deposited_on=deposited, expected_by=expected)
        for i, (deposited, expected, _leaving) in enumerate(parties)
    ]
    for row, (*_dates, leaving) in zip(agreement.ratifications, parties, strict=True):
        if leaving is not None:
            kind, notified_on, takes_effect_on = leaving
            if takes_effect_on is not None and notified_on is not None:
                takes_effect_on = max(takes_effect_on, notified_on)
            row.actions.append(PartyAction(kind=kind, on=notified_on, effective_on=takes_effect_on))
    db.session.add(agreement)
    db.session.commit()
    rows = db.session.scalars(select(Ratification)).all()
    unsure = _ids(Ratification.leaving_day_computed)
    assert unsure == {r.id for r in rows if r.leaving_day_computed}
    with time_machine.travel(day, tick=False):
        for sql, python in (
            (Ratification.is_ratified, lambda r: r.is_ratified),
            (Ratification.is_ratified_by(day), lambda r: r.is_ratified_by(day)),
        ):
            bound = {r.id for r in rows if python(r)}
            found = _ids(sql)
            # SQL never says bound what is not; where it is sure, it says what Python says
            assert found <= bound
            assert {i for i in bound if i not in unsure} == found - unsure
        overdue = {r.id for r in rows if r.is_overdue(day)}
        preselected = _ids(Ratification.is_overdue(day))
        assert overdue <= preselected and preselected - overdue <= unsure
    _clear()


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_a_party_still_bound_after_its_notice_is_not_chased(make, officer) -> None:
    """The Republic ratified, then notified its withdrawal on 1 Dec 2025; under the clause
    it takes effect one year later: it is still bound on 15 Jan 2026 and not chased,
    whatever its expected date says. The Union, which has not consented, is."""
    union, republic = make.party("Union"), make.party("Republic")
    agreement = make.agreement(
        parties=[union, republic],
        title="Test agreement",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
        owner_id=officer.id,
    )
    agreement.clock_rules.append(
        ClockRule(
            purpose="denunciation_effect",
            mode="after",
            anchor="notification",
            offset=1,
            unit="years",
        )
    )
    first, second = agreement.ratifications
    first.expected_by = second.expected_by = date(2025, 6, 1)
    second.actions.append(PartyAction(kind=ActionKind.RATIFICATION, on=date(2019, 11, 4)))
    second.actions.append(PartyAction(kind=ActionKind.WITHDRAWAL, on=date(2025, 12, 1)))
    db.session.commit()
    assert second.is_ratified and not second.is_overdue(date(2026, 1, 15))
    chased = [
        r.context["party"] for r in ratification_reminders(date(2026, 1, 15), {officer.id: officer})
    ]
    assert chased == ["Union"]
