"""Issue 16 (found by a fresh check, #3): a withdrawal was called a denunciation in the
computed dates ("Denunciation by Norway takes effect" for a withdrawal act) on the page and
in the calendar feed. The computed date is named after the act's own kind, in the three
languages."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import time_machine
from icalendar import Calendar

from tracker.models import AgreementKind, AgreementStatus, ClockRule, FeedScope, PartyAction
from tracker.orm import db
from tracker.services.calendar import create_feed

MONDAY = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
WORDS = {
    "en": ("Withdrawal by Norway takes effect", "Denunciation by Norway"),
    "ru": ("Выход (Norway) вступает в действие", "Денонсация (Norway)"),
    "kk": ("Шығу (Norway) қолданысқа енеді", "Денонсациялау (Norway)"),
}


@pytest.fixture
def convention(make):
    agreement = make.agreement(
        parties=[make.party("Kazakhstan"), make.party("Iceland"), make.party("Norway")],
        title="Convention on transit",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    agreement.ratifications[2].actions.append(PartyAction(kind="withdrawal", on=date(2025, 9, 1)))
    agreement.clock_rules.append(
        ClockRule(purpose="denunciation_effect", mode="after", anchor="notification", offset=6)
    )
    db.session.commit()
    return agreement


@pytest.mark.parametrize("code", sorted(WORDS))
def test_the_page_and_the_feed_call_a_withdrawal_a_withdrawal(
    client, officer, convention, code
) -> None:
    named, wrong = WORDS[code]
    officer.language = code
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=convention)
    db.session.commit()
    with time_machine.travel(MONDAY, tick=False):
        client.login(officer)
        page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
        body = client.get(f"/calendar/{token}.ics").data
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    assert named in table and wrong not in table
    summaries = [
        str(e["SUMMARY"])
        for e in Calendar.from_ical(body).walk("VEVENT")
        if str(e["UID"]).startswith("clock-")
    ]
    assert any(s.startswith(named) for s in summaries), summaries
    assert not any(wrong in s for s in summaries)
