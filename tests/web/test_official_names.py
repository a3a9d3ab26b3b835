"""Issue 15 item 11: agreements, tracks and bodies carry their official names in Russian
and Kazakh (optional); a reader sees them in their own language when present, the English
name otherwise; the search finds a record by a word of any of its names; the API answers
them."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.web.test_agreement_forms import valid_agreement
from tracker.models import Agreement, Body, NegotiationTrack
from tracker.orm import db

TITLE_RU = "Соглашение о расширенном партнерстве и сотрудничестве"
TITLE_KK = "Кеңейтілген әріптестік және ынтымақтастық туралы келісім"


def _h1(page: str) -> str:
    return page[page.index("<h1>") + 4 : page.index("</h1>")]


def test_an_agreements_official_titles_are_saved_and_shown_in_the_readers_language(
    client, officer
) -> None:
    client.login(officer)
    response = client.submit(
        "/agreements/new",
        valid_agreement(short_title="", official_title_ru=TITLE_RU, official_title_kk=TITLE_KK),
    )
    assert response.status_code == 302
    agreement = db.session.scalar(select(Agreement))
    assert (agreement.official_title_ru, agreement.official_title_kk) == (TITLE_RU, TITLE_KK)
    url = f"/agreements/{agreement.id}"
    assert _h1(client.get(url).text) == "Enhanced Partnership and Cooperation Agreement"
    for language, title in (("ru", TITLE_RU), ("kk", TITLE_KK)):
        officer.language = language
        db.session.commit()
        assert _h1(client.get(url).text) == title
        assert title in client.get("/agreements/").text
    # the edit form shows them back, and an empty one falls back to the English title
    assert TITLE_KK in client.get(f"{url}/edit").text
    agreement.official_title_kk = ""
    db.session.commit()
    assert _h1(client.get(url).text) == "Enhanced Partnership and Cooperation Agreement"


def test_tracks_and_bodies_show_their_official_names(client, officer, make) -> None:
    track = make.track(
        name="Visa facilitation",
        official_name_ru="Переговоры об упрощении визового режима",
        official_name_kk="Визалық режимді жеңілдету туралы келіссөздер",
    )
    body = make.body(
        "EU–Kazakhstan Cooperation Council",
        official_name_ru="Совет сотрудничества Европейский союз – Казахстан",
        official_name_kk="Еуропалық Одақ – Қазақстан ынтымақтастық кеңесі",
    )
    officer.language = "kk"
    client.login(officer)
    assert _h1(client.get(f"/tracks/{track.id}").text) == track.official_name_kk
    assert track.official_name_kk in client.get("/tracks/").text
    assert _h1(client.get(f"/bodies/{body.id}").text) == body.official_name_kk
    officer.language = "en"
    db.session.commit()
    assert _h1(client.get(f"/tracks/{track.id}").text) == "Visa facilitation"


def test_track_and_body_forms_take_the_official_names(client, officer) -> None:
    client.login(officer)
    saved = client.submit(
        "/tracks/new",
        {
            "name": "Readmission",
            "official_name_ru": "Реадмиссия",
            "official_name_kk": "Реадмиссия туралы",
            "status": "launched",
            "status_since": "2025-12-02",
            "classification": "public",
        },
    )
    assert saved.status_code == 302
    track = db.session.scalar(select(NegotiationTrack))
    assert (track.official_name_ru, track.official_name_kk) == ("Реадмиссия", "Реадмиссия туралы")
    saved = client.submit(
        "/bodies/new",
        {
            "name": "Sub-committee",
            "official_name_ru": "Подкомитет",
            "official_name_kk": "Кіші комитет",
        },
    )
    assert saved.status_code == 302
    body = db.session.scalar(select(Body))
    assert (body.official_name_ru, body.official_name_kk) == ("Подкомитет", "Кіші комитет")


def test_the_search_finds_a_record_by_a_word_of_any_official_name(client, viewer, make) -> None:
    agreement = make.agreement(title="Partnership agreement", official_title_kk=TITLE_KK)
    track = make.track(name="Visa", official_name_ru="Упрощение визового режима")
    body = make.body("Council", official_name_kk="Ынтымақтастық кеңесі")
    client.login(viewer)
    assert f'href="/agreements/{agreement.id}"' in client.get("/search?q=ынтымақтастық").text
    assert f'href="/tracks/{track.id}"' in client.get("/search?q=визового").text
    assert f'href="/bodies/{body.id}"' in client.get("/search?q=кеңес").text


def test_the_api_answers_the_official_names(live_server, viewer, make) -> None:
    agreement = make.agreement(official_title_ru=TITLE_RU)
    track = make.track(official_name_kk="Келіссөздер")
    body = make.body("Council", official_name_ru="Совет")
    headers = bearer(viewer)
    api = f"{live_server}/api/v1"
    answer = requests.get(f"{api}/agreements/{agreement.id}", headers=headers, timeout=5).json()
    assert (answer["official_title_ru"], answer["official_title_kk"]) == (TITLE_RU, "")
    answer = requests.get(f"{api}/tracks/{track.id}", headers=headers, timeout=5).json()
    assert answer["official_name_kk"] == "Келіссөздер"
    answer = requests.get(f"{api}/bodies/{body.id}", headers=headers, timeout=5).json()
    assert answer["official_name_ru"] == "Совет"


def _flashes(page: str) -> str:
    import html
    import re

    return html.unescape(" ".join(re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', page, re.S)))


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_added_and_opened_flashes_name_the_record_in_the_readers_language(
    client, officer, language
) -> None:
    """A new agreement or track is named as its page names it, not by its English title."""
    officer.language = language
    db.session.commit()
    client.login(officer)
    client.submit(
        "/agreements/new",
        valid_agreement(short_title="", official_title_ru=TITLE_RU, official_title_kk=TITLE_KK),
    )
    said = _flashes(client.get("/agreements/").text)
    assert (TITLE_RU if language == "ru" else TITLE_KK) in said, said
    assert "Enhanced Partnership" not in said, said
    client.submit(
        "/tracks/new",
        {
            "name": "Readmission",
            "official_name_ru": "Реадмиссия",
            "official_name_kk": "Реадмиссия туралы",
            "status": "launched",
            "status_since": "2025-12-02",
            "classification": "public",
        },
    )
    said = _flashes(client.get("/tracks/").text)
    assert ("Реадмиссия" if language == "ru" else "Реадмиссия туралы") in said, said
    assert "Readmission" not in said, said
