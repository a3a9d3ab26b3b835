"""GET /api/v1/action-items over real HTTP: the web list's filter object, the one rule."""

from __future__ import annotations

import requests

from tests.api.conftest import bearer
from tests.work_world import build_work_world


def test_action_items_are_listed_with_the_web_lists_filters(live_server, make) -> None:
    world = build_work_world(make)
    headers = bearer(world.me)
    url = f"{live_server}/api/v1/action-items"

    everything = requests.get(url, headers=headers, timeout=5).json()
    assert everything["total"] == 6
    assert not [i for i in everything["items"] if "SECRETMARK" in i["title"]]
    assert [i["due_on"] for i in everything["items"]] == sorted(
        i["due_on"] for i in everything["items"]
    )

    mine = requests.get(
        url,
        params={"owner": world.me.id, "status": "open", "due": "overdue"},
        headers=headers,
        timeout=5,
    ).json()
    assert [i["title"] for i in mine["items"]] == ["Send the draft agenda"]
    assert mine["items"][0]["meeting_id"] == world.ids["meeting"]

    soon = requests.get(
        url, params={"due": "soon", "days": 14, "sort": "-due"}, headers=headers, timeout=5
    ).json()
    assert [i["title"] for i in soon["items"]] == [
        "Book the interpreters",
        "Prepare the press line",
    ]

    ranged = requests.get(
        url,
        params={"from": "2026-01-05", "to": "2026-01-15", "body": world.ids["council"]},
        headers=headers,
        timeout=5,
    ).json()
    assert ranged["total"] == 2

    wrong = requests.get(url, params={"to": "soon"}, headers=headers, timeout=5)
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == [{"name": "to", "message": "Enter a date such as 2026-01-31."}]

    description = requests.get(f"{live_server}/api/v1/openapi.json", timeout=5).json()
    operation = description["paths"]["/action-items"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {
        "owner",
        "status",
        "body",
        "meeting",
        "due",
        "days",
        "from",
        "to",
        "sort",
        "page",
    }
