"""fc16c #3 (issue 16): the weekly report's "Consent to be bound pending" counted a group
shown as one ("EU Member States", not listed one by one) as a Party: "6 of 7 have
consented" and the agreement listed as pending, where its page says 6 of 6 (a group is
not a Party: Agreement.counted_ratifications)."""

from __future__ import annotations

from datetime import date

from tracker.models import AgreementKind, AgreementStatus, PartyAction, PartyKind
from tracker.orm import db
from tracker.services.reports.treaty import pending_consent


def test_a_group_shown_as_one_is_not_a_party_waiting_for_consent(make) -> None:
    union, kazakhstan = make.party("Union", kind=PartyKind.ORGANISATION), make.party("Republic")
    members = make.party("Member States (test)", kind=PartyKind.GROUP)
    mixed = make.agreement(
        parties=[union, members, kazakhstan],
        title="Mixed test agreement",
        kind=AgreementKind.MIXED,
        status=AgreementStatus.IN_FORCE,
    )
    for row in mixed.ratifications:
        if row.party is not members:
            row.actions.append(PartyAction(kind="ratification", on=date(2020, 1, 15)))
    waiting = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), members],
        title="Another mixed agreement",
        kind=AgreementKind.MIXED,
        status=AgreementStatus.SIGNED,
    )
    waiting.ratifications[0].actions.append(PartyAction(kind="ratification", on=date(2021, 5, 1)))
    db.session.commit()
    found, total = pending_consent(date(2026, 1, 12), 10)
    assert [(r.title, r.ratified, r.parties) for r in found] == [("Another mixed agreement", 1, 2)]
    assert total == 1
