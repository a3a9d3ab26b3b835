"""The "my work" page and the action items list, as an officer meets them in the browser's
place: linked from the header, filtered from the query string, never a 500."""

from __future__ import annotations

import csv
import io

import pytest

from tests.work_world import build_work_world


@pytest.fixture
def world(make):
    return build_work_world(make)


def test_my_work_is_in_the_header_and_shows_my_work_overdue_first(client, world) -> None:
    client.login(world.me)
    dashboard = client.get("/").text
    assert 'href="/my-work"' in dashboard
    assert 'href="/action-items/"' in dashboard

    page = client.get("/my-work")
    assert page.status_code == 200
    text = page.text
    assert 'href="/my-work" class="me-link my-work-link" aria-current="page"' in text
    assert text.index("Send the draft agenda") < text.index("Book the interpreters")
    assert text.index("Book the interpreters") < text.index("Revise the annex")
    assert "7 days late" in text  # due 5 January, today the 12th
    assert "On hold: its track is paused or closed" in text
    assert "Circulate the minutes" not in text  # done
    assert text.index("Round 3") < text.index("Round 4") < text.index("Held round")
    assert f'href="/tracks/{world.ids["t_visa"]}"' in text
    assert f'href="/milestones/{world.ids["meeting"]}#action-items"' in text
    assert f'href="/agreements/{world.ids["epca"]}"' in text  # followed
    assert "Lead officer" in text and "Assigned" in text
    assert "SECRETMARK" not in text


def test_my_work_says_what_to_do_when_nothing_is_mine(client, make, world, viewer) -> None:
    client.login(viewer)  # every logged-in user has the page
    page = client.get("/my-work")
    assert page.status_code == 200
    assert "Nothing is yours yet" in page.text
    assert "You follow nothing." in page.text
    assert "No open action items of yours." in page.text


def test_my_work_needs_a_login(client) -> None:
    answer = client.get("/my-work")
    assert answer.status_code == 302
    assert "/login" in answer.headers["Location"]


def test_the_action_items_list_filters_sorts_and_exports(client, world) -> None:
    client.login(world.me)
    everything = client.get("/action-items/").text
    assert "6 in all." in everything
    assert "SECRETMARK" not in everything
    assert 'aria-sort="ascending"' in everything

    mine = client.get(f"/action-items/?owner={world.me.id}&status=open&due=overdue").text
    assert "Send the draft agenda" in mine and "1 in all." in mine

    soon = client.get("/action-items/?due=soon&days=7&sort=-due").text
    assert "Prepare the press line" in soon and "Book the interpreters" not in soon
    assert 'aria-sort="descending"' in soon

    ranged = client.get("/action-items/?from=2026-01-05&to=2026-01-15").text
    assert "2 in all." in ranged

    meeting = client.get(f"/action-items/?meeting={world.ids['other_meeting']}").text
    assert "Show all action items" in meeting and "2 in all." in meeting

    exported = client.get(f"/action-items/export.csv?owner={world.me.id}&status=open")
    assert exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.text.removeprefix("\ufeff"))))
    assert [r["title"] for r in rows] == [
        "Revise the annex",
        "Send the draft agenda",
        "Book the interpreters",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "days=abc",
        "days=-3&due=soon",
        "days=99999999999999999999&due=soon",
        "from=2026-13-45",
        "to=soon",
        "from=%00",
        "sort=drop%20table",
        "status=nonsense",
        "owner=-1",
        "meeting=99999999999",
        "due=later",
        "page=0",
    ],
)
def test_the_action_items_list_ignores_what_it_cannot_read(client, world, query) -> None:
    client.login(world.me)
    assert client.get(f"/action-items/?{query}").status_code == 200
    # an unknown status is said on the page, and refused in words by the file (issue 15
    # check, item 5: tests/web/test_action_item_status_filter.py)
    expected = 400 if query == "status=nonsense" else 200
    assert client.get(f"/action-items/export.csv?{query}").status_code == expected
