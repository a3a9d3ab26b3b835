"""Reminders from the legal clocks (issue 16 #5), end to end over real SMTP on loopback: the
agreement's owner is told before the last day to give notice of non-renewal (90, 30, 7, 0
days ahead), and once when a Party's act completes the conditions for entry into force;
each reminder once, however often the scan runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine

from tracker.jobs import run_due
from tracker.models import AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


def _rule(agreement, **fields) -> None:
    agreement.clock_rules.append(ClockRule(**fields))


def _run(app, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_due(app, moment)


def _parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_a_renewal_clause_reminds_the_owner_before_the_last_day_to_give_notice(
    app, mailbox, make, officer
) -> None:
    owner = make.user(role="officer", email="owner@test.example", name="Owner")
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        short_title="TPA",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
        owner_id=owner.id,
    )
    _rule(
        treaty,
        purpose="initial_term",
        mode="after",
        anchor="entry_into_force",
        offset=5,
        unit="years",
    )
    _rule(treaty, purpose="renewal", mode="after", anchor="end_of_term", offset=5, unit="years")
    _rule(treaty, purpose="notice_of_non_renewal", mode="after", anchor="notification", offset=6)
    db.session.commit()
    # term 2's last day is 28 Feb 2030: notice six months before, by 31 Aug 2029 (90 days:
    # 2 Jun)
    before = datetime(2029, 6, 1, 8, 0, tzinfo=UTC)
    _run(app, before)
    assert [m for m in mailbox.messages if "TPA" in str(m["Subject"])] == []
    _run(app, before + timedelta(days=1))
    [message] = [m for m in mailbox.messages if "TPA" in str(m["Subject"])]
    assert str(message["To"]) == "owner@test.example"
    assert str(message["Subject"]) == (
        "Last day to give notice of non-renewal of TPA: 31 Aug 2029 (in 90 days)"
    )
    text, html = _parts(message)
    assert "6 months after the notification must fall on or before the end of term 2, " in text
    assert 'href="http://tracker.test/agreements/' in html
    _run(app, before + timedelta(days=1, hours=5))
    _run(app, before + timedelta(days=2))
    assert len([m for m in mailbox.messages if "TPA" in str(m["Subject"])]) == 1  # once
    for moment, when in (
        (datetime(2029, 8, 1, 8, 0, tzinfo=UTC), "in 30 days"),
        (datetime(2029, 8, 24, 8, 0, tzinfo=UTC), "in 7 days"),
        (datetime(2029, 8, 31, 8, 0, tzinfo=UTC), "today"),
    ):
        _run(app, moment)
        _run(app, moment + timedelta(hours=1))
        latest = [str(m["Subject"]) for m in mailbox.messages if "TPA" in str(m["Subject"])]
        assert latest[-1].endswith(f"31 Aug 2029 ({when})")
    assert len([m for m in mailbox.messages if "TPA" in str(m["Subject"])]) == 4
    _run(app, datetime(2029, 9, 1, 8, 0, tzinfo=UTC))  # the day has passed: nothing late
    assert len([m for m in mailbox.messages if "TPA" in str(m["Subject"])]) == 4


def test_the_act_that_completes_the_conditions_is_announced_once(
    app, mailbox, make, officer
) -> None:
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        short_title="TPA",
        status=AgreementStatus.SIGNED,
        owner_id=officer.id,
    )
    _rule(
        treaty,
        purpose="entry_into_force",
        mode="first_day_of_nth_month_following",
        anchor="last_notification",
        offset=2,
    )
    union, republic = treaty.ratifications
    union.actions.append(PartyAction(kind="notification_of_completion", on=date(2025, 11, 4)))
    db.session.commit()
    _run(app, datetime(2026, 1, 14, 8, 0, tzinfo=UTC))
    assert [m for m in mailbox.messages if "TPA" in str(m["Subject"])] == []  # one missing
    republic.actions.append(PartyAction(kind="notification_of_completion", on=date(2026, 1, 15)))
    db.session.commit()
    _run(app, datetime(2026, 1, 15, 8, 0, tzinfo=UTC))
    subjects = sorted(str(m["Subject"]) for m in mailbox.messages if "TPA" in str(m["Subject"]))
    assert subjects == [
        "Conditions for entry into force met: TPA enters into force on 1 Mar 2026",
        "Entry into force of TPA: 1 Mar 2026 (in 45 days)",
    ]
    _run(app, datetime(2026, 1, 15, 20, 0, tzinfo=UTC))
    assert len([m for m in mailbox.messages if "TPA" in str(m["Subject"])]) == 2
