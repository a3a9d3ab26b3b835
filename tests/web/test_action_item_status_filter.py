"""Issue 15 (check of the built issue), item 5: the action items list filters the cancelled
ones (web page, CSV and API alike), and an unknown status is not silently ignored."""

from __future__ import annotations

import html
from datetime import date

from tests.api.conftest import bearer
from tracker.models import ActionItem, MilestoneKind
from tracker.orm import db


def _items(make, officer):  # noqa: ANN001, ANN202
    body = make.body(name="Cooperation Council")
    meeting = make.milestone(body_id=body.id, kind=MilestoneKind.MEETING, title="22nd Council")
    kept = ActionItem(
        meeting_id=meeting.id, title="Book the interpreters", due_on=date(2026, 1, 15)
    )
    cancelled = ActionItem(
        meeting_id=meeting.id,
        title="Send the draft annex",
        due_on=date(2026, 1, 16),
        cancelled_on=date(2026, 1, 10),
        cancel_reason="Overtaken by events",
    )
    db.session.add_all([kept, cancelled])
    db.session.commit()


def test_the_cancelled_filter_on_the_page_the_csv_and_the_api(client, officer, make) -> None:
    _items(make, officer)
    client.login(officer)
    page = html.unescape(client.get("/action-items/?status=cancelled").text)
    assert "Send the draft annex" in page and "Book the interpreters" not in page
    assert '<option value="cancelled" selected>' in page
    csv_text = client.get("/action-items/export.csv?status=cancelled").text
    assert "Send the draft annex" in csv_text and "Book the interpreters" not in csv_text
    api = client.get("/api/v1/action-items?status=cancelled", headers=bearer(officer)).json
    assert [i["title"] for i in api["items"]] == ["Send the draft annex"]
    # open ones only: the cancelled one is not open
    page = html.unescape(client.get("/action-items/?status=open").text)
    assert "Book the interpreters" in page and "Send the draft annex" not in page


def test_an_unknown_status_is_said_not_silently_dropped(client, officer, make) -> None:
    _items(make, officer)
    client.login(officer)
    page = html.unescape(client.get("/action-items/?status=canceled").text)
    assert "The status “canceled” is not one of the list's: every status is shown." in page
    refused = client.get("/action-items/export.csv?status=canceled")
    assert refused.status_code == 400
    assert "The status “canceled” is not one of the list's" in refused.text
    api = client.get("/api/v1/action-items?status=canceled", headers=bearer(officer))
    assert api.status_code == 400 and api.json["errors"][0]["name"] == "status"
