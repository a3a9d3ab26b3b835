"""Issue #15, item 7: a client of the JSON API or of the CSV files sees a cancelled
milestone as cancelled (cancelled_on, cancel_reason), never as open; neither an API body
nor an imported file can cancel or restore one: the API refuses the field, the import
refuses a cell that differs from the stored one, with a clear message, and an unchanged
round trip goes through."""

from __future__ import annotations

import csv
import html
import io
from datetime import date

import requests
import time_machine

from tests.api.conftest import bearer
from tests.web.test_spreadsheets import confirm_token, preview
from tracker.models import Milestone
from tracker.orm import db
from tracker.services.cancellations import cancel_milestone

REASON = "The partners postponed the talks"


def _cancel(milestone_id: int, officer) -> None:  # noqa: ANN001
    milestone = db.session.get(Milestone, milestone_id)
    with time_machine.travel("2026-01-20 09:00:00+00:00", tick=False):
        cancel_milestone(
            milestone, reason=REASON, actor=officer, expected_version=milestone.version
        )
    db.session.commit()


def test_the_api_says_a_milestone_is_cancelled_and_refuses_to_cancel_one(
    live_server, world, officer
) -> None:
    _cancel(world["milestone"], officer)
    headers = bearer(officer)
    url = f"{live_server}/api/v1/milestones/{world['milestone']}"
    one = requests.get(url, headers=headers, timeout=5)
    assert one.ok
    assert (one.json()["cancelled_on"], one.json()["cancel_reason"]) == ("2026-01-20", REASON)
    listed = requests.get(f"{live_server}/api/v1/milestones", headers=headers, timeout=5)
    by_id = {m["id"]: m for m in listed.json()["items"]}
    assert by_id[world["milestone"]]["cancelled_on"] == "2026-01-20"
    assert all(
        m["cancelled_on"] is None and m["cancel_reason"] == ""
        for i, m in by_id.items()
        if i != world["milestone"]
    )
    # the open filter leaves it out
    open_ones = requests.get(
        f"{live_server}/api/v1/milestones", params={"state": "open"}, headers=headers, timeout=5
    ).json()["items"]
    assert world["milestone"] not in [m["id"] for m in open_ones]

    for body in ({"cancelled_on": None}, {"cancel_reason": ""}):
        refused = requests.patch(
            url, json=body, headers={**headers, "If-Match": one.headers["ETag"]}, timeout=5
        )
        assert refused.status_code == 422, body
        assert next(iter(body)) in refused.text
    db.session.expire_all()
    assert db.session.get(Milestone, world["milestone"]).cancelled_on == date(2026, 1, 20)


def _export(client) -> list[dict[str, str]]:  # noqa: ANN001
    text = client.get("/milestones/export.csv").data.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text[1:])))


def _file(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_the_csv_carries_the_cancellation_and_an_import_never_changes_it(
    client, world, officer
) -> None:
    _cancel(world["milestone"], officer)
    client.login(officer)
    rows = _export(client)
    mine = next(r for r in rows if r["id"] == str(world["milestone"]))
    assert (mine["cancelled_on"], mine["cancel_reason"]) == ("2026-01-20", REASON)

    # the same file back, its location edited: the cancellation stays, nothing refused
    mine["location"] = "Astana"
    response = preview(client, "milestones", _file([mine]))
    assert response.status_code == 200
    confirmed = client.submit("/import/milestones/confirm", {"content": confirm_token(response)})
    assert confirmed.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Milestone, world["milestone"])
    assert stored.location == "Astana" and stored.cancelled_on == date(2026, 1, 20)

    # un-cancelling (or cancelling) through a file is refused, and says where to do it
    for cells in ({"cancelled_on": "", "cancel_reason": ""}, {"cancel_reason": "Other"}):
        response = preview(client, "milestones", _file([{**mine, **cells}]))
        page = html.unescape(response.get_data(as_text=True))
        assert "A milestone is cancelled or restored on its page" in page, cells
        assert "/import/milestones/confirm" not in page
    new = {**mine, "id": "", "title": "Round 9", "planned_on": "2026-05-05", "number": ""}
    response = preview(client, "milestones", _file([new]))
    assert "A milestone is cancelled or restored on its page" in html.unescape(
        response.get_data(as_text=True)
    )
    db.session.expire_all()
    assert db.session.get(Milestone, world["milestone"]).cancel_reason == REASON
