"""Issue 16 #2 (fault found by a fresh check): when a Party that joins later deposits its
instrument, its own entry into force becomes computable: the agreement's owner is told
once that the conditions are met for that Party, as for the agreement's own entry into
force (tests/mail/test_conditions_met_once.py); end to end over real SMTP on loopback,
time moved with time-machine."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from tracker.jobs import run_due
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


def _run(app, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_due(app, moment)


def _met(mailbox) -> list:
    return [m for m in mailbox.messages if str(m["Subject"]).startswith("Conditions for")]


def test_a_later_party_s_conditions_met_are_told_once(app, mailbox, make) -> None:
    owner = make.user(role="officer", email="owner@test.example", name="Owner")
    convention = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Kazakhstan")],
        short_title="CONV",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2025, 5, 20),
        owner_id=owner.id,
    )
    convention.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="after",
            anchor="nth_instrument",
            nth=2,
            offset=3,
            unit="months",
        )
    )
    atlantis, borduria, kazakhstan = convention.ratifications
    atlantis.actions.append(PartyAction(kind="ratification", on=date(2025, 1, 10)))
    borduria.actions.append(PartyAction(kind="ratification", on=date(2025, 2, 20)))
    db.session.commit()
    _run(app, datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    assert _met(mailbox) == []  # in force for the two; Kazakhstan has not joined
    kazakhstan.actions.append(PartyAction(kind="accession", on=date(2026, 11, 20)))
    db.session.commit()
    _run(app, datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
    [message] = _met(mailbox)
    assert str(message["To"]) == "owner@test.example"
    assert str(message["Subject"]) == (
        "Conditions for entry into force met for Kazakhstan: CONV enters into force for "
        "it on 20 Feb 2027"
    )
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "for Kazakhstan are met" in text
    assert "3 months after the deposit of its own instrument, 20 Nov 2026" in text
    _run(app, datetime(2026, 11, 21, 20, 0, tzinfo=UTC))
    _run(app, datetime(2026, 12, 5, 8, 0, tzinfo=UTC))
    assert len(_met(mailbox)) == 1  # once
