"""The weekly report's treaty sections in both parts of the email (issue 16 #8, found by a
fresh check): the plain-text part has every section the HTML part has (Parties' acts
recorded in the week, the last days to give notice, consent to be bound pending); an
agreement that its Parties' denunciations have ended is not chased; and a Party's consent
is called consent to be bound, not "ratified", since it may be an accession, acceptance,
approval or definitive signature."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from tests.web.test_treaty_doors import _rules
from tracker.jobs import JOBS, run_job
from tracker.models import AgreementStatus, PartyAction
from tracker.orm import db

WEEKLY = next(j for j in JOBS if j.id == "weekly-report")
DRAIN = next(j for j in JOBS if j.id == "outbox-drain")
#: Wednesday of ISO week 2025-W37; the report goes out on Monday 15 September
IN_THE_WEEK = datetime(2025, 9, 10, 9, 0, tzinfo=UTC)
MONDAY_AFTER = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)


def test_both_parts_of_the_report_email_tell_the_same_treaty_sections(
    client, officer, make, mailbox
) -> None:
    union, republic, third = make.party("Union"), make.party("Republic"), make.party("Third")
    clocked = make.agreement(
        parties=[union, republic],
        title="Test partnership agreement",
        short_title="TPA",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    acceded = make.agreement(parties=[union, republic, third], title="Open convention")
    acceded.ratifications[0].actions.append(PartyAction(kind="accession", on=date(2021, 5, 4)))
    acceded.ratifications[1].actions.append(PartyAction(kind="acceptance", on=date(2021, 6, 1)))
    ended = make.agreement(
        parties=[union, republic],
        title="Denounced treaty",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2010, 1, 1),
    )
    for row in ended.ratifications:
        row.actions.append(PartyAction(kind="ratification", on=date(2009, 6, 1)))
    ended.ratifications[1].actions.append(
        PartyAction(kind="denunciation", on=date(2024, 1, 10), effective_on=date(2024, 7, 10))
    )
    db.session.commit()
    client.login(officer)
    _rules(client, clocked)
    with time_machine.travel(IN_THE_WEEK, tick=False):
        clocked.ratifications[1].actions.append(
            PartyAction(kind="declaration", on=date(2025, 9, 5))
        )
        db.session.commit()
    run_job(client.application, WEEKLY, MONDAY_AFTER)
    run_job(client.application, DRAIN, MONDAY_AFTER)
    sent = next(m for m in mailbox.messages if str(m["To"]) == officer.email)
    text = sent.get_body(preferencelist=("plain",)).get_content()
    page = sent.get_body(preferencelist=("html",)).get_content()

    for part in (text, page):
        # the act recorded in the week, and the last day to give notice (30 Nov 2025)
        assert "Republic" in part and "Declaration" in part and "5 Sep 2025" in part
        assert "30 Nov 2025" in part and "Last day to give notice of non-renewal" in part
        # consent pending: two of three Parties consented (an accession, an acceptance)
        assert "Open convention" in part
        assert "2 of 3" in part and "consented to be bound" in part
        assert "ratified" not in part.lower()
        # the Republic's denunciation took effect on 10 Jul 2024: nothing left to chase
        assert "Denounced treaty" not in part
    assert "PARTY ACTIONS RECORDED THIS WEEK" in text
    assert "NOTICE DEADLINES IN THE NEXT 3 MONTHS" in text
