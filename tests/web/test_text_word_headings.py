"""Word import's headings (issue 17 #6: "articles found from headings or 'Article N'
paragraphs", «Статья 5», «5-бап»): a heading's number and title are read apart, in the
three languages' usual forms, whether the heading is a Word heading or a plain paragraph
standing on its own line; a sentence that merely starts with "Article 5" stays text.
Real .docx files built with python-docx, imported through the preview and its
confirmation (found by a fresh check)."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from sqlalchemy import select

from tests.web.test_text_word import _confirm
from tests.web.test_text_word_import_checks import _import
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions

HEADINGS = [
    ("Article 1 Scope", "1", "Scope"),
    ("Статья 1. Сфера применения", "1", "Сфера применения"),
    ("Статья 1 Сфера применения", "1", "Сфера применения"),
    ("5-бап Қорытынды", "5", "Қорытынды"),
    ("5-бап. Қорытынды ережелер", "5", "Қорытынды ережелер"),
    ("Article 1 – Scope", "1", "Scope"),
    ("ARTICLE 1", "1", ""),
    ("ARTICLE 1 SCOPE", "1", "SCOPE"),
    ("Article 1bis", "1bis", ""),
    ("Article 1bis Scope", "1bis", "Scope"),
    ("Article 12.3 Final provisions", "12.3", "Final provisions"),
]


def _docx(*paragraphs: tuple[str, bool]) -> bytes:
    """A .docx of (text, as a Word heading?) paragraphs."""
    document = docx.Document()
    for text, heading in paragraphs:
        if heading:
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _imported(client: Any, track_id: int, data: bytes) -> list[Provision]:
    preview = _import(client, track_id, data)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    assert _confirm(client, track_id, page).status_code == 302
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Provision).where(Provision.track_id == track_id).order_by(Provision.position)
        )
    )


@pytest.mark.parametrize("styled", [True, False], ids=["word-heading", "plain-paragraph"])
@pytest.mark.parametrize(("heading", "number", "title"), HEADINGS)
def test_a_headings_number_and_title_are_read_apart(
    client: Any, make: Any, styled: bool, heading: str, number: str, title: str
) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    data = _docx((heading, styled), ("The text of the article.", False))
    [found] = _imported(client, track.id, data)
    assert (found.kind.value, found.number, found.title) == ("article", number, title)
    assert found.texts == {"en": "The text of the article."}


def test_plain_article_paragraphs_are_headings_and_sentences_are_text(
    client: Any, make: Any
) -> None:
    """The rule: a paragraph on its own line is a heading when it is a provision's word
    and number, then at most a short title (a separator or a capital first), with no full
    stop at its end; "Article 5 of the Convention applies ..." is a sentence."""
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    data = _docx(
        ("Article 1 Scope", False),
        ("Article 5 of the Convention applies to these visas.", False),
        ("Article 6. Fees are waived for children.", False),
        ("Статья 2 Сроки", False),
        ("Статья 5 Конвенции применяется к таким визам.", False),
        ("Решение принимается в течение [10] дней.", False),
        ("Article 3 Duration", False),
        ("article 7 applies", False),
        ("4-бап Қорытынды", False),
        ("5-бапта көрсетілген мерзім", False),
    )
    found = _imported(client, track.id, data)
    assert [(p.number, p.title) for p in found] == [
        ("1", "Scope"),
        ("2", "Сроки"),
        ("3", "Duration"),
        ("4", "Қорытынды"),
    ]
    assert found[0].texts["en"] == (
        "Article 5 of the Convention applies to these visas.\n"
        "Article 6. Fees are waived for children."
    )
    assert found[1].texts["en"] == (
        "Статья 5 Конвенции применяется к таким визам.\nРешение принимается в течение [10] дней."
    )
    assert found[2].texts["en"] == "article 7 applies"
    assert found[3].texts["en"] == "5-бапта көрсетілген мерзім"


def test_an_exported_file_with_plain_paragraph_headings_is_read_again(
    client: Any, make: Any
) -> None:
    """An exported joint text whose headings came out as plain paragraphs (their Word
    heading style lost, as a converter or another editor may leave them), and a new
    article typed in as a plain paragraph: each is still a provision on re-import; the
    exported provisions keep their identity and are unchanged."""
    lead = make.user()
    track = make.track(lead=lead)
    first = provisions.create_provision(
        track, {"number": "1", "title": "Scope", "texts": {"en": "Visas."}}, actor=lead
    )
    provisions.create_provision(
        track, {"number": "2", "title": "Duration", "texts": {"en": "Ten days."}}, actor=lead
    )
    db.session.commit()
    key, version = first.key, first.version
    client.login(lead)
    exported = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    document = docx.Document(io.BytesIO(exported))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [p.text for p in headings] == ["Article 1 — Scope", "Article 2 — Duration"]
    for paragraph in headings:  # the style lost, the bookmark kept
        paragraph.style = document.styles["Normal"]
    document.add_paragraph("Article 3 Fees")
    document.add_paragraph("Fees are waived.")
    out = io.BytesIO()
    document.save(out)

    found = _imported(client, track.id, out.getvalue())
    assert [(p.number, p.title, p.texts) for p in found] == [
        ("1", "Scope", {"en": "Visas."}),
        ("2", "Duration", {"en": "Ten days."}),
        ("3", "Fees", {"en": "Fees are waived."}),
    ]
    assert (found[0].key, found[0].version) == (key, version)
