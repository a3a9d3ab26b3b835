"""Issue 15 #7 (new-officer check): the milestones list filters the cancelled milestones
(web page, CSV and API alike, as the action items list does), and an unknown progress
value is said, not silently ignored."""

from __future__ import annotations

import html
from datetime import date

from tests.api.conftest import bearer


def _milestones(make):  # noqa: ANN001, ANN202
    track = make.track(name="Readmission")
    make.milestone(track, title="Round 3", planned_on=date(2026, 1, 15))
    make.milestone(
        track,
        title="Round 4",
        planned_on=date(2026, 2, 15),
        cancelled_on=date(2026, 1, 10),
        cancel_reason="The partners postponed the talks",
    )


def test_the_cancelled_filter_on_the_page_the_csv_and_the_api(client, officer, make) -> None:
    _milestones(make)
    client.login(officer)
    page = html.unescape(client.get("/milestones/?state=cancelled").text)
    assert '<option value="cancelled" selected>Cancelled</option>' in page
    assert "Round 4" in page and "Round 3" not in page
    csv_text = client.get("/milestones/export.csv?state=cancelled").text
    assert "Round 4" in csv_text and "Round 3" not in csv_text
    api = client.get("/api/v1/milestones?state=cancelled", headers=bearer(officer)).json
    assert [m["title"] for m in api["items"]] == ["Round 4"]
    # open ones only: the cancelled one is not open
    page = html.unescape(client.get("/milestones/?state=open").text)
    assert "Round 3" in page and "Round 4" not in page


def test_an_unknown_state_is_said_not_silently_dropped(client, officer, make) -> None:
    _milestones(make)
    client.login(officer)
    said = "The progress “canceled” is not one of the list's: every milestone is shown."
    page = html.unescape(client.get("/milestones/?state=canceled").text)
    assert said in page
    assert "Round 3" in page and "Round 4" in page
    refused = client.get("/milestones/export.csv?state=canceled")
    assert refused.status_code == 400
    assert said in refused.text
    api = client.get("/api/v1/milestones?state=canceled", headers=bearer(officer))
    assert api.status_code == 400 and api.json["errors"][0]["name"] == "state"
