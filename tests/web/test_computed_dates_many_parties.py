"""Issue 16 (found by the second fresh check): a convention of many Parties showed one
row of computed dates per Party, most of them "not yet" with the same basis; at 390 px in
Kazakh the section ran to 6,800 px. The Parties whose own entry into force is still to
come are now told in one row, naming them; the dated ones keep their rows."""

from __future__ import annotations

import html
from datetime import date

import time_machine

from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

NAMES = [f"State {n:02d}" for n in range(1, 13)]


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_the_parties_still_to_come_share_one_row(client, officer, make) -> None:
    convention = make.agreement(
        parties=[make.party(name) for name in NAMES],
        title="Convention on lighthouses",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
    )
    convention.clock_rules.append(
        ClockRule(
            purpose="entry_into_force", mode="after", anchor="nth_instrument", nth=2, offset=3
        )
    )
    first, second = convention.ratifications[:2]
    first.actions.append(PartyAction(kind="ratification", on=date(2025, 1, 10)))
    second.actions.append(PartyAction(kind="accession", on=date(2025, 2, 20)))
    db.session.commit()
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 4  # the agreement's, two Parties', the others'
    assert "Entry into force for State 01" in table and "20 May 2025" in table
    assert "Entry into force for the other Parties" in table
    assert "not yet for 10 Parties: State 03, State 04" in table
    assert "Entry into force for State 05" not in table
