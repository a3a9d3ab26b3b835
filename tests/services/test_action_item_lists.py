"""The action items list: its filters, orders and CSV, through the one visibility rule."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from tests.work_world import build_work_world
from tracker.models import ActionStatus, AuditEvent
from tracker.orm import db
from tracker.services.action_item_lists import (
    ActionItemFilter,
    action_item_csv,
    action_item_list,
    action_item_rows,
)
from tracker.services.paging import PageRequest

TODAY = date(2026, 1, 12)


def listed(reader, **flt) -> list[int]:
    page = action_item_list(reader, ActionItemFilter(**flt), TODAY, PageRequest(1, 50))
    return [item.id for item in page.items]


@pytest.fixture
def world(make):
    return build_work_world(make)


def test_the_list_shows_what_the_reader_may_see_soonest_due_first(world, make) -> None:
    ids = world.ids
    visible = ["held", "done", "late", "others", "soon", "far"]  # by due date
    assert listed(world.me) == [ids[k] for k in visible]
    # An item needs both its own track and its meeting's visible: the secret meeting's item
    # (owned by "me" on purpose) and the public meeting's item linked to the secret track.
    assert listed(world.other) == [
        ids[k]
        for k in ["held", "done", "secret_mine", "secret_linked", "late", "others", "soon", "far"]
    ]
    assert listed(None) == [ids[k] for k in visible]
    assert listed(world.me, sort="-due") == [ids[k] for k in reversed(visible)]
    titles = [
        i.title
        for i in action_item_list(
            world.me, ActionItemFilter(sort="title"), TODAY, PageRequest(1, 50)
        ).items
    ]
    assert titles == sorted(titles)


def test_each_filter_narrows_the_list(world) -> None:
    ids, me = world.ids, world.me
    assert listed(me, owner_id=me.id) == [ids[k] for k in ["held", "done", "late", "soon"]]
    assert listed(me, status=ActionStatus.DONE) == [ids["done"]]
    assert listed(me, meeting_id=ids["other_meeting"]) == [ids["others"], ids["far"]]
    assert listed(me, body_id=ids["council"]) == listed(me)
    assert listed(me, track_id=ids["t_visa"]) == [ids["late"]]
    # Overdue: open, past due and live (not the suspended track's item, not the done one).
    assert listed(me, due="overdue") == [ids["late"]]
    assert listed(me, due="soon", due_days=7) == [ids["others"]]
    assert listed(me, due="soon", due_days=14) == [ids["others"], ids["soon"]]
    assert listed(me, due_from=date(2026, 1, 5), due_to=date(2026, 1, 15)) == [
        ids["late"],
        ids["others"],
    ]


def test_pages_do_not_overlap_in_either_direction(world) -> None:
    me = world.me
    for sort in ("due", "-due", "title", "-title"):
        pages = [
            [
                i.id
                for i in action_item_list(
                    me, ActionItemFilter(sort=sort), TODAY, PageRequest(n, 2)
                ).items
            ]
            for n in (1, 2, 3)
        ]
        assert sum(pages, []) == listed(me, sort=sort)
    rows = action_item_rows(me, ActionItemFilter(), TODAY, PageRequest(2, 4))
    assert (len(rows.items), rows.total) == (2, 6)


def test_the_csv_is_the_whole_filtered_list_and_an_administrators_is_audited(world, make) -> None:
    text = action_item_csv(world.me, ActionItemFilter(owner_id=world.me.id), TODAY)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r["title"] for r in rows] == [
        "Revise the annex",
        "Circulate the minutes",
        "Send the draft agenda",
        "Book the interpreters",
    ]
    assert rows[2]["owner"] == "me@test.example"
    assert rows[2]["meeting"] == "22nd Cooperation Council"
    assert rows[2]["body"] == "Cooperation Council"
    assert rows[2]["track"] == "Visa facilitation"
    assert "SECRETMARK" not in text

    admin = make.user(role="admin")
    action_item_csv(admin, ActionItemFilter(), TODAY)
    db.session.flush()
    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "restricted.listed")
    ).all()
    assert [a.object_type for a in audit] == ["ActionItem"]
    assert sorted(audit[0].after["ids"]) == sorted(
        [world.ids["secret_mine"], world.ids["secret_linked"]]
    )
