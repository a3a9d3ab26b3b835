"""Issue 16 #6 (fault found by a fresh check), end to end over real SMTP on loopback: in a
multilateral convention, Borduria's denunciation with effect at the end of term 1 does not
end the convention between Atlantis and Carpathia; the owner is still reminded of the last
day to give notice of non-renewal, and to denounce with effect at the end of the term
(28 Feb 2027, 90 days before: 30 Nov 2026)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from tracker.jobs import run_due
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


def test_the_others_are_still_reminded(app, mailbox, make) -> None:
    owner = make.user(role="officer", email="owner@test.example", name="Owner")
    convention = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Carpathia")],
        short_title="CONV",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 9, 1),
        owner_id=owner.id,
    )
    before_end = {"mode": "before", "anchor": "end_of_term", "offset": 6, "unit": "months"}
    convention.clock_rules = [
        ClockRule(
            purpose="initial_term", mode="after", anchor="entry_into_force", offset=7, unit="years"
        ),
        ClockRule(purpose="renewal", mode="after", anchor="end_of_term", offset=5, unit="years"),
        ClockRule(purpose="notice_of_non_renewal", **before_end),
        ClockRule(purpose="denunciation_effect", **before_end),
    ]
    borduria = convention.ratifications[1]
    borduria.actions.append(PartyAction(kind="denunciation", on=date(2026, 11, 2)))
    db.session.commit()
    moment = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    with time_machine.travel(moment, tick=False):
        run_due(app, moment)
    subjects = sorted(str(m["Subject"]) for m in mailbox.messages if "CONV" in str(m["Subject"]))
    # the convention's notice and denunciation clauses both count back six months from
    # the end of the term: both last days, for the Parties that stay
    assert subjects == [
        "Last day to denounce CONV with effect at the end of the term: 28 Feb 2027 (in 90 days)",
        "Last day to give notice of non-renewal of CONV: 28 Feb 2027 (in 90 days)",
    ]
