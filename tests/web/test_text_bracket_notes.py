"""A drafter's note and an unknown name on save, on the text's page and in a Word import's
preview (issue 17 #2, found by a fresh check): "[NB: check]" and "[TBD: figure]" are
plain brackets with no warning; "[Foo: baz]" is plain and warned about ("Not a Party on
this track: Foo"), as "[US: ...]" is."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest

from tests.web.test_text_bracket_attribution import _marks
from tests.web.test_text_word_languages import _post_in
from tracker.orm import db

TEXT = "Visas [NB: check] [TBD: figure] [Foo: baz] [Note: n] [EU: ok]."
WARNING = "Not a Party on this track: Foo."


@pytest.fixture
def track(app: Any, make: Any, monkeypatch: Any) -> Any:
    monkeypatch.setitem(app.config, "OUR_SIDE", "KZ")
    lead = make.user(name="Lead")
    found = make.track(lead=lead, name="Visa facilitation")
    found.counterparts = [make.party(name="European Union", short_name="EU")]
    db.session.commit()
    return found


def test_a_note_is_plain_and_an_unknown_name_is_warned_of_on_save_and_on_the_page(
    client: Any, track: Any
) -> None:
    client.login(track.lead_officer)
    page = client.submit(
        f"/tracks/{track.id}/text/new",
        {"kind": "article", "number": "5", "text_en": TEXT, "status": "open"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert page.count(WARNING) == 2, page  # the notice after saving, and the page's own
    assert _marks(page) == [
        ("bracket", "[NB: check]"),
        ("bracket", "[TBD: figure]"),
        ("bracket bracket-stranger", "[Foo: baz]"),
        ("bracket", "[Note: n]"),
        ("bracket bracket-theirs", "[EU: ok]"),
    ]
    again = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert again.count(WARNING) == 1


def test_the_import_preview_warns_of_an_unknown_name_not_of_a_note(client: Any, track: Any) -> None:
    document = docx.Document()
    document.add_paragraph("Article 1 — Visas")
    document.add_paragraph(TEXT)
    out = io.BytesIO()
    document.save(out)
    client.login(track.lead_officer)
    preview = _post_in(client, track.id, out.getvalue(), "en")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    assert WARNING in page
    assert ("bracket", "[NB: check]") in _marks(page)
    assert ("bracket bracket-stranger", "[Foo: baz]") in _marks(page)
