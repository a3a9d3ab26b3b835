"""The rules "open", "done", "overdue" and "ratified" are written once, as hybrid
properties: the Python side and the SQL side must pick the same records, whatever the dates.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select

from tracker.domain.progress import slippage_days
from tracker.models import (
    ActionItem,
    ActionStatus,
    Agreement,
    AgreementStatus,
    Body,
    Milestone,
    MilestoneKind,
    Party,
    Ratification,
)
from tracker.orm import db

BASE = date(2026, 1, 12)
DAYS = st.integers(-40, 40).map(lambda n: BASE + timedelta(days=n))
OPTIONAL_DAYS = st.one_of(st.none(), DAYS)


def _clear() -> None:
    db.session.rollback()
    for model in (ActionItem, Milestone, Ratification, Agreement, Party, Body):
        db.session.execute(delete(model))
    db.session.commit()


def _agree(model: type, sql, python) -> None:  # noqa: ANN001
    records = db.session.scalars(select(model)).all()
    assert set(db.session.scalars(select(model.id).where(sql))) == {
        r.id for r in records if python(r)
    }


@given(
    milestones=st.lists(st.tuples(DAYS, OPTIONAL_DAYS), min_size=1, max_size=8),
    items=st.lists(st.tuples(DAYS, st.sampled_from(list(ActionStatus))), max_size=8),
    today=DAYS,
)
def test_open_done_and_overdue_agree_in_python_and_sql(milestones, items, today) -> None:
    _clear()
    body = Body(name="Council")
    db.session.add(body)
    db.session.flush()
    rows = [
        Milestone(
            body_id=body.id,
            title=f"M{i}",
            kind=MilestoneKind.MEETING,
            planned_on=planned_on,
            done_on=done_on,
        )
        for i, (planned_on, done_on) in enumerate(milestones)
    ]
    db.session.add_all(rows)
    db.session.flush()
    db.session.add_all(
        ActionItem(meeting_id=rows[0].id, title=f"A{i}", due_on=due_on, status=status)
        for i, (due_on, status) in enumerate(items)
    )
    db.session.commit()

    _agree(Milestone, Milestone.is_open, lambda m: m.is_open)
    _agree(Milestone, Milestone.is_done, lambda m: m.is_done)
    _agree(Milestone, Milestone.is_overdue(today), lambda m: m.is_overdue(today))
    _agree(Milestone, Milestone.is_open_on(today), lambda m: m.is_open_on(today))
    _agree(ActionItem, ActionItem.is_open, lambda a: a.is_open)
    _agree(ActionItem, ActionItem.is_overdue(today), lambda a: a.is_overdue(today))
    # Overdue is slippage still running: the two rules agree with each other too.
    for m in db.session.scalars(select(Milestone)):
        running = m.done_on is None and (slippage_days(m.planned_on, None, today) or 0) > 0
        assert m.is_overdue(today) == running
    _clear()


@given(
    parties=st.lists(
        st.tuples(OPTIONAL_DAYS, OPTIONAL_DAYS, OPTIONAL_DAYS), min_size=1, max_size=6
    ),
    day=DAYS,
)
def test_ratified_and_overdue_agree_in_python_and_sql(parties, day) -> None:
    _clear()
    agreement = Agreement(title="EPCA", status=AgreementStatus.SIGNED)
    agreement.ratifications = [
        Ratification(
            party=Party(name=f"Party {i}"),
            notified_on=notified_on,
            deposited_on=deposited_on,
            expected_by=expected_by,
        )
        for i, (notified_on, deposited_on, expected_by) in enumerate(parties)
    ]
    db.session.add(agreement)
    db.session.commit()

    _agree(Ratification, Ratification.is_ratified, lambda r: r.is_ratified)
    _agree(Ratification, Ratification.is_ratified_by(day), lambda r: r.is_ratified_by(day))
    _agree(Ratification, Ratification.is_overdue(day), lambda r: r.is_overdue(day))
    _clear()
