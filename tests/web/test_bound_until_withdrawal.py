"""Issue 16 #5 (fault found by a fresh check): a Party that has notified its withdrawal
stays bound until the withdrawal takes effect (VCLT Arts. 56(2), 70(1)). "X of N" dropped
it from the day of the notification when the day it takes effect was computed from the
denunciation clause rather than recorded. It now counts until that day, and not after.
The ratification matrix shows, per Party, a pending withdrawal ("withdrawal notified
3 Mar 2026, takes effect 3 Mar 2027") and the end of a provisional application."""

from __future__ import annotations

import html
from datetime import date

import pytest
import time_machine

from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


@pytest.fixture
def convention(make):
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpathia")],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    agreement.clock_rules.append(
        ClockRule(purpose="denunciation_effect", mode="after", anchor="notification", offset=12)
    )
    atlantis, borduria, carpathia = agreement.ratifications
    for row in agreement.ratifications:
        row.actions.append(PartyAction(kind="ratification", on=date(2019, 6, 1)))
    atlantis.actions.append(PartyAction(kind="provisional_application", on=date(2016, 5, 1)))
    atlantis.actions.append(PartyAction(kind="provisional_application_end", on=date(2019, 6, 1)))
    borduria.actions.append(PartyAction(kind="withdrawal", on=date(2026, 3, 3)))
    db.session.commit()
    return agreement


def _parties(client, agreement) -> str:
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    return html.unescape(page.split('id="parties"')[1].split("</section>")[0])


def test_a_party_counts_until_its_withdrawal_takes_effect(client, officer, convention) -> None:
    with time_machine.travel(date(2026, 6, 1), tick=False):
        client.login(officer)
        before = _parties(client, convention)
    assert "3 of 3 have consented to be bound" in before
    assert "withdrawal notified 3 Mar 2026, takes effect 3 Mar 2027" in before
    with time_machine.travel(date(2027, 3, 4), tick=False):
        client.login(officer)
        after = _parties(client, convention)
    assert "2 of 3 have consented to be bound" in after
    assert "withdrawal took effect on 3 Mar 2027" in after


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_the_matrix_shows_the_end_of_provisional_application(client, officer, convention) -> None:
    client.login(officer)
    matrix = _parties(client, convention)
    atlantis = matrix.split("Atlantis")[1].split("</tr>")[0]
    assert "1 May 2016" in atlantis
    assert "until 1 Jun 2019" in atlantis


def test_every_door_counts_the_party_until_its_withdrawal_takes_effect(
    client, officer, convention
) -> None:
    """The agreements' list and the API said "2 of 3" from the notification while the page
    said "3 of 3" (the list and the API read the day from the notification when its effect
    is not recorded; the page computed it from the clause): every door counts alike."""
    from tests.api.conftest import bearer

    for day, count in ((date(2026, 6, 1), 3), (date(2027, 3, 4), 2)):
        with time_machine.travel(day, tick=False):
            client.login(officer)
            page = html.unescape(client.get(f"/agreements/{convention.id}").text)
            assert f"{count} of 3 have consented to be bound" in page
            listing = html.unescape(client.get("/agreements/?q=lighthouses").text)
            assert f"{count} of 3" in listing
            answer = client.get(f"/api/v1/agreements/{convention.id}", headers=bearer(officer))
            assert answer.get_json()["ratified"] == count
