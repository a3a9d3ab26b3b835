"""Issue 16 (found by the second fresh check): the chronology listed the computed day a
denunciation takes effect but not the computed entry into force, which the calendar feed
carries: a convention in force by its clauses, its date not recorded, showed no entry into
force at all, nor the own dates of the Parties that joined later."""

from __future__ import annotations

import html
from datetime import date

import time_machine

from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_chronology_carries_the_computed_entries_into_force(client, officer, make) -> None:
    convention = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpathia")],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
    )
    convention.clock_rules += [
        ClockRule(
            purpose="entry_into_force", mode="after", anchor="nth_instrument", nth=2, offset=3
        ),
        ClockRule(
            purpose="entry_into_force_for_later", mode="after", anchor="own_instrument", offset=1
        ),
    ]
    atlantis, borduria, carpathia = convention.ratifications
    atlantis.actions.append(PartyAction(kind="ratification", on=date(2025, 1, 10)))
    borduria.actions.append(PartyAction(kind="accession", on=date(2025, 2, 20)))
    carpathia.actions.append(PartyAction(kind="accession", on=date(2025, 9, 30)))
    db.session.commit()
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{convention.id}").text)
    chronology = page.split('class="chronology"')[1].split("</ol>")[0]
    entries = [" ".join(li.split()) for li in chronology.split("<li")[1:]]
    found = {e.split('class="date">')[1].split("<")[0]: e for e in entries}
    assert "Entry into force" in found["20 May 2025"] and "(computed)" in found["20 May 2025"]
    assert "Entry into force for Carpathia" in found["30 Oct 2025"]
    assert "(computed)" in found["30 Oct 2025"]
    assert "Entry into force for Atlantis" not in chronology  # the agreement's own day
