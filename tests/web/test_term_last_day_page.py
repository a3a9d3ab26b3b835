"""Issue 16 #4 (legal clocks), item 1 through the agreement page: a treaty in force from
1 Sep 2020 for seven years is in force through 31 Aug 2027 (the day of entry into force
is its first day); the last day to give notice "six months before the end" is 28 Feb
2027, never a day later than the treaty's words allow."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import time_machine

from tests.treaty_world import renewing
from tracker.models import PartyAction
from tracker.orm import db
from tracker.services.reminders.clocks import clock_reminders


def _seven_years(make, officer, **kw):
    return renewing(
        make,
        in_force_on=date(2020, 9, 1),
        years=7,
        title="Seven-year agreement",
        owner=officer,
        **kw,
    )


def _rows(page: str) -> dict[str, str]:
    """The computed dates on the page: what -> the date shown."""
    section = html.unescape(page.split('id="clocks"')[1].split("</section>")[0])
    found = re.findall(r'<th scope="row">(.*?)</th>\s*<td class="date">(.*?)</td>', section)
    return {what.strip(): on.strip() for what, on in found}


def test_the_page_gives_the_last_day_in_force_and_a_notice_day_not_too_late(
    client, make, officer
) -> None:
    treaty = _seven_years(make, officer)
    with time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        rows = _rows(client.get(f"/agreements/{treaty.id}").text)
    assert rows["End of term 1"] == "31 Aug 2027"
    assert rows["Last day to give notice of non-renewal"] == "28 Feb 2027"


def test_notice_given_stops_the_deadline_its_reminders_and_the_report(
    client, make, officer
) -> None:
    treaty = _seven_years(make, officer, denunciation=True)
    treaty.ratifications[1].actions.append(PartyAction(kind="denunciation", on=date(2026, 11, 30)))
    db.session.commit()
    with time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        page = client.get(f"/agreements/{treaty.id}").text
        report = html.unescape(client.get("/reports/weekly/2026-W49").text)
    rows = _rows(page)
    assert "Last day to give notice of non-renewal" not in rows
    assert rows["Notice given for term 1"] == "30 Nov 2026"
    deadlines = report.split("Notice deadlines in the next 3 months")[1].split("<h2")[0]
    assert "Seven-year agreement" not in deadlines
    # 90 days before 28 Feb 2027 is 30 Nov 2026: nothing to remind of
    with time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tick=False):
        due = list(clock_reminders(date(2026, 11, 30), {officer.id: officer}))
    assert due == []
