"""The computed dates' basis in the agreement's calendar feed (issue 16 #8): each event's
description says why, in the feed owner's language, in the words a treaty lawyer writes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from icalendar import Calendar

from tests.treaty_world import partnership
from tracker.models import FeedScope
from tracker.orm import db
from tracker.services.calendar import create_feed

MONDAY = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code", "in_force", "term"),
    [
        (
            "en",
            "Basis: on the first day of the second month following the last notification of "
            "completed procedures, 15 Jan 2020.",
            "Basis: 6 years from 1 Mar 2020, the term's first day in force.",
        ),
        (
            "ru",
            "Основание: в первый день второго месяца, следующего за датой последнего "
            "уведомления о выполнении внутригосударственных процедур, 15 янв. 2020.",
            "Основание: 6 лет с 1 мар. 2020, первого дня действия срока.",
        ),
        (
            "kk",
            "Негіз: мемлекетішілік рәсімдердің орындалғаны туралы соңғы хабарлама күнінен "
            "кейінгі екінші айдың бірінші күні, 15 қаң. 2020.",
            "Негіз: 1 нау. 2020 бастап 6 жыл, мерзімнің күшіндегі бірінші күні.",
        ),
    ],
)
def test_the_feed_gives_each_computed_dates_basis_in_words(
    client, make, officer, code: str, in_force: str, term: str
) -> None:
    treaty = partnership(make, years=6, short_title="TPA")
    officer.language = code
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=treaty)
    db.session.commit()
    with time_machine.travel(MONDAY, tick=False):
        body = client.get(f"/calendar/{token}.ics").data
    described = {
        e.decoded("DTSTART"): str(e["DESCRIPTION"]).splitlines()[0]
        for e in Calendar.from_ical(body).walk("VEVENT")
        if str(e["UID"]).startswith("clock-")  # the computed dates
    }
    assert described[date(2020, 3, 1)] == in_force
    assert described[date(2026, 2, 28)] == term  # the term's last day in force
