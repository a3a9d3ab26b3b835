"""Reminders before a later Party's own entry into force (issue 16 #5, fault found by a
fresh check): a multilateral convention in force since 2025 enters into force for
Kazakhstan, which accedes on 1 Dec 2026, on 1 Mar 2027 under its final clauses ("three
months after the deposit of the second instrument", counted for a later Party from its
own deposit). The agreement's owner is told 90, 30, 7 and 0 days before, as for the
agreement's own entry into force, once per Party and date, in the owner's language; end
to end over real SMTP on loopback, time moved with time-machine."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine

from tracker.jobs import run_due
from tracker.models import AgreementKind, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db

FIRST_NOTICE = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 90 days before 1 Mar 2027


def _run(app, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_due(app, moment)


def _convention(make, owner, short_title: str):
    convention = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria"), make.party("Kazakhstan")],
        short_title=short_title,
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
    atlantis, borduria, _ = convention.ratifications
    atlantis.actions.append(PartyAction(kind="ratification", on=date(2025, 1, 10)))
    borduria.actions.append(PartyAction(kind="ratification", on=date(2025, 2, 20)))
    db.session.commit()
    return convention


def _accede(convention) -> None:
    kazakhstan = convention.ratifications[2]
    kazakhstan.actions.append(PartyAction(kind="accession", on=date(2026, 12, 1)))
    db.session.commit()


#: the once-only "conditions met" mail (tests/mail/test_later_party_conditions_met.py)
CONDITIONS_MET = ("Conditions for entry into force met", "Условия вступления в силу выполнены")


def _leads(mailbox, short_title: str) -> list:
    """The lead reminders about `short_title` (not the "conditions met" mail)."""
    return [
        m
        for m in mailbox.messages
        if short_title in str(m["Subject"]) and not str(m["Subject"]).startswith(CONDITIONS_MET)
    ]


def _subjects(mailbox, short_title: str) -> list[str]:
    return [str(m["Subject"]) for m in _leads(mailbox, short_title)]


def test_the_owner_is_reminded_before_a_later_party_s_entry_into_force(app, mailbox, make) -> None:
    owner = make.user(role="officer", email="owner@test.example", name="Owner")
    convention = _convention(make, owner, "CONV")
    _run(app, FIRST_NOTICE - timedelta(days=1))
    assert _subjects(mailbox, "CONV") == []  # nothing to tell: in force for both
    _accede(convention)
    _run(app, FIRST_NOTICE)
    [message] = _leads(mailbox, "CONV")
    assert str(message["To"]) == "owner@test.example"
    assert str(message["Subject"]) == (
        "Entry into force of CONV for Kazakhstan on 1 Mar 2027 (in 90 days)"
    )
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Entry into force for Kazakhstan" in text
    assert "3 months after the deposit of its own instrument, 1 Dec 2026" in text
    assert 'href="http://tracker.test/agreements/' in html
    _run(app, FIRST_NOTICE + timedelta(hours=6))
    _run(app, FIRST_NOTICE + timedelta(days=1))
    assert len(_subjects(mailbox, "CONV")) == 1  # once per Party and date
    for moment, when in (
        (datetime(2027, 1, 30, 8, 0, tzinfo=UTC), "in 30 days"),
        (datetime(2027, 2, 22, 8, 0, tzinfo=UTC), "in 7 days"),
        (datetime(2027, 3, 1, 8, 0, tzinfo=UTC), "today"),
    ):
        _run(app, moment)
        _run(app, moment + timedelta(hours=1))
        assert _subjects(mailbox, "CONV")[-1] == (
            f"Entry into force of CONV for Kazakhstan on 1 Mar 2027 ({when})"
        )
    assert len(_subjects(mailbox, "CONV")) == 4
    _run(app, datetime(2027, 3, 2, 8, 0, tzinfo=UTC))  # passed: nothing late
    assert len(_subjects(mailbox, "CONV")) == 4


def test_the_reminder_speaks_the_owner_s_language(app, mailbox, make) -> None:
    owner = make.user(role="officer", email="ru@test.example", name="Владелец", language="ru")
    convention = _convention(make, owner, "KONV")
    _accede(convention)
    _run(app, FIRST_NOTICE)
    [message] = _leads(mailbox, "KONV")
    subject = str(message["Subject"])
    assert "Kazakhstan" in subject
    assert subject.startswith("Вступление в силу — KONV для стороны Kazakhstan: ")
    assert "через 90" in subject
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Вступление в силу для стороны Kazakhstan" in text
