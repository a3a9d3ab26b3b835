"""The negotiating text on the JSON API (issue 17), over real HTTP: the text now and after a
round, a provision changed with If-Match (stale and missing refused), the comparison."""

from __future__ import annotations

from datetime import date
from typing import Any

import requests

from tests.api.conftest import bearer
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import positions, provisions
from tracker.services.milestones import complete_milestone


def _text(make: Any, officer: Any) -> dict[str, Any]:
    track = make.track(lead=officer, name="Visa facilitation")
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    article = provisions.create_provision(
        track, {"number": "5", "texts": {"en": "Visas within [EU: 10] days."}}, actor=officer
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=officer, expected_version=1
    )
    positions.save_position(
        article, round_1, {"fallback": "POSITION-SECRET"}, actor=officer, expected_version=0
    )
    db.session.commit()
    return {"track": track.id, "round": round_1.id, "article": article.id}


def test_read_change_with_if_match_and_compare(live_server: str, make: Any, officer: Any) -> None:
    ids = _text(make, officer)
    headers = bearer(officer)
    base = f"{live_server}/api/v1/tracks/{ids['track']}/text"
    now = requests.get(base, headers=headers, timeout=5)
    assert now.status_code == 200
    [article] = now.json()["provisions"]
    assert article["bracket_count"] == 1 and article["status"] == "open"
    assert "POSITION-SECRET" not in now.text
    one = requests.get(f"{base}/{ids['article']}", headers=headers, timeout=5)
    etag = one.headers["ETag"]
    url = f"{base}/{ids['article']}"
    assert requests.patch(url, json={"number": "6"}, headers=headers, timeout=5).status_code == 428
    refused = requests.patch(
        url, json={"status": "agreed"}, headers={**headers, "If-Match": etag}, timeout=5
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["name"] == "status"
    changed = requests.patch(
        url,
        json={"texts": {"en": "Visas within 12 days."}, "status": "agreed_ad_referendum"},
        headers={**headers, "If-Match": etag},
        timeout=5,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["status"] == "agreed_ad_referendum"
    stale = requests.patch(
        url, json={"number": "7"}, headers={**headers, "If-Match": etag}, timeout=5
    )
    assert stale.status_code == 412
    at_round = requests.get(base, params={"round": ids["round"]}, headers=headers, timeout=5)
    assert at_round.json()["provisions"][0]["texts"]["en"] == "Visas within [EU: 10] days."
    compared = requests.get(
        f"{base}/compare", params={"from": ids["round"]}, headers=headers, timeout=5
    ).json()
    [row] = compared["provisions"]
    assert row["text_changed"] and row["status_changed"] and row["brackets_changed"]
    assert {"change": "inserted", "text": "12"} in row["redline"]["en"]
    assert requests.get(f"{base}?round=999999", headers=headers, timeout=5).status_code == 404


def test_a_viewer_cannot_change_a_provision(live_server: str, make: Any, officer: Any) -> None:
    ids = _text(make, officer)
    viewer = make.user(role="viewer")
    base = f"{live_server}/api/v1/tracks/{ids['track']}/text"
    one = requests.get(f"{base}/{ids['article']}", headers=bearer(viewer), timeout=5)
    refused = requests.patch(
        f"{base}/{ids['article']}",
        json={"number": "9"},
        headers={**bearer(viewer), "If-Match": one.headers["ETag"]},
        timeout=5,
    )
    assert refused.status_code == 403


def test_two_clients_a_stale_etag_gets_412_with_the_current_state(
    live_server: str, make: Any, officer: Any
) -> None:
    """Two officers of the team read Article 5; the first changes its text; the second's
    change of its title with the ETag read before is refused (412) with the provision as it
    now stands and its ETag, so the second can retry on top of it: nothing is lost."""
    ids = _text(make, officer)
    colleague = make.user(name="Colleague")
    first, second = bearer(officer), bearer(colleague)
    url = f"{live_server}/api/v1/tracks/{ids['track']}/text/{ids['article']}"
    read_by_first = requests.get(url, headers=first, timeout=5).headers["ETag"]
    read_by_second = requests.get(url, headers=second, timeout=5).headers["ETag"]
    assert read_by_first == read_by_second
    changed = requests.patch(
        url,
        json={"texts": {"en": "Visas within [EU: 12] days."}},
        headers={**first, "If-Match": read_by_first},
        timeout=5,
    )
    assert changed.status_code == 200
    stale = requests.patch(
        url, json={"title": "Processing"}, headers={**second, "If-Match": read_by_second}, timeout=5
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale_etag"
    assert stale.json()["current"]["texts"] == {"en": "Visas within [EU: 12] days."}
    assert stale.json()["current"]["title"] == ""
    assert stale.headers["ETag"] == changed.headers["ETag"]
    retried = requests.patch(
        url,
        json={"title": "Processing"},
        headers={**second, "If-Match": stale.headers["ETag"]},
        timeout=5,
    )
    assert retried.status_code == 200
    assert retried.json()["texts"] == {"en": "Visas within [EU: 12] days."}
    assert retried.json()["title"] == "Processing"
