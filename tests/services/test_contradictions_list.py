"""The administrators' list of contradictions selects in SQL first
(tracker.services.consistency.may_be_flagged): on generated agreements (acts of every
kind that matters, dated, undated and in the future; denunciations and withdrawals
taking effect on their own days; signatures on the agreement's date of signature or not;
in force, terminated or neither; some with final clauses as rules; some mixed, the Union
and Member States of the one part, whose partner leaves, some rows with their side set),
the list equals working out every agreement in Python, the rule the agreement's own
consistency panel follows."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    ClockRule,
    PartyAction,
    PartyGroup,
    PartyKind,
    Ratification,
)
from tracker.orm import db
from tracker.services.agreement_status import agreement_contradictions
from tracker.services.consistency import contradictions_page, flagged_agreements
from tracker.services.paging import PageRequest

TODAY = date(2026, 1, 12)
SIGNED_ON = date(2015, 12, 21)
KINDS = (
    "signature",
    "signature_subject_to_ratification",
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "notification_of_completion",
    "provisional_application",
    "provisional_application_end",
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
    # of the one part of a mixed agreement: the Union and its Member States (a group)
    union = make.party(f"Union {seed}", kind=PartyKind.ORGANISATION)
    member_states = [make.party(f"Member State {seed}-{n}") for n in range(3)]
    for n in range(60):
        in_force = rng.random() < 0.5
        status = AgreementStatus.IN_FORCE if in_force else AgreementStatus.SIGNED
        mixed = rng.random() < 0.3
        one_part = [union, *rng.sample(member_states, rng.randrange(0, 3))]
        agreement = make.agreement(
            parties=(
                # sometimes one part only (sides not known: the count of Parties decides)
                [*one_part, *rng.sample(parties, rng.choice((0, 1, 1, 1, 2)))]
                if mixed
                else rng.sample(parties, rng.randrange(1, 4))
            ),
            kind=AgreementKind.MIXED if mixed else AgreementKind.BILATERAL,
            title=f"Agreement {n:02d}",
            signed_on=SIGNED_ON if rng.random() < 0.4 else None,
            status=AgreementStatus.TERMINATED if rng.random() < 0.1 else status,
            in_force_on=_day(rng) if in_force else None,
        )
        if rng.random() < 0.7:  # the group is the agreement's own: without it, of the other
            group = PartyGroup(name=f"Member States {seed}", members=member_states)
            agreement.party_groups.append(group)
        for row in agreement.ratifications:
            if mixed and rng.random() < 0.3:  # a side set on the row, not derived
                row.side = rng.choice(("one_part", "other_part"))
            for kind in rng.sample(KINDS, rng.randrange(0, 4)):
                # a denunciation or withdrawal takes effect on a day of its own, if known
                effective_on = _day(rng) if kind in ("denunciation", "withdrawal") else None
                # a signature often on the agreement's date of signature, as it should be
                on = SIGNED_ON if "signature" in kind and rng.random() < 0.6 else _day(rng)
                row.actions.append(PartyAction(kind=kind, on=on, effective_on=effective_on))
        if rng.random() < 0.15:
            agreement.clock_rules.append(
                ClockRule(
                    purpose="entry_into_force",
                    mode="first_day_of_nth_month_following",
                    anchor="last_notification",
                    offset=2,
                )
            )
    # multilateral: opened for signature on its date, a later signature is no fault, an
    # earlier one is (nothing else to flag in either)
    for n, first in enumerate((date(2016, 2, 1), date(2015, 11, 30))):
        convention = make.agreement(
            parties=parties[:3], title=f"Convention {n}", signed_on=SIGNED_ON
        )
        for row, on in zip(convention.ratifications, (SIGNED_ON, SIGNED_ON, first), strict=True):
            row.actions.append(PartyAction(kind="signature", on=on))
    # mixed: the partner has left, the Union and two Member States remain (ended: one
    # side has left); a Member State has left (goes on)
    ended, going_on = (
        make.agreement(
            parties=[union, *member_states[:2], parties[0]],
            kind=AgreementKind.MIXED,
            title=f"Mixed {n}",
            signed_on=None,
            status=AgreementStatus.IN_FORCE,
            in_force_on=date(2020, 3, 1),
        )
        for n in range(2)
    )
    for agreement, leaving in ((ended, 3), (going_on, 1)):
        group = PartyGroup(name=f"Member States {seed}", members=member_states)
        agreement.party_groups.append(group)  # of the one part by the agreement's own group
        for row in agreement.ratifications:
            row.actions.append(PartyAction(kind="accession", on=date(2019, 6, 1)))
        agreement.ratifications[leaving].actions.append(
            PartyAction(kind="withdrawal", on=date(2024, 1, 15), effective_on=date(2024, 7, 15))
        )
    db.session.commit()
    expected = _every_agreement_in_python()
    assert 10 < len(expected) < 60  # both kinds are there to tell apart
    assert ended.id in expected and going_on.id not in expected
    assert [f.id for f in flagged_agreements(TODAY)] == expected
    shown = []
    for number in (1, 2, 3, 4, 5):
        page = contradictions_page(TODAY, PageRequest(number, 15))
        assert page.total == len(expected)
        for item in page.items:
            assert item.contradictions
            shown.append(item.id)
    assert shown == expected
