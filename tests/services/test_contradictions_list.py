"""The administrators' list of contradictions selects in SQL first
(tracker.services.consistency.may_be_flagged): on generated agreements (acts of every
kind that matters, dated, undated and in the future; denunciations and withdrawals
taking effect on their own days; in force, terminated or neither; some with final
clauses as rules), the list equals working out every agreement in Python, the rule the
agreement's own consistency panel follows."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.models import Agreement, AgreementStatus, ClockRule, PartyAction, Ratification
from tracker.orm import db
from tracker.services.consistency import contradictions_page, flagged_agreements
from tracker.services.paging import PageRequest
from tracker.services.party_actions import agreement_contradictions

TODAY = date(2026, 1, 12)
KINDS = (
    "signature",
    "signature_subject_to_ratification",
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "notification_of_completion",
    "provisional_application",
    "reservation",
    "denunciation",
    "withdrawal",
)


def _day(rng: random.Random) -> date | None:
    if rng.random() < 0.15:
        return None  # not recorded
    return date(2015, 1, 1) + timedelta(days=rng.randrange(0, 4_400))  # some after TODAY


def _every_agreement_in_python() -> list[int]:
    query = (
        select(Agreement)
        .options(
            selectinload(Agreement.clock_rules),
            selectinload(Agreement.ratifications).selectinload(Ratification.actions),
        )
        .order_by(Agreement.title, Agreement.id)
    )
    return [a.id for a in db.session.scalars(query) if agreement_contradictions(a, TODAY)]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_list_is_every_agreement_worked_out_in_python(make, seed: int) -> None:
    rng = random.Random(seed)
    parties = [make.party(f"State {seed}-{n}") for n in range(6)]
    for n in range(60):
        in_force = rng.random() < 0.5
        status = AgreementStatus.IN_FORCE if in_force else AgreementStatus.SIGNED
        agreement = make.agreement(
            parties=rng.sample(parties, rng.randrange(1, 4)),
            title=f"Agreement {n:02d}",
            status=AgreementStatus.TERMINATED if rng.random() < 0.1 else status,
            in_force_on=_day(rng) if in_force else None,
        )
        for row in agreement.ratifications:
            for kind in rng.sample(KINDS, rng.randrange(0, 4)):
                # a denunciation or withdrawal takes effect on a day of its own, if known
                effective_on = _day(rng) if kind in ("denunciation", "withdrawal") else None
                row.actions.append(PartyAction(kind=kind, on=_day(rng), effective_on=effective_on))
        if rng.random() < 0.15:
            agreement.clock_rules.append(
                ClockRule(
                    purpose="entry_into_force",
                    mode="first_day_of_nth_month_following",
                    anchor="last_notification",
                    offset=2,
                )
            )
    db.session.commit()
    expected = _every_agreement_in_python()
    assert 10 < len(expected) < 60  # both kinds are there to tell apart
    assert [f.id for f in flagged_agreements(TODAY)] == expected
    shown = []
    for number in (1, 2, 3, 4, 5):
        page = contradictions_page(TODAY, PageRequest(number, 15))
        assert page.total == len(expected)
        for item in page.items:
            assert item.contradictions
            shown.append(item.id)
    assert shown == expected
