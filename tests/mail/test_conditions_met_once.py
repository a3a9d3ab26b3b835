"""Issue 16 #6: "conditions for entry into force met" is told once per completion of the
conditions (the act that completes them), not again when the computed date changes (a
clause corrected from two months to three): the new date is on the agreement's page and
in the reminders before entry into force, which are per date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from tracker.jobs import run_due
from tracker.models import AgreementStatus, ClockRule, PartyAction
from tracker.orm import db


def _run(app, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_due(app, moment)


def _met(mailbox) -> list[str]:
    return [
        str(m["Subject"])
        for m in mailbox.messages
        if str(m["Subject"]).startswith("Conditions for entry into force met: TPA")
    ]


def test_a_changed_date_does_not_announce_the_conditions_again(app, mailbox, make, officer) -> None:
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        short_title="TPA",
        status=AgreementStatus.SIGNED,
        owner_id=officer.id,
    )
    rule = ClockRule(
        purpose="entry_into_force",
        mode="first_day_of_nth_month_following",
        anchor="last_notification",
        offset=2,
    )
    treaty.clock_rules.append(rule)
    for row, on in zip(treaty.ratifications, (date(2025, 11, 4), date(2026, 1, 15)), strict=True):
        row.actions.append(PartyAction(kind="notification_of_completion", on=on))
    db.session.commit()
    _run(app, datetime(2026, 1, 15, 8, 0, tzinfo=UTC))
    assert _met(mailbox) == [
        "Conditions for entry into force met: TPA enters into force on 1 Mar 2026"
    ]
    rule.offset = 3  # the clause corrected: 1 Apr 2026
    db.session.commit()
    _run(app, datetime(2026, 1, 16, 8, 0, tzinfo=UTC))
    assert len(_met(mailbox)) == 1
