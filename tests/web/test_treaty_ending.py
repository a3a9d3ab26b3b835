"""Issue 16 #1: a bilateral agreement ends when its other Party's denunciation takes
effect (VCLT Arts. 54, 56(2), 70). Its recorded status "in force" is then flagged, its
clocks (term ends, notice deadlines, jubilees, reminders) stop at that day, and its
chronology shows the day the denunciation takes effect."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select

from tracker.models import Agreement, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db
from tracker.services.consistency import flagged_agreements
from tracker.services.demo import seed_demo_data
from tracker.services.reminders.clocks import clock_reminders

ENDED = "Recorded: in force; the treaty's clauses and acts imply it ended on 15 Jul 2024"


def _section(page: str, anchor: str) -> str:
    return html.unescape(page.split(f'id="{anchor}"')[1].split("</section>")[0])


def _rule(purpose: str, mode: str, anchor: str, offset: int, unit: str = "months") -> ClockRule:
    return ClockRule(purpose=purpose, mode=mode, anchor=anchor, offset=offset, unit=unit)


@pytest.fixture
def bilateral(make, officer) -> Agreement:
    """Atlantis and Borduria; Borduria denounced on 15 Jan 2024, with six months' notice
    under the denunciation clause (a fixture, not demo data)."""
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title="Air services agreement",
        status=AgreementStatus.IN_FORCE,
        signed_on=date(2015, 12, 21),
        in_force_on=date(2020, 3, 1),
        owner=officer,
    )
    atlantis, borduria = agreement.ratifications
    for row in (atlantis, borduria):
        row.actions.append(PartyAction(kind="signature", on=date(2015, 12, 21)))
    atlantis.actions.append(PartyAction(kind="notification_of_completion", on=date(2019, 11, 4)))
    borduria.actions.append(PartyAction(kind="notification_of_completion", on=date(2020, 1, 15)))
    borduria.actions.append(PartyAction(kind="denunciation", on=date(2024, 1, 15)))
    agreement.clock_rules = [
        _rule("entry_into_force", "first_day_of_nth_month_following", "last_notification", 2),
        _rule("initial_term", "after", "entry_into_force", 5, "years"),
        _rule("renewal", "after", "end_of_term", 1, "years"),
        _rule("notice_of_non_renewal", "after", "notification", 6),
        _rule("denunciation_effect", "after", "notification", 6),
    ]
    db.session.commit()
    return agreement


def test_a_bilateral_ends_when_the_denunciation_takes_effect(client, officer, bilateral) -> None:
    client.login(officer)
    page = client.get(f"/agreements/{bilateral.id}").text
    assert ENDED in _section(page, "consistency")
    clocks = _section(page, "clocks")
    assert "Denunciation by Borduria takes effect" in clocks and "15 Jul 2024" in clocks
    # no term, no notice after the agreement ended
    assert "End of term" not in clocks
    assert "Last day to give notice" not in clocks
    chronology = _section(page, "chronology")
    assert "Borduria: Denunciation" in chronology  # notified on 15 Jan 2024
    assert "Denunciation by Borduria takes effect" in chronology
    assert chronology.index("15 Jan 2024") < chronology.index("15 Jul 2024")
    # no jubilee nor anniversary after the end (the 5th of entry into force, 1 Mar 2025;
    # the 10th of signature, 21 Dec 2025); the 5th of signature, 21 Dec 2020, stays
    assert "5th anniversary of the signature" in chronology
    assert "10th anniversary" not in chronology
    assert "2025" not in chronology and "2026" not in chronology
    # the administrators' list names it too
    assert [f.id for f in flagged_agreements(date(2026, 1, 12))] == [bilateral.id]


def test_the_clocks_remind_nobody_after_the_end(officer, bilateral) -> None:
    """Without the end, term 3 would end on 1 Mar 2027 and the last day to give notice
    would be 1 Sep 2026: 90 days before it, no reminder."""
    with time_machine.travel(datetime(2026, 6, 3, 9, 0, tzinfo=UTC), tick=False):
        assert list(clock_reminders(date(2026, 6, 3), {officer.id: officer})) == []


def test_a_recorded_effective_date_ends_it_without_any_clause(client, officer, bilateral) -> None:
    bilateral.clock_rules = []
    borduria = bilateral.ratifications[1]
    borduria.actions[-1].effective_on = date(2024, 7, 15)
    db.session.commit()
    client.login(officer)
    page = client.get(f"/agreements/{bilateral.id}").text
    assert ENDED in _section(page, "consistency")
    assert "Denunciation by Borduria takes effect" in _section(page, "chronology")
    assert [f.id for f in flagged_agreements(date(2026, 1, 12))] == [bilateral.id]
    # recorded as terminated: consistent, nothing flagged
    bilateral.status = AgreementStatus.TERMINATED
    db.session.commit()
    page = client.get(f"/agreements/{bilateral.id}").text
    assert "imply it ended" not in _section(page, "consistency")
    assert flagged_agreements(date(2026, 1, 12)) == []


def test_a_denunciation_not_yet_in_effect_ends_nothing_yet(client, officer, bilateral) -> None:
    """Borduria stays bound until its denunciation takes effect (VCLT Art. 56(2))."""
    with time_machine.travel(datetime(2024, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        page = client.get(f"/agreements/{bilateral.id}").text
    assert "imply it ended" not in _section(page, "consistency")
    assert "Denunciation by Borduria takes effect" in _section(page, "chronology")


def test_the_epca_demo_has_not_ended(client, officer) -> None:
    seed_demo_data(today=date(2026, 1, 12))
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    client.login(officer)
    page = client.get(f"/agreements/{epca.id}").text
    assert "imply it ended" not in _section(page, "consistency")
    assert "takes effect" not in _section(page, "chronology")


@pytest.fixture
def mixed(make, officer) -> Agreement:
    """A mixed agreement (a fixture, not demo data): the European Union (an organisation)
    and France and Germany (the group "EU Member States") of the one part, Borduria of
    the other; Borduria's denunciation recorded to take effect on 15 Jul 2024, no final
    clauses as rules (the administrators' list then selects it in SQL alone)."""
    from tracker.models import AgreementKind, PartyGroup, PartyKind

    union = make.party("European Union", kind=PartyKind.ORGANISATION)
    france, germany = make.party("France"), make.party("Germany")
    agreement = make.agreement(
        parties=[union, france, germany, make.party("Borduria")],
        title="Partnership agreement",
        kind=AgreementKind.MIXED,
        status=AgreementStatus.IN_FORCE,
        signed_on=None,
        in_force_on=date(2020, 3, 1),
        owner=officer,
    )
    agreement.party_groups.append(PartyGroup(name="EU Member States", members=[france, germany]))
    for row in agreement.ratifications:
        row.actions.append(PartyAction(kind="ratification", on=date(2019, 6, 1)))
        # subject to ratification: a definitive signature and a ratification are two
        # consents to be bound (h16k #3)
        row.actions.append(
            PartyAction(kind="signature_subject_to_ratification", on=date(2018, 6, 1))
        )
    agreement.ratifications[3].actions.append(
        PartyAction(kind="denunciation", on=date(2024, 1, 15), effective_on=date(2024, 7, 15))
    )
    db.session.commit()
    return agreement


def test_a_mixed_agreement_ends_when_its_partner_s_denunciation_takes_effect(
    client, officer, mixed
) -> None:
    client.login(officer)
    page = client.get(f"/agreements/{mixed.id}").text
    assert ENDED in _section(page, "consistency")
    assert [f.id for f in flagged_agreements(date(2026, 1, 12))] == [mixed.id]


def test_a_mixed_agreement_goes_on_when_a_member_state_leaves(client, officer, mixed) -> None:
    """Germany withdraws: the Union, France and Borduria remain, one of each part."""
    germany, borduria = mixed.ratifications[2], mixed.ratifications[3]
    borduria.actions.clear()
    borduria.actions.append(PartyAction(kind="ratification", on=date(2019, 6, 1)))
    borduria.actions.append(
        PartyAction(kind="signature_subject_to_ratification", on=date(2018, 6, 1))
    )
    germany.actions.append(
        PartyAction(kind="withdrawal", on=date(2024, 1, 15), effective_on=date(2024, 7, 15))
    )
    db.session.commit()
    client.login(officer)
    page = client.get(f"/agreements/{mixed.id}").text
    assert "treaty's clauses and acts imply it ended" not in _section(page, "consistency")
    assert flagged_agreements(date(2026, 1, 12)) == []
