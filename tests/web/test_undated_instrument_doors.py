"""h16d #1 (issue 16, today's fresh check) through the doors: a convention in force "90
days after the deposit of the 5th instrument", five instruments dated by 30 Nov 2022,
Estonia's undated. The page, the API's computed_dates, the CSV export and the calendar
feed say what is certain: the entry into force on or before 28 Feb 2023 (its basis),
Kyrgyzstan's own date (deposit 1 Jul 2023: 29 Sep 2023), the Parties without consent
"not yet"."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import time_machine
from icalendar import Calendar

from tests.api.conftest import bearer
from tests.web.test_spreadsheets import rows_of
from tracker.models import AgreementKind, AgreementStatus, ClockRule, FeedScope, PartyAction
from tracker.orm import db
from tracker.services.calendar import create_feed

DEPOSITS = {
    "Austria": date(2022, 3, 1),
    "Belgium": date(2022, 5, 10),
    "Chile": date(2022, 7, 1),
    "Denmark": date(2022, 9, 15),
    "Finland": date(2022, 11, 30),
    "Estonia": None,
    "Kyrgyzstan": date(2023, 7, 1),
}
WITHOUT_CONSENT = ["Yemen", "Zambia", "Uruguay", "Togo"]


@time_machine.travel(datetime(2024, 1, 15, 9, 0, tzinfo=UTC), tick=False)
def test_what_is_certain_is_computed_through_every_door(client, officer, make) -> None:
    convention = make.agreement(
        parties=[make.party(name) for name in [*DEPOSITS, *WITHOUT_CONSENT]],
        title="Convention on water drops",
        short_title="TWDC",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.SIGNED,
    )
    convention.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="after",
            anchor="nth_instrument",
            nth=5,
            offset=90,
            unit="days",
        )
    )
    for row in convention.ratifications:
        if row.party.name in DEPOSITS:
            row.actions.append(PartyAction(kind="ratification", on=DEPOSITS[row.party.name]))
    db.session.commit()
    client.login(officer)

    page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    assert (
        "cannot be computed: the dates of the acts of Estonia are not recorded; on or before "
        "28 Feb 2023 (90 days after the deposit of the fifth instrument, 30 Nov 2022 at the "
        "latest)"
    ) in table
    kyrgyzstan = table.split("Entry into force for Kyrgyzstan")[1].split("</tr>")[0]
    assert "29 Sep 2023" in kyrgyzstan and "1 Jul 2023" in kyrgyzstan
    assert "not yet for 4 Parties" in table

    found = client.get(f"/api/v1/agreements/{convention.id}", headers=bearer(officer)).get_json()
    by_party = {d["party"]: d for d in found["computed_dates"]}
    assert by_party["Kyrgyzstan"]["on"] == "2023-09-29"
    assert by_party["Yemen"]["waiting"] == "not yet (no consent to be bound recorded)"
    assert "on or before 2023-02-28" in by_party[None]["waiting"]

    [row] = [
        r
        for r in rows_of(client.get("/agreements/export.csv"))
        if r["title"].startswith("Convention on water")
    ]
    cells = " ".join(row.values())
    assert "Kyrgyzstan: 2023-09-29" in cells
    assert "on or before 28 Feb 2023" in cells

    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=convention)
    db.session.commit()
    body = client.get(f"/calendar/{token}.ics").data
    found_events = {
        str(e["SUMMARY"]): e.decoded("DTSTART") for e in Calendar.from_ical(body).walk("VEVENT")
    }
    assert found_events["Entry into force for Kyrgyzstan (computed): TWDC"] == date(2023, 9, 29)


@time_machine.travel(datetime(2024, 1, 15, 9, 0, tzinfo=UTC), tick=False)
def test_the_undated_parties_are_named_in_the_readers_language(client, officer, make) -> None:
    """fc16b #1: with two Parties undated, "cannot be computed …; on or before …" named
    them in English on a Russian page (the list was joined in the domain)."""
    parties = [make.party(name) for name in DEPOSITS]
    names_ru = {"Estonia": "Эстония", "Chile": "Чили"}
    for party in parties:
        party.name_ru = names_ru.get(party.name, "")
    convention = make.agreement(
        parties=parties, title="Convention on water drops", kind=AgreementKind.MULTILATERAL
    )
    convention.clock_rules.append(
        ClockRule(
            purpose="entry_into_force",
            mode="after",
            anchor="nth_instrument",
            nth=4,
            offset=90,
            unit="days",
        )
    )
    for row in convention.ratifications:
        on = None if row.party.name == "Chile" else DEPOSITS[row.party.name]
        row.actions.append(PartyAction(kind="ratification", on=on))
    officer.language = "ru"
    db.session.commit()
    client.login(officer)
    page = html.unescape(client.get(f"/agreements/{convention.id}").get_data(as_text=True))
    table = page.split('class="table computed-dates"')[1].split("</table>")[0]
    assert "Чили, Эстония" in table
    assert "Chile" not in table
