"""Word import of drafts that did not come from here, and of old ones (issue 17 #6 and #7,
found by a fresh check): a provision without the tracker's bookmark is matched by kind and
number (then title), never duplicated silently; a provision changed by someone else since
the preview, or since the file was exported, is never overwritten silently; new
provisions keep the file's order; the preview shows what changes. Real .docx files built
with python-docx, through the preview and its confirmation."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest
from sqlalchemy import select

from tests.web.test_text_word_import_checks import _import as _post
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions

HEADINGS = ["Preamble", "Article 1 Scope", "Article 2 Duration", "Article 3 Final provisions"]
TEXTS = [
    "The Parties, desiring to facilitate visas,",
    "This Agreement applies to visas.",
    "Visas are issued within [10] days.",
    "This Agreement enters into force on signature.",
]


def _docx(*paragraphs: tuple[str, str | None]) -> bytes:
    """A .docx of (text, style) paragraphs ("Heading 1", "Title", None: Normal)."""
    document = docx.Document()
    for text, style in paragraphs:
        if style == "Title":
            document.add_heading(text, level=0)
        elif style:
            document.add_heading(text, level=int(style[-1]))
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _draft(headings: list[str] = HEADINGS, texts: list[str] = TEXTS) -> bytes:
    paragraphs: list[tuple[str, str | None]] = []
    for heading, text in zip(headings, texts, strict=True):
        paragraphs += [(heading, "Heading 1"), (text, None)]
    return _docx(*paragraphs)


def _outcomes(page: str) -> list[str]:
    """The preview's rows: what the import does to each (its third cell, as text)."""
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    return [
        re.sub(r"<[^>]+>", "", row.split("<td>")[3].split("</td>")[0]).strip()
        for row in table.split("<tr>")[1:]
    ]


def _hidden(page: str) -> dict[str, str]:
    """The hidden fields of the preview's confirmation form."""
    form = page.split('/text/import/confirm"', 1)[1].split("</form>")[0]
    return dict(re.findall(r'<input id="(\w+)" name="\w+" type="hidden" value="([^"]*)"', form))


def _preview(client: Any, track_id: int, data: bytes, language: str = "en") -> str:
    if language == "en":
        response = _post(client, track_id, data)
    else:
        response = client.post(
            f"/tracks/{track_id}/text/import",
            data={
                "csrf_token": client.csrf_token,
                "language": language,
                "file": (io.BytesIO(data), "draft.docx"),
            },
            content_type="multipart/form-data",
        )
        response.request.environ["wsgi.input"].close()
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    return page


def _confirm(client: Any, track_id: int, page: str) -> Any:
    fields = {k: v for k, v in _hidden(page).items() if k != "csrf_token"}
    return client.submit(f"/tracks/{track_id}/text/import/confirm", fields)


def _text(track_id: int) -> list[tuple[str, str, str, dict[str, str]]]:
    db.session.expire_all()
    return [
        (p.kind.value, p.number, p.title, p.texts)
        for p in db.session.scalars(
            select(Provision).where(Provision.track_id == track_id).order_by(Provision.position)
        )
    ]


@pytest.fixture
def imported(client: Any, make: Any) -> dict[str, Any]:
    """A track whose text came from A.docx (no bookmarks), the lead logged in."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead)
    client.login(lead)
    page = _preview(client, track.id, _draft())
    assert _outcomes(page) == ["added"] * 4
    assert _confirm(client, track.id, page).status_code == 302
    return {"lead": lead, "track": track}


def test_a_draft_without_bookmarks_is_matched_by_kind_and_number(
    client: Any, imported: dict
) -> None:
    track = imported["track"]
    before = _text(track.id)
    changed = [t.replace("[10]", "[15]") for t in TEXTS]
    page = _preview(client, track.id, _draft(texts=changed))
    assert _outcomes(page)[:4] == ["unchanged", "unchanged", "changed", "unchanged"]
    assert _confirm(client, track.id, page).status_code == 302
    after = _text(track.id)
    assert len(after) == 4
    assert after[2][3] == {"en": "Visas are issued within [15] days."}
    assert [row[:3] for row in after] == [row[:3] for row in before]


def test_a_russian_draft_fills_the_russian_versions(client: Any, imported: dict) -> None:
    track = imported["track"]
    russian = ["Преамбула", "Статья 1. Сфера", "Статья 2. Сроки", "Статья 3. Заключительные"]
    texts = ["Стороны,", "Соглашение применяется к визам.", "В течение [10] дней.", "Вступает."]
    page = _preview(client, track.id, _draft(russian, texts), "ru")
    assert "added" not in _outcomes(page)
    assert _confirm(client, track.id, page).status_code == 302
    after = _text(track.id)
    assert len(after) == 4
    assert [row[2] for row in after] == ["", "Scope", "Duration", "Final provisions"]
    assert [row[3] for row in after] == [
        {"en": en, "ru": ru} for en, ru in zip(TEXTS, texts, strict=True)
    ]
    # their next Russian draft changes the Russian text, never the heading's title
    texts[2] = "В течение [15] дней."
    page = _preview(client, track.id, _draft(russian, texts), "ru")
    assert _outcomes(page) == ["unchanged", "unchanged", "changed", "unchanged"]
    assert _confirm(client, track.id, page).status_code == 302
    assert _text(track.id)[2][2:] == (
        "Duration",
        {"en": TEXTS[2], "ru": "В течение [15] дней."},
    )


def test_two_headings_with_one_number_are_an_error_on_the_row(client: Any, imported: dict) -> None:
    track = imported["track"]
    data = _draft([*HEADINGS[:3], "Article 2 Fees"], TEXTS)
    response = _post(client, track.id, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "2 appears twice" in _outcomes(page)[3]
    assert "Import these provisions" not in page


def _edit_article_2(actor: Any, track_id: int, text: str) -> None:
    """Another officer's change of Article 2 (the service the form and the API use)."""
    article = db.session.scalar(
        select(Provision).where(Provision.track_id == track_id, Provision.number == "2")
    )
    provisions.update_provision(
        article, {"texts": {"en": text}}, actor=actor, expected_version=article.version
    )
    db.session.commit()


def test_a_provision_changed_since_the_preview_is_not_overwritten(
    client: Any, make: Any, imported: dict
) -> None:
    track = imported["track"]
    page = _preview(client, track.id, _draft(texts=[t.replace("[10]", "[15]") for t in TEXTS]))
    _edit_article_2(make.user(name="Other Officer"), track.id, "Within [20] days.")
    refused = _confirm(client, track.id, page)
    again = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Changed by Other Officer since your preview" in _outcomes(again)[2]
    assert _text(track.id)[2][3] == {"en": "Within [20] days."}
    # the preview shown again takes the change in: confirming it now is the officer's choice
    assert _confirm(client, track.id, again).status_code == 302
    assert _text(track.id)[2][3] == {"en": "Visas are issued within [15] days."}


def test_an_old_export_does_not_revert_newer_edits(client: Any, make: Any, imported: dict) -> None:
    track = imported["track"]
    exported = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    _edit_article_2(make.user(name="Other Officer"), track.id, "Within [20] days.")
    response = _post(client, track.id, exported)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    outcomes = _outcomes(page)
    assert "Changed by Other Officer since this file was exported" in outcomes[2]
    assert outcomes[:2] == ["unchanged", "unchanged"]
    assert "Import these provisions" not in page
    assert _text(track.id)[2][3] == {"en": "Within [20] days."}


def test_a_new_provision_keeps_its_place_in_the_file(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    for number, title in (("1", "Scope"), ("3", "Final provisions")):
        provisions.create_provision(
            track, {"number": number, "title": title, "texts": {"en": "Text."}}, actor=lead
        )
    db.session.commit()
    client.login(lead)
    exported = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    document = docx.Document(io.BytesIO(exported))
    article_3 = next(p for p in document.paragraphs if p.text.startswith("Article 3"))
    article_3.insert_paragraph_before("Article 2 — Visa fees", style="Heading 2")
    article_3.insert_paragraph_before("Fees are waived.")
    out = io.BytesIO()
    document.save(out)
    page = _preview(client, track.id, out.getvalue())
    assert _outcomes(page) == ["unchanged", "added", "unchanged"]
    assert _confirm(client, track.id, page).status_code == 302
    assert [(row[1], row[2]) for row in _text(track.id)] == [
        ("1", "Scope"),
        ("2", "Visa fees"),
        ("3", "Final provisions"),
    ]


def _row(page: str, index: int) -> str:
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    return table.split("<tr>")[1:][index]


def test_the_preview_shows_a_changed_provisions_text_before_and_after(
    client: Any, imported: dict
) -> None:
    track = imported["track"]
    changed = [t.replace("[10]", "[15]") for t in TEXTS]
    page = _preview(client, imported["track"].id, _draft(texts=changed))
    row = _row(page, 2)
    assert "<del>10</del>" in row and "<ins>15</ins>" in row
    assert "<del>" not in _row(page, 1)
    assert _text(track.id)[2][3] == {"en": TEXTS[2]}


def test_the_preview_says_what_it_did_not_read_as_a_provision(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    data = _docx(
        ("Draft agreement on visas", "Title"),
        ("Article 1 Scope", "Heading 1"),
        ("This Agreement applies to visas.", None),
        ("Art. 8 Final", None),
        ("It enters into force.", None),
        ("Article 2 Duration", "Heading 1"),
        ("7 бап. Соңғы", None),
        ("Article 5 of the Convention applies to these visas.", None),
    )
    page = _preview(client, track.id, data)
    assert "The document’s title “Draft agreement on visas” is not part of the text" in page
    outcomes = _outcomes(page)
    assert len(outcomes) == 2
    for outcome, line in zip(outcomes, ("Art. 8 Final", "7 бап. Соңғы"), strict=True):
        assert "a line that looks like a heading was read as text" in outcome.lower()
        assert line in outcome
    assert not any("Article 5 of the Convention" in outcome for outcome in outcomes)
