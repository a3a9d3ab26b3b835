"""h19g1 #7 (issue 16 leftover): under an "after the deposit of the Nth instrument" clause,
a definitive signature is rightly not counted (a signature is not deposited; the clause
counts instruments of ratification, acceptance, approval or accession), but the agreement
page did not say so: an officer who saw "2 of 3 have consented" and "instruments still
missing: 1" could not tell why. Beside the clause's computed date, the page now says
which Parties' definitive signatures are not counted, in English, Russian and Kazakh;
nothing is said without a definitive signature, nor under a clause that counts consents."""

from __future__ import annotations

import html
from datetime import date

import time_machine

from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

NOTE = (
    "The definitive signature of Borduria is not counted: it is consent to be bound, but "
    "no instrument is deposited."
)


def _convention(make, anchor: str = "nth_instrument"):
    convention = make.agreement(
        parties=[
            make.party("Atlantis"),
            make.party("Borduria", name_ru="Бордурия", name_kk="Бордурия"),
            make.party("Carpathia"),
        ],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.SIGNED,
    )
    convention.clock_rules.append(
        ClockRule(purpose="entry_into_force", mode="after", anchor=anchor, nth=2, offset=3)
    )
    atlantis, borduria, _carpathia = convention.ratifications
    atlantis.actions.append(PartyAction(kind="ratification", on=date(2025, 1, 10)))
    borduria.actions.append(PartyAction(kind="signature", on=date(2025, 2, 20)))
    db.session.commit()
    return convention


def _entry_into_force_row(client, convention) -> str:
    page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    return table.split('<th scope="row">')[1].split("</tr>")[0]


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_page_says_a_definitive_signature_is_not_an_instrument(client, officer, make) -> None:
    convention = _convention(make)
    client.login(officer)
    row = _entry_into_force_row(client, convention)
    assert "instruments still missing: 1" in row
    assert NOTE in row
    for code, words in (("ru", "Бордурия"), ("kk", "Бордурия")):
        officer.language = code
        db.session.commit()
        client.login(officer)
        row = _entry_into_force_row(client, convention)
        assert words in row and "not counted" not in row


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_nothing_is_said_under_a_clause_that_counts_consents(client, officer, make) -> None:
    convention = _convention(make, anchor="nth_consent")
    client.login(officer)
    assert "is not counted" not in _entry_into_force_row(client, convention)
