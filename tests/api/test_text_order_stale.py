"""A reordering sent with a stale If-Match (issue 17, found by a fresh check): the 412
gives the text as it now stands (its order, numbers and keys) and its ETag, as the
provision update's 412 does, so the client can redo its order on top of it and retry."""

from __future__ import annotations

from typing import Any

import requests
from sqlalchemy import select

from tests.api.conftest import bearer
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions


def test_a_stale_reordering_gets_the_text_as_it_stands_and_its_etag(
    live_server: str, make: Any, officer: Any
) -> None:
    track = make.track(lead=officer, name="Visa facilitation")
    one, two = (
        provisions.create_provision(
            track, {"number": n, "texts": {"en": f"Text {n}."}}, actor=officer
        ).id
        for n in ("1", "2")
    )
    db.session.commit()
    headers = bearer(officer)
    base = f"{live_server}/api/v1/tracks/{track.id}/text"
    read = requests.get(base, headers=headers, timeout=5).headers["ETag"]
    # another officer moves the second provision first meanwhile
    moved = requests.put(
        f"{base}/order",
        json={
            "provisions": [
                {"provision_id": two, "number": "1"},
                {"provision_id": one, "number": "2"},
            ]
        },
        headers={**headers, "If-Match": read},
        timeout=5,
    )
    assert moved.status_code == 200
    stale = requests.put(
        f"{base}/order",
        json={"provisions": [{"provision_id": one}, {"provision_id": two}]},
        headers={**headers, "If-Match": read},
        timeout=5,
    )
    assert stale.status_code == 412
    problem = stale.json()
    assert problem["code"] == "stale_etag"
    current = problem["current"]
    assert [(p["provision_id"], p["number"]) for p in current["provisions"]] == [
        (two, "1"),
        (one, "2"),
    ]
    keys = {p.id: p.key for p in db.session.scalars(select(Provision))}
    assert [p["key"] for p in current["provisions"]] == [keys[two], keys[one]]
    # the ETag given is the text's now: the same as a fresh read, and a retry with it works
    now = requests.get(base, headers=headers, timeout=5)
    assert stale.headers["ETag"] == now.headers["ETag"]
    assert current == now.json()
    retried = requests.put(
        f"{base}/order",
        json={"provisions": [{"provision_id": one}, {"provision_id": two}]},
        headers={**headers, "If-Match": stale.headers["ETag"]},
        timeout=5,
    )
    assert retried.status_code == 200, retried.text
