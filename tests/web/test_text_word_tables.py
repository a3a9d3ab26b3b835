"""Tables in a Word draft (issue 17 #6, and the house rule "bad input gets a clear error and
loses nothing"; found by a fresh check): a table the import does not read is never left out
silently. A table whose first row names languages ("English | Русский") is side by side,
each column its language's text, whether it follows a provision's heading or holds the
headings in its first column; any other table refuses the file, naming the provision. The
tracker's own side-by-side export with its bookmarks removed is still read, and its
comparative table is refused as what it is. Real .docx files built with python-docx (or
exported here) through the preview and its confirmation."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest
from sqlalchemy import select

from tests.web.test_text_word_columns import _import
from tests.web.test_text_word_languages import _post_in
from tracker.models import MilestoneKind, Provision
from tracker.orm import db
from tracker.services import provisions

SCOPE_EN = "This Agreement applies to [EU: short-stay] visas."
SCOPE_RU = "Настоящее Соглашение применяется к [EU: краткосрочным] визам."


@pytest.fixture
def text(client: Any, make: Any) -> dict[str, Any]:
    """A track with Article 1 Scope and Article 2 Fees in English and Russian."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead)
    make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 2, 5)
    )
    provisions.create_provision(
        track,
        {"number": "1", "title": "Scope", "texts": {"en": "Old scope.", "ru": "Старая сфера."}},
        actor=lead,
    )
    provisions.create_provision(
        track,
        {"number": "2", "title": "Fees", "texts": {"en": "No fee.", "ru": "Без сбора."}},
        actor=lead,
    )
    db.session.commit()
    client.login(lead)
    return {"track": track}


def _texts() -> dict[str, dict[str, str]]:
    db.session.expire_all()
    return {p.number: p.texts for p in db.session.scalars(select(Provision))}


def _saved(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _with_table(header: tuple[str, str], row: tuple[str, str]) -> bytes:
    document = docx.Document()
    document.add_paragraph("Article 1 Scope")
    table = document.add_table(rows=2, cols=2)
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, row, strict=True):
        cell.text = value
    document.add_paragraph("Article 2 Fees")
    document.add_paragraph("A fee of [EU: 35] euros.")
    return _saved(document)


def test_a_table_of_languages_under_a_heading_is_its_text_column_by_column(
    client: Any, text: dict
) -> None:
    data = _with_table(("English", "Русский"), (SCOPE_EN, SCOPE_RU))
    assert _import(client, text["track"].id, data, "en").status_code == 302
    assert _texts()["1"] == {"en": SCOPE_EN, "ru": SCOPE_RU}
    assert _texts()["2"] == {"en": "A fee of [EU: 35] euros.", "ru": "Без сбора."}


def test_a_table_the_import_does_not_read_refuses_the_file(client: Any, text: dict) -> None:
    before = _texts()
    data = _with_table(("Term", "Meaning"), ("visa", "an authorisation [EU: to enter]"))
    preview = _post_in(client, text["track"].id, data, "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422, page
    assert "A table in the text of article 1 (Scope) is not read" in page
    assert "Import these provisions" not in page
    assert _texts() == before


def test_a_side_by_side_file_not_made_here_is_read(client: Any, text: dict) -> None:
    document = docx.Document()
    rows = [
        ("", "English", "Русский"),
        ("Article 1 Scope", SCOPE_EN, SCOPE_RU),
        ("Article 2 Fees", "A fee of [EU: 35] euros.", "Сбор [EU: 35] евро."),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    assert _import(client, text["track"].id, _saved(document), "en").status_code == 302
    assert _texts() == {
        "1": {"en": SCOPE_EN, "ru": SCOPE_RU},
        "2": {"en": "A fee of [EU: 35] euros.", "ru": "Сбор [EU: 35] евро."},
    }


def test_a_side_by_side_export_without_its_bookmarks_is_read(client: Any, text: dict) -> None:
    track = text["track"]
    exported = client.get(f"/tracks/{track.id}/text/joint.docx?lang=side").get_data()
    document = docx.Document(io.BytesIO(exported))
    for mark in document.element.body.xpath(".//w:bookmarkStart | .//w:bookmarkEnd"):
        mark.getparent().remove(mark)
    document.tables[0].rows[2].cells[1].paragraphs[0].text = "Новая сфера [EU: визы]."
    assert _import(client, track.id, _saved(document), "en").status_code == 302
    assert _texts() == {
        "1": {"en": "Old scope.", "ru": "Новая сфера [EU: визы]."},
        "2": {"en": "No fee.", "ru": "Без сбора."},
    }


def test_the_comparative_table_is_refused_as_what_it_is(client: Any, text: dict) -> None:
    track = text["track"]
    before = _texts()
    exported = client.get(f"/tracks/{track.id}/text/table.docx").get_data()
    preview = _post_in(client, track.id, exported, "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422, page
    assert "comparative table" in page
    assert "No provision was found" not in page
    assert _texts() == before


def test_text_both_in_a_table_of_languages_and_outside_it_refuses_the_file(
    client: Any, text: dict
) -> None:
    """Which language the paragraph outside the table is in, the file does not say: it is
    neither dropped nor guessed."""
    before = _texts()
    document = docx.Document()
    document.add_paragraph("Article 1 Scope")
    document.add_paragraph("This Agreement applies to visas.")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Russian", "Қазақ тілі"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = (
        SCOPE_RU,
        "Осы Келісім [EU: визаларға].",
    )
    preview = _post_in(client, text["track"].id, _saved(document), "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422, page
    assert "The text of article 1 (Scope) is both in a table of languages and outside it" in page
    assert _texts() == before


def test_a_one_cell_table_under_a_heading_is_more_of_its_text(client: Any, text: dict) -> None:
    """A framed paragraph (a table of one cell) in a draft not exported from here."""
    document = docx.Document()
    document.add_paragraph("Article 1 Scope")
    document.add_paragraph("This Agreement applies to visas.")
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "It does not apply to [EU: transit]."
    assert _import(client, text["track"].id, _saved(document), "en").status_code == 302
    assert _texts()["1"] == {
        "en": "This Agreement applies to visas.\nIt does not apply to [EU: transit].",
        "ru": "Старая сфера.",
    }


def test_a_table_before_the_first_heading_refuses_the_file(client: Any, text: dict) -> None:
    before = _texts()
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Parties", "EU, Kazakhstan"
    document.add_paragraph("Article 1 Scope")
    document.add_paragraph("This Agreement applies to visas.")
    preview = _post_in(client, text["track"].id, _saved(document), "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422, page
    assert "A table before the first provision&#39;s heading is not read" in page
    assert _texts() == before


@pytest.mark.parametrize(
    "columns",
    [
        ("Provision", "Our text (KZ)", "Their text (EU)", "Comments"),
        ("Положение", "Наш текст", "Текст другой стороны", "Комментарии"),
    ],
)
def test_a_comparative_table_exported_before_it_said_so_is_refused_as_what_it_is(
    client: Any, text: dict, columns: tuple[str, ...]
) -> None:
    """An older export, without the custom property: known by its columns."""
    document = docx.Document()
    document.add_heading("Visa facilitation: comparative table, Round 1", level=0)
    table = document.add_table(rows=2, cols=4)
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = name
    table.rows[1].cells[0].text = "Article 1 Scope\nOpen\n" + SCOPE_EN
    preview = _post_in(client, text["track"].id, _saved(document), "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422, page
    assert "This is the comparative table" in page
