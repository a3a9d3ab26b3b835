"""Brackets attributed however the officer names the side, on the text's page and on
save (issue 17 #2, found by a fresh check): "[ЕС: ...]", "[eu: ...]" are the other side's,
"[РК: ...]", "[Kazakhstan: ...]" ours; "[US: ...]" names no Party of the track and is
warned about on save and on the page, never refused; "[ EU : ...]" is shown as typed."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tracker.models import Provision
from tracker.orm import db

TEXT = "Visas [ЕС: a] [РК: b] [eu: c] [Kazakhstan: d] [US: e] [ EU : f] within [] days."


@pytest.fixture
def track(app: Any, make: Any, monkeypatch: Any) -> Any:
    monkeypatch.setitem(app.config, "OUR_SIDE", "KZ")
    lead = make.user(name="Lead")
    found = make.track(lead=lead, name="Visa facilitation")
    found.counterparts = [make.party(name="European Union", short_name="EU")]
    make.party(name="Japan", short_name="JP")
    db.session.commit()
    return found


def _marks(page: str) -> list[tuple[str, str]]:
    """Each bracket's class and its text as the reader sees it (tags dropped)."""
    return [
        (cls, re.sub(r"<[^>]+>", "", inner))
        for cls, inner in re.findall(r'<mark class="(bracket[^"]*)"[^>]*>(.*?)</mark>', page)
    ]


def test_a_bracket_names_a_side_in_any_language_and_a_stranger_is_warned_of(
    client: Any, track: Any
) -> None:
    client.login(track.lead_officer)
    response = client.submit(
        f"/tracks/{track.id}/text/new",
        {"kind": "article", "number": "5", "text_en": TEXT, "status": "open"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert db.session.query(Provision).one().texts["en"] == TEXT  # saved as typed
    warning = "Not a Party on this track: US"
    assert warning in page  # on save, and on the page itself
    assert _marks(page) == [
        ("bracket bracket-theirs", "[ЕС: a]"),
        ("bracket bracket-ours", "[РК: b]"),
        ("bracket bracket-theirs", "[eu: c]"),
        ("bracket bracket-ours", "[Kazakhstan: d]"),
        ("bracket bracket-stranger", "[US: e]"),
        ("bracket bracket-theirs", "[ EU : f]"),
        ("bracket", "[]"),
    ]
    again = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert warning in again
    # A Party of the register that is not on the track is a stranger too.
    [provision] = db.session.query(Provision).all()
    edit = client.submit(
        f"/tracks/{track.id}/text/{provision.id}/edit",
        {
            "kind": "article",
            "number": "5",
            "text_en": "Visas [JP: free].",
            "status": "open",
            "version": provision.version,
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Not a Party on this track: JP" in edit


def test_an_unknown_short_name_or_a_misspelt_side_is_warned_of_on_save_and_on_the_page(
    client: Any, track: Any
) -> None:
    client.login(track.lead_officer)
    text = "Visas [FR: foo] [Evropean Union: bar] [USD: 100] [Note: n] [EU: ok]."
    page = client.submit(
        f"/tracks/{track.id}/text/new",
        {"kind": "article", "number": "6", "text_en": text, "status": "open"},
        follow_redirects=True,
    ).get_data(as_text=True)
    warning = "Not a Party on this track: FR, Evropean Union"
    assert warning in page
    assert warning in client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    assert db.session.query(Provision).one().texts["en"] == text  # saved as typed
    assert _marks(page) == [
        ("bracket bracket-stranger", "[FR: foo]"),
        ("bracket bracket-stranger", "[Evropean Union: bar]"),
        ("bracket", "[USD: 100]"),
        ("bracket", "[Note: n]"),
        ("bracket bracket-theirs", "[EU: ok]"),
    ]
