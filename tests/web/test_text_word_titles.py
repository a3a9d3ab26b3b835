"""A provision's title changed by a Word file without the tracker's bookmarks (issue 17 #6,
found by a fresh check): the other side's revised draft in the language of the headings
(the provision's first language) renames "Article 2 Duration" to "Article 2 Term of
validity" although the provision holds a Russian text too, and the import takes the new
title instead of dropping it; a draft in another language (a translation, whose headings
translate the title) keeps it, and the preview says so. Real .docx files built with
python-docx, through the preview and its confirmation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.test_text_word_matching import _confirm, _draft, _outcomes, _preview, _text
from tracker.orm import db
from tracker.services import provisions

HEADINGS = ["Article 1 Scope", "Article 2 Duration"]
TEXTS = ["This Agreement applies to visas.", "Visas are issued within [10] days."]
RUSSIAN = ["Соглашение применяется к визам.", "Визы выдаются в течение [10] дней."]


@pytest.fixture
def track(client: Any, make: Any) -> Any:
    """Two articles in English and Russian, the lead logged in."""
    lead = make.user(name="Lead")
    track = make.track(lead=lead)
    for number, title, en, ru in zip(
        ("1", "2"), ("Scope", "Duration"), TEXTS, RUSSIAN, strict=True
    ):
        provisions.create_provision(
            track, {"number": number, "title": title, "texts": {"en": en, "ru": ru}}, actor=lead
        )
    db.session.commit()
    client.login(lead)
    return track


def test_a_new_title_in_the_headings_language_is_taken(client: Any, track: Any) -> None:
    page = _preview(
        client, track.id, _draft(["Article 1 Scope", "Article 2 Term of validity"], TEXTS)
    )
    # taken, with a warning (matched by number only: renaming, or another provision?)
    unchanged, changed = _outcomes(page)
    assert unchanged == "unchanged"
    assert changed.startswith(
        "changed Matched by its number only: in the text it is “Duration”, not “Term of validity”"
    ), changed
    assert _confirm(client, track.id, page).status_code == 302
    assert [row[2] for row in _text(track.id)] == ["Scope", "Term of validity"]
    assert _text(track.id)[1][3] == {"en": TEXTS[1], "ru": RUSSIAN[1]}


def test_a_translated_title_is_not_taken_and_the_preview_says_so(client: Any, track: Any) -> None:
    russian = ["Статья 1. Сфера применения", "Статья 2. Срок действия"]
    texts = [RUSSIAN[0], "Визы выдаются в течение [15] дней."]
    page = _preview(client, track.id, _draft(russian, texts), "ru")
    assert _outcomes(page) == ["unchanged", "changed"]
    assert "The title “Срок действия” is not taken" in page
    assert _confirm(client, track.id, page).status_code == 302
    assert [row[2] for row in _text(track.id)] == ["Scope", "Duration"]
    assert _text(track.id)[1][3] == {"en": TEXTS[1], "ru": texts[1]}
