"""Issue 16 #1 (fault found by a fresh check): an agreement with BOTH a notice-of-non-
renewal clause and a denunciation clause has two last days: to give notice of non-renewal
(so that the running term is the last) and to denounce with effect at the end of the term.
Both are shown on the agreement's page and both are reminded to the owner by mail, end to
end over real SMTP on loopback, time moved with time-machine."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import time_machine

from tracker.jobs import run_due
from tracker.models import AgreementStatus, ClockRule
from tracker.orm import db


def _run(app, moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_due(app, moment)


def _treaty(make, owner):
    """In force on 1 Mar 2020 for five years, renewed tacitly for five years unless notice is
    given six months after the notification; a denunciation takes effect twelve months
    after its notification. Term 2 runs through 28 Feb 2030."""
    treaty = make.agreement(
        parties=[make.party("Union"), make.party("Republic")],
        short_title="TPA",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
        owner_id=owner.id,
    )
    treaty.clock_rules = [
        ClockRule(
            purpose="initial_term", mode="after", anchor="entry_into_force", offset=5, unit="years"
        ),
        ClockRule(purpose="renewal", mode="after", anchor="end_of_term", offset=5, unit="years"),
        ClockRule(purpose="notice_of_non_renewal", mode="after", anchor="notification", offset=6),
        ClockRule(purpose="denunciation_effect", mode="after", anchor="notification", offset=12),
    ]
    db.session.commit()
    return treaty


def _subjects(mailbox) -> list[str]:
    return [str(m["Subject"]) for m in mailbox.messages if "TPA" in str(m["Subject"])]


def test_both_last_days_are_reminded(app, mailbox, make) -> None:
    owner = make.user(role="officer", email="owner@test.example", name="Owner")
    _treaty(make, owner)
    # to denounce with effect on 28 Feb 2030: twelve months before, by 28 Feb 2029
    _run(app, datetime(2028, 11, 30, 8, 0, tzinfo=UTC))  # 90 days before
    assert _subjects(mailbox) == [
        "Last day to denounce TPA with effect at the end of the term: 28 Feb 2029 (in 90 days)"
    ]
    _run(app, datetime(2028, 11, 30, 18, 0, tzinfo=UTC))
    assert len(_subjects(mailbox)) == 1  # once
    # notice of non-renewal: six months before, by 31 Aug 2029 (90 days: 2 Jun)
    _run(app, datetime(2029, 6, 2, 8, 0, tzinfo=UTC))
    assert _subjects(mailbox)[-1] == (
        "Last day to give notice of non-renewal of TPA: 31 Aug 2029 (in 90 days)"
    )
    assert len(_subjects(mailbox)) == 2


def test_both_last_days_are_on_the_agreement_page(app, client, make, officer) -> None:
    treaty = _treaty(make, officer)
    with time_machine.travel(datetime(2028, 6, 1, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        page = html.unescape(client.get(f"/agreements/{treaty.id}").text)
    clocks = page.split('id="clocks"')[1].split("</section>")[0]
    assert "Last day to give notice of non-renewal" in clocks and "31 Aug 2029" in clocks
    assert "Last day to denounce with effect at the end of the term" in clocks
    assert "28 Feb 2029" in clocks


def test_both_last_days_are_in_the_weekly_report(app, client, make, officer) -> None:
    """The weekly report's notice deadlines list both last days of the three months ahead,
    not only the notice of non-renewal."""
    _treaty(make, officer)
    with time_machine.travel(datetime(2028, 12, 4, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        page = html.unescape(client.get("/reports/weekly/2028-W49").text)
    deadlines = page.split("Notice deadlines in the next 3 months")[1].split("<h2")[0]
    assert "Last day to denounce with effect at the end of the term" in deadlines
    assert "28 Feb 2029" in deadlines
