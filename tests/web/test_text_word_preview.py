"""The Word import's preview (issue 17 #6, found by a fresh check): a new provision shows
the text found for it, each language read, its brackets highlighted as on the text's page
(it showed only a count and "added"); a provision matched by its number whose title
differs from the file's heading (in the title's language) is warned about on its row
(after renumbering, "Article 1 · Fees → Article 1 · Scope" replaced Fees' English text with
Scope's while Fees' Russian stayed). Real .docx files built with python-docx, through the
preview page."""

from __future__ import annotations

from typing import Any

import lxml.html

from tests.web.test_text_word_matching import _draft, _preview
from tracker.orm import db
from tracker.services import provisions


def _rows(page: str) -> list[Any]:
    """The preview's rows, as lxml elements."""
    return lxml.html.fromstring(page).xpath("//table//tbody/tr")


def _said(cell: Any) -> str:
    return " ".join(cell.text_content().split())


def test_a_new_provision_shows_the_text_found_with_its_brackets(client: Any, make: Any) -> None:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    track.counterparts = [
        make.party(name="European Union", short_name="EU"),
        make.party(name="Kazakhstan", short_name="KZ"),
    ]
    track.our_side = "KZ"
    db.session.commit()
    client.login(lead)
    page = _preview(
        client,
        track.id,
        _draft(["Article 1 Scope"], ["Visas are issued within [EU: 10] days [free of charge]."]),
    )
    [row] = _rows(page)
    cells = row.findall("td")
    assert "added" in _said(cells[2])
    shown = cells[3]
    assert _said(shown) == "EN Visas are issued within [EU: 10] days [free of charge].", _said(
        shown
    )
    marks = [(m.get("class"), _said(m)) for m in shown.xpath(".//mark")]
    assert marks == [
        ("bracket bracket-theirs", "[EU: 10]"),
        ("bracket", "[free of charge]"),
    ], marks


def _renumbered(make: Any) -> tuple[Any, Any, Any]:
    """A track whose Article 1 is "Fees" (English and Russian), Article 2 "Scope"."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    fees = provisions.create_provision(
        track,
        {
            "number": "1",
            "title": "Fees",
            "texts": {"en": "No fees are charged.", "ru": "Сборы не взимаются."},
        },
        actor=lead,
    )
    provisions.create_provision(
        track,
        {"number": "2", "title": "Scope", "texts": {"en": "This Agreement applies to visas."}},
        actor=lead,
    )
    db.session.commit()
    return lead, track, fees


def test_a_provision_matched_by_number_under_another_title_is_warned_about(
    client: Any, make: Any
) -> None:
    lead, track, fees = _renumbered(make)
    client.login(lead)
    page = _preview(
        client,
        track.id,
        _draft(
            ["Article 1 Scope", "Article 2 Fees"],
            ["This Agreement applies to visas.", "No fees are charged."],
        ),
    )
    first, second = (_said(row.findall("td")[2]) for row in _rows(page))
    # not refused: the officer may be renaming
    assert first.startswith("changed"), first
    assert "Matched by its number only: in the text it is “Fees”, not “Scope”" in first, first
    assert "Matched by its number only: in the text it is “Scope”, not “Fees”" in second, second
    assert "Import these provisions" in page


def test_a_translation_or_the_same_title_is_not_warned_about(client: Any, make: Any) -> None:
    lead, track, fees = _renumbered(make)
    client.login(lead)
    same = _preview(
        client,
        track.id,
        _draft(["Article 1 Fees"], ["No fees are charged for visas."]),
    )
    russian = _preview(
        client,
        track.id,
        _draft(["Статья 2. Сфера"], ["Соглашение применяется к визам."]),
        "ru",
    )
    for page in (same, russian):
        assert "Matched by its number only" not in _said(_rows(page)[0].findall("td")[2])
