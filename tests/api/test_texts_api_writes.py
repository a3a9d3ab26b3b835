"""The negotiating text's writes on the JSON API (issue 17 #7), over real HTTP: a provision
added with the web form's schema and refusals (brackets checked, "agreed" refused with
brackets), and the text reordered and renumbered with If-Match on the text's ETag, every
change audited, keys (and so identity) kept; a viewer refused; no position anywhere."""

from __future__ import annotations

from typing import Any

import requests
from sqlalchemy import select

from tests.api.conftest import bearer
from tracker.models import AuditEvent, Provision
from tracker.orm import db
from tracker.services import provisions


def _track(make: Any, officer: Any) -> tuple[int, list[int]]:
    track = make.track(lead=officer, name="Visa facilitation")
    ids = [
        provisions.create_provision(
            track, {"number": n, "texts": {"en": f"Text {n}."}}, actor=officer
        ).id
        for n in ("1", "2", "3")
    ]
    db.session.commit()
    return track.id, ids


def test_create_a_provision_with_the_forms_refusals(
    live_server: str, make: Any, officer: Any
) -> None:
    track, _ = _track(make, officer)
    headers = bearer(officer)
    base = f"{live_server}/api/v1/tracks/{track}/text"
    nested = requests.post(
        base, json={"number": "4", "texts": {"en": "[EU: a [b] c]"}}, headers=headers, timeout=5
    )
    assert nested.status_code == 422
    assert nested.json()["errors"][0]["name"] == "texts.en"  # the body's field
    assert "nested" in nested.json()["errors"][0]["message"]
    agreed = requests.post(
        base,
        json={"number": "4", "texts": {"en": "[EU: 10] days"}, "status": "agreed"},
        headers=headers,
        timeout=5,
    )
    assert agreed.status_code == 422 and agreed.json()["errors"][0]["name"] == "status"
    unknown = requests.post(base, json={"colour": "red"}, headers=headers, timeout=5)
    assert unknown.status_code == 422
    created = requests.post(
        base,
        json={"kind": "annex", "number": "I", "texts": {"en": "List [KZ: of documents]."}},
        headers=headers,
        timeout=5,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["kind"] == "annex" and body["bracket_count"] == 1 and body["position"] == 4
    assert created.headers["ETag"] == f'"provision-{body["provision_id"]}-v1"'
    location = created.headers["Location"]
    assert requests.get(live_server + location, headers=headers, timeout=5).status_code == 200
    audited = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "provision.created", AuditEvent.object_id == body["provision_id"]
        )
    )
    assert audited is not None and audited.actor_id == officer.id


def test_reorder_and_renumber_with_if_match(live_server: str, make: Any, officer: Any) -> None:
    track, (one, two, three) = _track(make, officer)
    keys = {p.id: p.key for p in db.session.scalars(select(Provision))}
    headers = bearer(officer)
    base = f"{live_server}/api/v1/tracks/{track}/text"
    etag = requests.get(base, headers=headers, timeout=5).headers["ETag"]
    order = {
        "provisions": [
            {"provision_id": three, "number": "1"},
            {"provision_id": one, "number": "2"},
            {"provision_id": two, "number": "3"},
        ]
    }
    assert requests.put(f"{base}/order", json=order, headers=headers, timeout=5).status_code == 428
    missing = requests.put(
        f"{base}/order",
        json={"provisions": order["provisions"][:2]},
        headers={**headers, "If-Match": etag},
        timeout=5,
    )
    assert missing.status_code == 422
    assert "Article 2 is missing" in missing.json()["errors"][0]["message"]
    twice = {"provisions": [*order["provisions"], {"provision_id": one}]}
    refused = requests.put(
        f"{base}/order", json=twice, headers={**headers, "If-Match": etag}, timeout=5
    )
    assert refused.status_code == 422
    done = requests.put(
        f"{base}/order", json=order, headers={**headers, "If-Match": etag}, timeout=5
    )
    assert done.status_code == 200, done.text
    got = [(p["provision_id"], p["number"], p["key"]) for p in done.json()["provisions"]]
    assert got == [(three, "1", keys[three]), (one, "2", keys[one]), (two, "3", keys[two])]
    assert done.headers["ETag"] != etag
    stale = requests.put(
        f"{base}/order", json=order, headers={**headers, "If-Match": etag}, timeout=5
    )
    assert stale.status_code == 412
    moves = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "provision.updated", AuditEvent.object_id == three
        )
    ).all()
    # the heading it had when moved is kept with the move (issue 17, h17d #1)
    assert moves and moves[-1].after == {
        "position": 1,
        "number": "1",
        "heading": {"kind": "article", "number": "3", "title": ""},
    }


def test_a_viewer_can_neither_create_nor_reorder(live_server: str, make: Any, officer: Any) -> None:
    track, ids = _track(make, officer)
    viewer = make.user(role="viewer")
    headers = bearer(viewer)
    base = f"{live_server}/api/v1/tracks/{track}/text"
    assert requests.post(base, json={"number": "9"}, headers=headers, timeout=5).status_code == 403
    etag = requests.get(base, headers=headers, timeout=5).headers["ETag"]
    order = {"provisions": [{"provision_id": i} for i in reversed(ids)]}
    refused = requests.put(
        f"{base}/order", json=order, headers={**headers, "If-Match": etag}, timeout=5
    )
    assert refused.status_code == 403
