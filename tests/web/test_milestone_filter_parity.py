"""The milestones list means the same by each filter on the web (page and CSV) as on the
API (issue 13, item 3: one filter object, "filters mean the same on web and API"): a
parameter the API honours is not silently ignored by the web list."""

from __future__ import annotations

import csv
import io
from datetime import date

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services.api_tokens import create_token


def _web_ids(client, query: str) -> set[int]:
    response = client.get(f"/milestones/export.csv{query}")
    assert response.status_code == 200
    return {int(r["id"]) for r in csv.DictReader(io.StringIO(response.data.decode()[1:]))}


def _api_ids(client, token: str, query: str) -> set[int]:
    response = client.get(
        f"/api/v1/milestones{query}&per_page=100", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return {item["id"] for item in response.get_json()["items"]}


def test_the_web_milestones_list_honours_every_filter_the_api_does(client, make, officer) -> None:
    track = make.track(name="Visa facilitation")
    council = make.body("Cooperation Council")
    make.milestone(track, title="Round 1", planned_on=date(2026, 1, 20))
    make.milestone(track, title="Round 2", planned_on=date(2026, 3, 10))
    make.milestone(
        None,
        body_id=council.id,
        kind=MilestoneKind.MEETING,
        number=23,
        title="23rd Cooperation Council",
        planned_on=date(2026, 2, 16),
    )
    _, token = create_token(officer, "tests")
    db.session.commit()
    client.login(officer)
    for query in (
        f"?body={council.id}",
        "?from=2026-02-01",
        "?to=2026-02-28",
        "?from=2026-02-01&to=2026-02-28",
    ):
        api = _api_ids(client, token, query)
        assert api != _api_ids(client, token, "?"), f"{query} filters nothing on the API"
        assert _web_ids(client, query) == api, query
