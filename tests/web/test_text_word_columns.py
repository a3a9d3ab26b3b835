"""Word import of the joint text's exports in several languages (issue 17 #6 and #7, "a
provision may hold its text in several languages ... side by side"; found by a fresh
check): a side-by-side export (a column per language) imported again takes each column as
its language's text instead of refusing the file; a translator who fills the "[no Russian
text; English text follows]" box of an export in Russian gives the provision its Russian
text. Real .docx files, exported here, edited with python-docx and imported through the
preview and its confirmation."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from sqlalchemy import func, select

from tests.web.test_text_word_languages import _post_in
from tracker.models import AuditEvent, Provision
from tracker.orm import db
from tracker.services import provisions

ENGLISH = "Visas are issued within [EU: 10] days.[^1]\n\n[^1]: Calendar days."
RUSSIAN = "Визы выдаются в течение [10] дней."


@pytest.fixture
def text(client: Any, make: Any) -> dict[str, Any]:
    """A track with an article in English and Russian, and one in English only."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead)
    both = provisions.create_provision(
        track,
        {"number": "1", "title": "Visas", "texts": {"en": ENGLISH, "ru": RUSSIAN}},
        actor=lead,
    )
    english = provisions.create_provision(
        track, {"number": "2", "title": "Fees", "texts": {"en": "No fee is charged."}}, actor=lead
    )
    db.session.commit()
    client.login(lead)
    return {"track": track, "both": both.id, "english": english.id}


def _texts() -> dict[str, dict[str, str]]:
    db.session.expire_all()
    return {p.number: p.texts for p in db.session.scalars(select(Provision))}


def _import(client: Any, track_id: int, data: bytes, language: str) -> Any:
    preview = _post_in(client, track_id, data, language)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    content = page.split('id="content" name="content" type="hidden" value="')[1].split('"')[0]
    versions = page.split('id="versions" name="versions" type="hidden" value="')[1].split('"')[0]
    return client.submit(
        f"/tracks/{track_id}/text/import/confirm",
        {"content": content, "language": language, "versions": versions},
    )


def _edited(data: bytes, edit: Any) -> bytes:
    document = docx.Document(io.BytesIO(data))
    edit(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_side_by_side_export_imports_each_column_in_its_language(client: Any, text: dict) -> None:
    track = text["track"]
    exported = client.get(f"/tracks/{track.id}/text/joint.docx?lang=side").get_data()
    before = _texts()
    # imported as it is: nothing changes
    assert _import(client, track.id, exported, "en").status_code == 302
    assert _texts() == before
    assert not db.session.scalar(
        select(func.count()).where(AuditEvent.action == "provision.updated")
    )

    def translate(document: Any) -> None:
        table = document.tables[0]
        # the Russian column of Article 2's texts (rows: names, heading, texts, heading, texts)
        cell = table.rows[4].cells[1]
        for paragraph in cell.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        cell.paragraphs[0].text = "Сбор не взимается."
        table.rows[2].cells[1].paragraphs[0].text = "Визы выдаются в течение [15] дней."

    # the form's language is not the columns': each column goes to its own
    assert _import(client, track.id, _edited(exported, translate), "kk").status_code == 302
    assert _texts() == {
        "1": {"en": ENGLISH, "ru": "Визы выдаются в течение [15] дней."},
        "2": {"en": "No fee is charged.", "ru": "Сбор не взимается."},
    }


def test_a_filled_placeholder_box_is_the_new_text_of_its_language(client: Any, text: dict) -> None:
    track = text["track"]
    exported = client.get(f"/tracks/{track.id}/text/joint.docx?lang=ru").get_data()
    before = _texts()
    assert _import(client, track.id, exported, "ru").status_code == 302
    assert _texts() == before

    def fill(document: Any) -> None:
        (box,) = document.tables
        cell = box.rows[0].cells[0]
        # the translator types the Russian text over the English one, keeping the note
        cell.paragraphs[1].text = "Сбор не взимается."

    assert _import(client, track.id, _edited(exported, fill), "ru").status_code == 302
    assert _texts() == {
        "1": {"en": ENGLISH, "ru": RUSSIAN},
        "2": {"en": "No fee is charged.", "ru": "Сбор не взимается."},
    }
