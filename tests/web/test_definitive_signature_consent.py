"""Issue 16 #4 (fault found by a fresh check): a definitive signature (a signature not
subject to ratification: consent to be bound by signature, VCLT Art. 12) counts as consent
in "X of N", but the clocks did not count it: the Party's own entry-into-force line said
"waiting for: Borduria". Every clock that needs a Party's consent now takes its definitive
signature as that consent."""

from __future__ import annotations

import html
from datetime import date

import time_machine

from tracker.domain.clocks import Act, Anchor, Clause, Mode
from tracker.domain.joining import entry_into_force_for
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_a_definitive_signature_is_consent_but_not_a_deposited_instrument(
    client, officer, make
) -> None:
    """A definitive signature is the Party's consent ("2 of 3"; its own entry into force
    does not wait for it), but "after the deposit of the Nth instrument" counts instruments
    of ratification, acceptance, approval or accession only: a signature is not deposited
    (found by the second fresh check: a definitive signature moved the date)."""
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
    borduria.actions.append(PartyAction(kind="signature", on=date(2025, 2, 20)))
    carpathia.actions.append(
        PartyAction(kind="signature_subject_to_ratification", on=date(2025, 2, 20))
    )
    db.session.commit()
    client.login(officer)

    def computed() -> dict[str, str]:
        page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
        table = page.split('class="table computed-dates"')[1].split("</table>")[0]
        rows = table.split('<th scope="row">')[1:]
        return {row.split("</th>")[0].split(">")[-1]: row for row in rows}, page

    rows, page = computed()
    assert "2 of 3 have consented to be bound" in page
    assert "instruments still missing: 1" in rows["Entry into force"]
    assert "of: Borduria" not in "".join(rows.values())  # not waited for

    # Carpathia's instrument, the second deposited: three months later, 5 Jun 2025
    carpathia.actions.append(PartyAction(kind="ratification", on=date(2025, 3, 5)))
    db.session.commit()
    rows, page = computed()
    assert "5 Jun 2025" in rows["Entry into force"]
    assert "5 Jun 2025" in rows["Entry into force for Borduria"]


def test_a_later_party_bound_by_its_signature_is_not_waiting() -> None:
    clause = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 2)
    later = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.OWN_INSTRUMENT, 1)
    acts = [
        Act("Atlantis", "notification_of_completion", date(2020, 1, 15)),
        Act("Borduria", "notification_of_completion", date(2019, 12, 2)),
        Act("Carpathia", "signature", date(2021, 6, 10)),
    ]
    found = entry_into_force_for(
        clause,
        acts,
        ["Atlantis", "Borduria", "Carpathia"],
        later,
        recorded_in_force_on=date(2020, 3, 1),
    )
    assert found["Atlantis"].on == date(2020, 3, 1)
    assert found["Carpathia"].on == date(2021, 7, 1)
    assert found["Carpathia"].waiting_for == ()
