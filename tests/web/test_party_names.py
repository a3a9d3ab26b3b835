"""Issue 16 (fresh check): a Party has its names in Russian and Kazakh (Party.name_ru,
Party.name_kk, optional), and a Russian or Kazakh reader of an agreement's page sees them
(the Parties table, the chronology) instead of "European Union", "Kazakhstan", "EU Member
States"; the English name stays the key (imports, CSV, API) and the fallback."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import requests
import time_machine
from icalendar import Calendar
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.party_acts import act_form
from tracker.models import Agreement, FeedScope, PartyAction
from tracker.orm import db
from tracker.services.calendar import create_feed
from tracker.services.demo import seed_demo_data

NAMES = {
    "ru": ("Европейский союз", "Республика Казахстан", "государства — члены ЕС"),
    "kk": ("Еуропалық Одақ", "Қазақстан Республикасы", "ЕО мүше мемлекеттері"),
}


def _rows(page: str) -> list[str]:
    """The Parties table's row headings, as read."""
    rows = []
    for part in html.unescape(page).split('<th scope="row">')[1:]:
        rows.append(part.split("<", 1)[0].strip())
    return rows


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_demo_parties_are_named_in_the_readers_language(client, officer, language) -> None:
    seed_demo_data()
    officer.language = language
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    client.login(officer)
    page = client.get(f"/agreements/{epca.id}").text
    union, kazakhstan, member_states = NAMES[language]
    # a row, like a line of the chronology, opens with a capital letter (fc16d #10)
    opening = member_states[0].upper() + member_states[1:]
    rows = _rows(page)
    assert union in rows and kazakhstan in rows and opening in rows
    for english in ("European Union", "Kazakhstan", "EU Member States"):
        assert english not in rows
    assert f"{union}</td>" in html.unescape(page)  # the chronology names the Party too
    chronology = html.unescape(page).split('id="chronology"')[1].split("</section>")[0]
    assert f"{opening}: " in chronology
    assert f"{member_states}: " not in chronology or opening == member_states


def test_an_english_reader_sees_the_english_names(client, officer) -> None:
    seed_demo_data()
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    client.login(officer)
    rows = _rows(client.get(f"/agreements/{epca.id}").text)
    assert "European Union" in rows and "Kazakhstan" in rows and "EU Member States" in rows


def test_an_officer_names_a_party_on_the_parties_form(client, officer, make) -> None:
    """No Party form of its own: the names are set on the Party's row of an agreement's
    Parties table (?edit=parties), beside its side; the English name is untouched."""
    agreement = make.agreement(parties=[make.party("Ruritania")], title="Trade agreement")
    row = agreement.ratifications[0]
    client.login(officer)
    form = client.get(f"/agreements/{agreement.id}?edit=parties").text
    assert f'name="ratification-{row.id}-name_ru"' in form
    saved = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        {
            f"ratification-{row.id}-name_ru": " Руритания ",
            f"ratification-{row.id}-name_kk": "Руритания Республикасы",
            f"ratification-{row.id}-version": str(row.version),
        },
    )
    assert saved.status_code == 302, saved.text
    db.session.expire_all()
    assert (row.party.name, row.party.name_ru, row.party.name_kk) == (
        "Ruritania",
        "Руритания",
        "Руритания Республикасы",
    )
    assert "Руритания" in client.get(f"/agreements/{agreement.id}?edit=parties").text
    officer.language = "kk"
    db.session.commit()
    assert "Руритания Республикасы" in _rows(client.get(f"/agreements/{agreement.id}").text)
    # too long a name is refused with a message, and nothing is lost
    refused = client.submit(
        f"/agreements/{agreement.id}/ratifications/{row.id}",
        {
            f"ratification-{row.id}-name_ru": "Я" * 201,
            f"ratification-{row.id}-version": str(row.version),
        },
    )
    assert refused.status_code == 422
    assert "200" in refused.text  # the limit named beside the field
    db.session.expire_all()
    assert row.party.name_ru == "Руритания"


def test_the_weekly_report_names_the_party_in_the_readers_language(client, officer, make) -> None:
    party = make.party("Kazakhstan")
    party.name_ru, party.name_kk = "Республика Казахстан", "Қазақстан Республикасы"
    treaty = make.agreement(parties=[party], title="Test agreement", short_title="TA")
    db.session.commit()
    with time_machine.travel(datetime(2025, 9, 8, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        recorded = client.submit(
            f"/agreements/{treaty.id}/actions/new",
            act_form(treaty.ratifications[0].id, kind="declaration", on="2025-09-05"),
        )
        assert recorded.status_code == 302, recorded.text
    # the running week is previewed so far (README), read here on Tuesday
    with time_machine.travel(datetime(2025, 9, 9, 9, 0, tzinfo=UTC), tick=False):
        client.login(officer)
        shown = {}
        for language, heading in (
            ("en", "Party actions recorded this week"),
            ("ru", "Действия сторон, записанные за неделю"),
        ):
            officer.language = language
            db.session.commit()
            page = html.unescape(client.get("/reports/weekly/2025-W37").text)
            shown[language] = page.split(heading)[1].split("<h2")[0]
    assert "Kazakhstan" in shown["en"]
    assert "Республика Казахстан" in shown["ru"] and "Kazakhstan" not in shown["ru"]


def test_the_api_answers_a_partys_names_keyed_by_its_english_name(
    live_server, make, viewer
) -> None:
    party = make.party("Kazakhstan")
    party.name_ru, party.name_kk = "Республика Казахстан", "Қазақстан Республикасы"
    agreement = make.agreement(parties=[party, make.party("Ruritania")], title="Test agreement")
    db.session.commit()
    url = f"{live_server}/api/v1/agreements/{agreement.id}"
    parties = requests.get(url, headers=bearer(viewer), timeout=5).json()["parties"]
    assert [(p["party"], p["party_name_ru"], p["party_name_kk"]) for p in parties] == [
        ("Kazakhstan", "Республика Казахстан", "Қазақстан Республикасы"),
        ("Ruritania", "", ""),
    ]


def test_a_message_naming_a_party_names_it_in_the_readers_language(client, officer, make) -> None:
    """A sentence the services build (here the refusal of an act recorded twice) carries
    the Party's names into the reader's language."""
    party = make.party("Kazakhstan")
    party.name_ru, party.name_kk = "Республика Казахстан", "Қазақстан Республикасы"
    treaty = make.agreement(parties=[party], title="Test agreement")
    officer.language = "ru"
    db.session.commit()
    client.login(officer)
    act = act_form(treaty.ratifications[0].id, kind="declaration", on="2025-09-05")
    assert client.submit(f"/agreements/{treaty.id}/actions/new", act).status_code == 302
    refused = client.submit(f"/agreements/{treaty.id}/actions/new", act)
    assert refused.status_code == 422
    assert "для стороны Республика Казахстан:" in html.unescape(refused.text)


def test_the_parties_filter_finds_a_party_by_its_russian_name(client, officer) -> None:
    seed_demo_data()
    db.session.commit()
    epca = db.session.scalar(select(Agreement).where(Agreement.short_title == "EPCA"))
    client.login(officer)
    rows = _rows(client.get(f"/agreements/{epca.id}?party=казахстан").text)
    assert "Kazakhstan" in rows and "European Union" not in rows


def _objection_world(make, officer):
    """Kazakhstan's reservation (3 Mar 2020) and Austria's objection to it (1 Sep 2020),
    both Parties named in Russian; the officer reads in Russian."""
    kazakhstan, austria = make.party("Kazakhstan"), make.party("Austria")
    kazakhstan.name_ru, austria.name_ru = "Республика Казахстан", "Австрийская Республика"
    treaty = make.agreement(
        parties=[kazakhstan, austria], title="Test convention", kind="multilateral"
    )
    reservation = PartyAction(kind="reservation", on=date(2020, 3, 3))
    treaty.ratifications[0].actions.append(reservation)
    db.session.flush()
    treaty.ratifications[1].actions.append(
        PartyAction(kind="objection", on=date(2020, 9, 1), objects_to_id=reservation.id)
    )
    officer.language = "ru"
    db.session.commit()
    return treaty, reservation


def test_the_agreements_feed_names_parties_and_the_reservation_objected_to(
    client, officer, make
) -> None:
    treaty, _ = _objection_world(make, officer)
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=treaty)
    db.session.commit()
    body = client.get(f"/calendar/{token}.ics").data
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT")}
    assert any(s.startswith("Республика Казахстан: Оговорка") for s in summaries), summaries
    assert any(
        s.startswith("Австрийская Республика: Возражение против оговорки: Республика Казахстан")
        for s in summaries
    ), summaries


def test_the_act_forms_reservation_picker_and_refusals_name_parties_in_russian(
    client, officer, make
) -> None:
    treaty, reservation = _objection_world(make, officer)
    client.login(officer)
    form = html.unescape(client.get(f"/agreements/{treaty.id}/actions/new").text)
    assert "Оговорка: Республика Казахстан, 3 мар. 2020" in form or (
        "Оговорка: Республика Казахстан" in form
    )
    refused = client.submit(
        f"/agreements/{treaty.id}/actions/new",
        act_form(
            treaty.ratifications[0].id,
            kind="objection",
            on="2020-09-02",
            objects_to_id=str(reservation.id),
        ),
    )
    assert refused.status_code == 422
    assert "Республика Казахстан" in html.unescape(refused.text)
    assert "(Kazakhstan" not in html.unescape(refused.text)
