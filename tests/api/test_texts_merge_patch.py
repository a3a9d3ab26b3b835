"""PATCH of a provision's texts on the JSON API merges (issue 17, faults from the re-check,
part 2; RFC 7396 JSON Merge Patch): a language given replaces that language, a language
given as null removes it, languages not given are kept; an empty `texts` changes nothing;
a change that would leave no text at all, or names an unknown language, is refused."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.api.conftest import bearer
from tracker.orm import db
from tracker.services import provisions


@pytest.fixture
def article(live_server: str, make: Any, officer: Any) -> dict[str, Any]:
    track = make.track(lead=officer, name="Visa facilitation")
    article = provisions.create_provision(
        track,
        {"number": "5", "texts": {"en": "Visas within ten days.", "ru": "Визы в течение дней."}},
        actor=officer,
    )
    db.session.commit()
    url = f"{live_server}/api/v1/tracks/{track.id}/text/{article.id}"
    return {"url": url, "headers": bearer(officer)}


def _patch(article: dict[str, Any], body: dict[str, Any]) -> requests.Response:
    etag = requests.get(article["url"], headers=article["headers"], timeout=5).headers["ETag"]
    return requests.patch(
        article["url"], json=body, headers={**article["headers"], "If-Match": etag}, timeout=5
    )


def test_a_language_given_replaces_that_language_only(article: dict) -> None:
    changed = _patch(article, {"texts": {"ru": "Визы в течение десяти дней."}})
    assert changed.status_code == 200, changed.text
    assert changed.json()["texts"] == {
        "en": "Visas within ten days.",
        "ru": "Визы в течение десяти дней.",
    }


def test_null_removes_a_language(article: dict) -> None:
    changed = _patch(article, {"texts": {"ru": None}})
    assert changed.status_code == 200, changed.text
    assert changed.json()["texts"] == {"en": "Visas within ten days."}


def test_empty_texts_change_nothing_and_no_text_at_all_is_refused(article: dict) -> None:
    same = _patch(article, {"texts": {}})
    assert same.status_code == 200, same.text
    assert set(same.json()["texts"]) == {"en", "ru"}
    refused = _patch(article, {"texts": {"en": None, "ru": None}})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["name"] == "texts"
    kept = requests.get(article["url"], headers=article["headers"], timeout=5).json()
    assert set(kept["texts"]) == {"en", "ru"}


def test_an_unknown_language_is_refused_naming_the_accepted(article: dict) -> None:
    refused = _patch(article, {"texts": {"de": "Visa innerhalb von zehn Tagen."}})
    assert refused.status_code == 422
    [error] = [e for e in refused.json()["errors"] if e["name"].startswith("texts")]
    assert "en" in error["message"] and "ru" in error["message"] and "kk" in error["message"]
    assert "de" in error["message"]


def test_a_bracket_error_names_the_bodys_field(article: dict) -> None:
    """fc17c #4: nested brackets in the Russian text were refused on `text_ru`, the web
    form's field, which the body has not got; the body's field is `texts.ru`."""
    refused = _patch(article, {"texts": {"ru": "Визы [в течение [десяти] дней]."}})
    assert refused.status_code == 422, refused.text
    assert [e["name"] for e in refused.json()["errors"]] == ["texts.ru"]
