"""The Word exports' own words follow the document's language, not the exporting
officer's interface (issue 17 #6 and #7, found by a fresh check): the classification
marking, the title, the provisions' headings, the column names and the notes of an export
in Russian are Russian whoever exports it; a side-by-side export's words are its first
language's, and it carries a title in each of its languages, the track's official name in
that language when there is one. Read back with python-docx."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from tracker.models import Classification, MilestoneKind
from tracker.orm import db
from tracker.services import provisions


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    """A restricted track with an official Russian name, an English officer leading it,
    one article in Russian and English, one in English only."""
    lead = make.user(name="Lead", language="en")
    russian_reader = make.user(name="Reader", language="ru")
    track = make.track(
        lead=lead,
        name="Visa facilitation",
        official_name_ru="Упрощение визового режима",
        classification=Classification.RESTRICTED,
    )
    track.members.append(russian_reader)
    make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    provisions.create_provision(
        track,
        {"number": "5", "title": "Сроки", "texts": {"en": "Within 10 days.", "ru": "10 дней."}},
        actor=lead,
    )
    provisions.create_provision(
        track, {"number": "6", "texts": {"en": "No fee is charged."}}, actor=lead
    )
    db.session.commit()
    return {"lead": lead, "reader": russian_reader, "track": track}


def _words(data: bytes) -> dict[str, list[str]]:
    """The header's and footer's first lines, the Title paragraphs, and every paragraph of
    the body (those in tables too)."""
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    return {
        "header": [p.text for p in section.header.paragraphs],
        "footer": [p.text for p in section.footer.paragraphs],
        "titles": [p.text for p in document.paragraphs if p.style.name == "Title"],
        "body": [
            "".join(t.text or "" for t in p.iter(qn("w:t")))
            for p in document.element.body.iter(qn("w:p"))
        ],
    }


def test_a_russian_export_by_an_english_officer_is_in_russian(client: Any, text: dict) -> None:
    client.login(text["lead"])
    track_id = text["track"].id
    words = _words(client.get(f"/tracks/{track_id}/text/joint.docx?lang=ru").get_data())
    assert words["header"] == ["ОГРАНИЧЕННОГО ДОСТУПА"] == words["footer"]
    assert words["titles"] == [
        "Упрощение визового режима: совместный текст, в редакции на 12 янв. 2026"
    ]
    assert "Статья 5 — Сроки" in words["body"] and "Статья 6" in words["body"]
    assert any(line.startswith("[нет текста на языке") for line in words["body"])
    table = _words(client.get(f"/tracks/{track_id}/text/table.docx?lang=ru").get_data())
    assert table["titles"][0].startswith("Упрощение визового режима: сравнительная таблица")
    assert "Положение" in table["body"] and "Комментарии" in table["body"]


def test_an_english_export_by_a_russian_officer_is_in_english(client: Any, text: dict) -> None:
    client.login(text["reader"])
    track_id = text["track"].id
    words = _words(client.get(f"/tracks/{track_id}/text/joint.docx?lang=en").get_data())
    assert words["header"] == ["RESTRICTED"]
    assert words["titles"] == ["Visa facilitation: joint text, as it stands on 12 Jan 2026"]
    assert "Article 5 — Сроки" in words["body"]


def test_a_side_by_side_export_has_a_title_in_each_language(client: Any, text: dict) -> None:
    client.login(text["reader"])
    words = _words(client.get(f"/tracks/{text['track'].id}/text/joint.docx?lang=side").get_data())
    assert words["titles"] == [
        "Visa facilitation: joint text, as it stands on 12 Jan 2026",
        "Упрощение визового режима: совместный текст, в редакции на 12 янв. 2026",
    ]
    # the words of the file are its first language's, each column named in its own
    assert words["header"] == ["RESTRICTED"]
    assert words["body"][2:4] == ["English", "Русский"]
