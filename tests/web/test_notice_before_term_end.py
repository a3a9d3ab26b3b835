"""Issue 16 #3: a notice-of-non-renewal clause anchored on the end of the term ("notice
given at least six months before the end of the term"), and a denunciation clause where
a treaty says so: accepted by the form and the API, computed (the last day to give
notice, with the month-end convention of the reverse deadline), read as the clause says,
and reminded with the clock lead days."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import requests
import time_machine

from tests.api.conftest import bearer
from tracker.domain.clocks import Anchor, Clause, Mode, latest_event_for
from tracker.models import Agreement, AgreementStatus, ClockRule, PartyAction
from tracker.orm import db
from tracker.services.reminders.clocks import clock_reminders

BEFORE_END = {
    "purpose": "notice_of_non_renewal",
    "mode": "before",
    "anchor": "end_of_term",
    "offset": "6",
    "unit": "months",
    "nth": "",
    "note": "Art. 30(2)",
}
REASON = "issue 16 #3: notice cannot count back from the end of the term"


def _section(page: str, anchor: str) -> str:
    return html.unescape(page.split(f'id="{anchor}"')[1].split("</section>")[0])


@pytest.fixture
def renewing(make, officer) -> Agreement:
    """In force on 1 Mar 2020 for five years, renewed tacitly for five years at a time."""
    agreement = make.agreement(
        parties=[make.party("Atlantis"), make.party("Borduria")],
        title="Air services agreement",
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
        owner=officer,
    )
    for row in agreement.ratifications:
        row.actions.append(PartyAction(kind="signature", on=date(2015, 12, 21)))
    agreement.clock_rules = [
        ClockRule(
            purpose="initial_term", mode="after", anchor="entry_into_force", offset=5, unit="years"
        ),
        ClockRule(purpose="renewal", mode="after", anchor="end_of_term", offset=5, unit="years"),
    ]
    db.session.commit()
    return agreement


def test_the_last_day_before_the_end_keeps_the_month_end_convention() -> None:
    six_months_before = Clause(Mode("before"), Anchor.END_OF_TERM, 6)
    assert latest_event_for(six_months_before, date(2025, 2, 28)) == date(2024, 8, 31)


def test_notice_before_the_end_of_the_term_through_the_form(client, officer, renewing) -> None:
    with time_machine.travel(datetime(2026, 6, 1, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        saved = client.submit(f"/agreements/{renewing.id}/clocks/new", BEFORE_END)
        assert saved.status_code == 302, html.unescape(saved.text)
        clocks = _section(client.get(f"/agreements/{renewing.id}").text, "clocks")
    assert "6 months before the end of the term" in clocks
    assert "after the notification" not in clocks
    # term 2 runs through 28 Feb 2030 (its last day): notice at least six months
    # before, by 31 Aug 2029
    assert "Last day to give notice of non-renewal" in clocks and "31 Aug 2029" in clocks
    assert "term 2 ends on 28 Feb 2030" in clocks
    # the reminder's lead days apply to it: 90 days before 31 Aug 2029
    with time_machine.travel(datetime(2029, 6, 2, 9, 0, tzinfo=UTC), tick=False):
        due = list(clock_reminders(date(2029, 6, 2), {officer.id: officer}))
    assert [r.kind for r in due] == ["clock_notice_deadline"]
    assert "lead-90" in due[0].key


def test_a_denunciation_before_the_end_of_the_term_takes_effect_at_its_end(
    client, officer, renewing
) -> None:
    """'Either Party may denounce it by notice given at least six months before the end of
    a term; the denunciation takes effect at the end of that term.'"""
    client.login(officer)
    saved = client.submit(
        f"/agreements/{renewing.id}/clocks/new", {**BEFORE_END, "purpose": "denunciation_effect"}
    )
    assert saved.status_code == 302, html.unescape(saved.text)
    renewing.ratifications[1].actions.append(PartyAction(kind="denunciation", on=date(2025, 9, 1)))
    db.session.commit()
    clocks = _section(client.get(f"/agreements/{renewing.id}").text, "clocks")
    # notified on 1 Sep 2025, at least six months before term 2 ends (its last day in
    # force, 28 Feb 2030)
    row = clocks.split("Denunciation by Borduria takes effect")[1].split("</tr>")[0]
    assert "28 Feb 2030" in row
    assert "6 months before the end of the term" in row


def test_notice_before_the_end_of_the_term_through_the_api(live_server, officer, renewing) -> None:
    answer = requests.post(
        f"{live_server}/api/v1/agreements/{renewing.id}/final-clauses",
        json={**BEFORE_END, "offset": 6, "nth": None},
        headers=bearer(officer),
        timeout=5,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["words"] == "6 months before the end of the term"


def test_counting_back_is_refused_where_it_means_nothing(client, officer, renewing) -> None:
    client.login(officer)
    wrong = client.submit(
        f"/agreements/{renewing.id}/clocks/new",
        {**BEFORE_END, "purpose": "entry_into_force", "anchor": "end_of_term"},
    )
    assert wrong.status_code == 422
