"""Issue 16, faults from the re-check (h16f #3, #4), in the Parties' table of a convention:
an ended provisional application whose end has no date recorded says it ended, and a Party
whose denunciation has taken effect is not counted in "Instrument deposited X of N", as
it is not in "X of N have consented to be bound"."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
import time_machine

from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


@pytest.fixture
def convention(make):
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpathia")],
        title="Convention on buoys",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    agreement.clock_rules.append(
        ClockRule(purpose="denunciation_effect", mode="after", anchor="notification", offset=12)
    )
    atlantis, borduria, _ = agreement.ratifications
    for row in agreement.ratifications:
        row.actions.append(PartyAction(kind="ratification", on=date(2019, 6, 1)))
    atlantis.actions.append(PartyAction(kind="provisional_application", on=date(2025, 1, 1)))
    atlantis.actions.append(PartyAction(kind="provisional_application_end", on=None))
    borduria.actions.append(PartyAction(kind="denunciation", on=date(2024, 3, 3)))
    db.session.commit()
    return agreement


def _parties(client, agreement) -> str:
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    return html.unescape(page.split('id="parties"')[1].split("</section>")[0])


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_an_ended_provisional_application_without_its_end_date_says_so(
    client, officer, convention
) -> None:
    client.login(officer)
    atlantis = re.sub(r"\s+", " ", _parties(client, convention).split("Atlantis")[1])
    atlantis = atlantis.split("</tr>")[0]
    assert "1 Jan 2025" in atlantis
    assert "ended (date not recorded)" in atlantis


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_a_party_whose_denunciation_took_effect_is_not_counted_as_deposited(
    client, officer, convention
) -> None:
    client.login(officer)
    table = _parties(client, convention)
    assert "2 of 3 have consented to be bound" in table
    header = table.split("</thead>")[0]
    deposited = header.split("Instrument deposited")[1].split("</th>")[0]
    assert "2 of 3" in deposited
