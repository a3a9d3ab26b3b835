"""The negotiating text in the site search (issue 17 #4, found by a fresh check): a
provision is found by its heading (in English, Russian and Kazakh), its title and its text
in every language it holds, under the same visibility rule as its track: a restricted
track's text is never found, nor counted, by a reader who may not see the track; positions,
red lines and fallbacks are never indexed, not even for the team."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.models import Classification, MilestoneKind
from tracker.orm import db
from tracker.services.positions import save_position
from tracker.services.provisions import create_provision
from tracker.services.search import search


def _found(reader: Any, query: str) -> dict[str, list[int]]:
    return {g.kind: [r.id for r in g.records] for g in search(reader, query).groups}


@pytest.fixture
def texts(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    public = make.track(name="Visa facilitation", lead=lead)
    secret = make.track(name="Readmission", classification=Classification.RESTRICTED, lead=lead)
    round_1 = make.milestone(secret, kind=MilestoneKind.ROUND, number=1, title="Round 1")
    open_article = create_provision(
        public,
        {
            "number": "5",
            "title": "Processing time",
            "texts": {
                "en": "Visas are issued within [EU: 10] days.",
                "ru": "Визы выдаются в течение [ЕС: 10] дней.",
                "kk": "Визалар [ЕО: 10] күн ішінде беріледі.",
            },
        },
        actor=lead,
    )
    hidden_article = create_provision(
        secret,
        {"number": "7", "title": "Quindecim clause", "texts": {"en": "Quindecim readmission."}},
        actor=lead,
    )
    save_position(
        hidden_article,
        round_1,
        {"ours": "Vexillum position", "red_line": "Vexillum red line"},
        actor=lead,
        expected_version=0,
    )
    db.session.commit()
    return {"lead": lead, "open": open_article, "hidden": hidden_article}


def test_a_provision_is_found_by_heading_title_and_text_in_three_languages(
    client: Any, make: Any, texts: dict
) -> None:
    viewer = make.user(role="viewer")
    article = texts["open"]
    for query in ("processing", "issued within", "выдаются", "беріледі", "Статья 5", "5-бап"):
        assert _found(viewer, query).get("provision") == [article.id], query
    client.login(viewer)
    page = client.get("/search?q=processing").get_data(as_text=True)
    assert f'href="/tracks/{article.track_id}/text#p{article.id}"' in page


def test_a_restricted_tracks_text_is_found_only_by_who_may_see_the_track(
    make: Any, admin: Any, texts: dict
) -> None:
    outsider, viewer = make.user(), make.user(role="viewer")
    hidden = texts["hidden"]
    for reader in (outsider, viewer):
        assert _found(reader, "quindecim") == {}
        assert search(reader, "quindecim").found == 0
    assert _found(texts["lead"], "quindecim") == {"provision": [hidden.id]}
    assert _found(admin, "quindecim clause") == {"provision": [hidden.id]}
    # positions are never indexed, whoever searches
    assert _found(texts["lead"], "vexillum") == {}
