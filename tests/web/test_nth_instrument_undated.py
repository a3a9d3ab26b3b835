"""Issue 16 #3 (fault found by a fresh check): under "entry into force three months after
the deposit of the second instrument", an instrument recorded WITHOUT its date may have
been the first or the second: the computed date is uncertain. It was left out and the
dated instruments counted alone (a date computed as if the undated one came last). The
page and the API now say the date cannot be computed, naming the Party whose instrument
has no date."""

from __future__ import annotations

import html
from datetime import date

import time_machine

from tests.api.conftest import bearer
from tracker.domain.clocks import Act, Anchor, Clause, Mode, entry_into_force
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

SECOND = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 3, nth=2)


def test_an_undated_instrument_makes_the_nth_uncertain() -> None:
    acts = [
        Act("Atlantis", "ratification", date(2025, 1, 10)),
        Act("Borduria", "accession", None),
        Act("Carpathia", "ratification", date(2025, 2, 20)),
    ]
    computed = entry_into_force(SECOND, acts, ["Atlantis", "Borduria", "Carpathia"])
    assert computed.on is None
    assert computed.undated == ("Borduria",)
    assert computed.instruments_missing == 0


def test_enough_instruments_still_missing_are_counted() -> None:
    acts = [Act("Atlantis", "ratification", date(2025, 1, 10)), Act("Borduria", "accession", None)]
    third = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 3, nth=3)
    computed = entry_into_force(third, acts, ["Atlantis", "Borduria", "Carpathia"])
    assert computed.on is None and computed.instruments_missing == 1


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_page_and_the_api_say_it_cannot_be_computed(client, officer, make) -> None:
    convention = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpathia")],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.SIGNED,
    )
    convention.clock_rules.append(
        ClockRule(
            purpose="entry_into_force", mode="after", anchor="nth_instrument", nth=2, offset=3
        )
    )
    atlantis, borduria, carpathia = convention.ratifications
    atlantis.actions.append(PartyAction(kind="ratification", on=date(2025, 1, 10)))
    borduria.actions.append(PartyAction(kind="accession", on=None))
    carpathia.actions.append(PartyAction(kind="ratification", on=date(2025, 2, 20)))
    db.session.commit()
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    # three months after Carpathia's is no date computed, only the latest it can be (h16d #1)
    assert (
        "cannot be computed: the dates of the acts of Borduria are not recorded; on or "
        "before 20 May 2025" in table
    )
    found = client.get(f"/api/v1/agreements/{convention.id}", headers=bearer(officer)).get_json()
    [entry] = [d for d in found["computed_dates"] if d["kind"] == "entry_into_force"]
    assert entry["on"] is None
    assert "Borduria" in entry["waiting"]
    assert "on or before 2025-05-20" in entry["waiting"]
