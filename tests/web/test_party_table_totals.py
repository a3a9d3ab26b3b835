"""Issue 16 (h16i #1): every column total of the Parties' table ("Signed X of N",
"Procedures notified X of N", "Instrument deposited X of N", "Provisionally applied X of
N") counts the same Parties as "X of N have consented to be bound": a Party whose
denunciation or withdrawal has taken effect (recorded, or computed from the denunciation
clause: tracker.domain.terms.leaving_takes_effect) is in none of them; one whose
denunciation takes effect later still counts. The table says what N is then."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
import time_machine

from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

#: the columns with a total, in the table's order
COLUMNS = ("Signed", "Procedures notified", "Instrument deposited", "Provisionally applied")


@pytest.fixture
def convention(make):
    """Four Parties, each having signed, notified, deposited and applied provisionally:
    Borduria's denunciation (notified 3 Mar 2024, 12 months by the clause) took effect on
    3 Mar 2025, Carpathia's withdrawal took effect on the day recorded (1 Jan 2026),
    Dalmatia's denunciation (notified 1 Mar 2026) takes effect on 1 Mar 2027."""
    agreement = make.agreement(
        parties=[make.party(n) for n in ("Atlantis", "Borduria", "Carpathia", "Dalmatia")],
        title="Convention on beacons",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    agreement.clock_rules.append(
        ClockRule(purpose="denunciation_effect", mode="after", anchor="notification", offset=12)
    )
    _, borduria, carpathia, dalmatia = agreement.ratifications
    for row in agreement.ratifications:
        row.actions += [
            PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21)),
            PartyAction(kind="notification_of_completion", on=date(2019, 5, 1)),
            PartyAction(kind="ratification", on=date(2019, 6, 1)),
            PartyAction(kind="provisional_application", on=date(2016, 5, 1)),
        ]
    borduria.actions.append(PartyAction(kind="denunciation", on=date(2024, 3, 3)))
    carpathia.actions.append(
        PartyAction(kind="withdrawal", on=date(2025, 1, 1), effective_on=date(2026, 1, 1))
    )
    dalmatia.actions.append(PartyAction(kind="denunciation", on=date(2026, 3, 1)))
    db.session.commit()
    return agreement


def _parties(client, agreement) -> str:
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    return re.sub(r"\s+", " ", html.unescape(page.split('id="parties"')[1].split("</section>")[0]))


def _totals(table: str) -> dict[str, str]:
    """Each column's total as its heading in the table's head gives it."""
    head = table.split("<thead>")[1].split("</thead>")[0]
    found = {}
    for column in COLUMNS:
        cell = head.split(f"{column} ")[1].split("</th>")[0]
        found[column] = re.sub(r"<[^>]+>", "", cell).strip()
    return found


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_every_column_total_leaves_out_the_parties_that_have_left(
    client, officer, convention
) -> None:
    client.login(officer)
    table = _parties(client, convention)
    assert "2 of 4 have consented to be bound" in table
    assert _totals(table) == dict.fromkeys(COLUMNS, "2 of 4")


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_the_table_says_what_n_is_when_parties_have_left(client, officer, convention) -> None:
    client.login(officer)
    table = _parties(client, convention)
    assert (
        "Totals: of the 4 Parties listed, 2 have left (their denunciation or withdrawal has "
        "taken effect) and are counted in no column." in table
    )


def test_a_party_counts_until_its_denunciation_takes_effect(client, officer, convention) -> None:
    with time_machine.travel(date(2027, 2, 28), tick=False):
        client.login(officer)
        before = _totals(_parties(client, convention))
    with time_machine.travel(date(2027, 3, 1), tick=False):
        client.login(officer)
        after = _parties(client, convention)
    assert before == dict.fromkeys(COLUMNS, "2 of 4")
    assert _totals(after) == dict.fromkeys(COLUMNS, "1 of 4")
    assert "of the 4 Parties listed, 3 have left" in after


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_no_note_when_no_party_has_left(client, officer, make) -> None:
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")], title="Convention on buoys"
    )
    agreement.ratifications[0].actions.append(
        PartyAction(kind="signature_subject_to_ratification", on=date(2015, 12, 21))
    )
    db.session.commit()
    client.login(officer)
    table = _parties(client, agreement)
    assert "Parties listed" not in table
    assert _totals(table)["Signed"] == "1 of 2"
