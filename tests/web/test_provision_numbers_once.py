"""Issue 17 (found by a fresh check): two articles (or annexes) of one text cannot bear the
same number, by any door: the order page and the API's reordering set every number to 7
and were accepted ("Article 7" five times), and a new provision could repeat a number.
Follow notices, cross-references and the Word import all name a provision by its number.
Paragraphs are numbered within their article, so only articles and annexes are checked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import bearer
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions
from tracker.services.errors import ServiceError


def _text(make: Any, officer: Any) -> tuple[Any, list[int]]:
    track = make.track(lead=officer, name="Visa facilitation")
    ids = [
        provisions.create_provision(
            track, {"number": n, "texts": {"en": f"Text {n}."}}, actor=officer
        ).id
        for n in ("1", "2", "3")
    ]
    db.session.commit()
    return track, ids


def test_the_api_refuses_a_reordering_that_numbers_two_articles_alike(
    client: Any, make: Any, officer: Any
) -> None:
    track, ids = _text(make, officer)
    headers = bearer(officer)
    base = f"/api/v1/tracks/{track.id}/text"
    etag = client.get(base, headers=headers).headers["ETag"]
    answer = client.put(
        f"{base}/order",
        json={"provisions": [{"provision_id": i, "number": "7"} for i in ids]},
        headers={**headers, "If-Match": etag},
    )
    assert answer.status_code == 422, answer.status_code
    assert "numbered 7" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert sorted(db.session.get(Provision, i).number for i in ids) == ["1", "2", "3"]


def test_a_new_or_renumbered_article_cannot_take_a_number_in_use(make: Any, officer: Any) -> None:
    track, ids = _text(make, officer)
    with pytest.raises(ServiceError, match="numbered 2"):
        provisions.create_provision(
            track, {"number": "2", "texts": {"en": "Again."}}, actor=officer
        )
    db.session.rollback()
    first = db.session.get(Provision, ids[0])
    with pytest.raises(ServiceError, match="numbered 3"):
        provisions.update_provision(
            first, {"number": "3"}, actor=officer, expected_version=first.version
        )
    db.session.rollback()
    # a paragraph may repeat an article's number, and paragraphs their own (per article)
    provisions.create_provision(
        track, {"kind": "paragraph", "number": "1", "texts": {"en": "P."}}, actor=officer
    )
    provisions.create_provision(
        track, {"kind": "paragraph", "number": "1", "texts": {"en": "P."}}, actor=officer
    )
