"""'My work' as a calendar feed: created from the page, the milestones and action items the
officer owns and may see, by their dates, with the other feeds' token and revocation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.web.test_calendar import FEED_URL, CalendarClient, events
from tests.work_world import build_work_world
from tracker.models import ActionItem, CalendarFeed, FeedScope
from tracker.orm import db
from tracker.services.action_items import update_action_item


def test_my_work_feed_carries_my_milestones_and_action_items_and_is_revocable(
    app, client, make
) -> None:
    world = build_work_world(make)
    ids = world.ids
    client.login(world.me)
    assert "/me/calendars/my-work" in client.get("/my-work").text
    created = client.submit("/me/calendars/my-work", follow_redirects=True)
    match = FEED_URL.search(created.get_data(as_text=True))
    assert match, "the new feed's address is shown once"
    feed = db.session.scalar(select(CalendarFeed))
    assert feed.scope is FeedScope.MY_WORK
    assert "my work: my milestones and action items" in created.text

    calendar_app = app.test_client()  # no login: a calendar application
    found = events(calendar_app.get(match.group(1)).data)
    items = {uid for uid in found if uid.startswith("action-item-")}
    assert items == {
        f"action-item-{ids[k]}@tracker.test" for k in ("late", "soon", "held", "done")
    }  # not another's item, nor the one of a restricted meeting the officer may not see
    late = found[f"action-item-{ids['late']}@tracker.test"]
    assert (late["start"], late["summary"]) == (
        date(2026, 1, 5),
        "Action item: Send the draft agenda",
    )
    assert found[f"action-item-{ids['done']}@tracker.test"]["summary"].startswith("Done: ")
    milestones = {uid for uid in found if uid.startswith("milestone-")}
    assert milestones == {
        f"milestone-{ids[k]}@tracker.test" for k in ("m_late", "m_next", "m_held", "m_done")
    }
    assert not [uid for uid in found if uid.startswith("anniversary-")]

    # A moved due date moves the event (same UID, higher SEQUENCE), never a second one.
    outlook = CalendarClient()
    outlook.import_feed(calendar_app.get(match.group(1)).data)
    item = db.session.get(ActionItem, ids["soon"])
    update_action_item(
        item, {"due_on": date(2026, 1, 27)}, actor=world.me, expected_version=item.version
    )
    db.session.commit()
    outlook.import_feed(calendar_app.get(match.group(1)).data)
    moved = outlook.store[f"action-item-{ids['soon']}@tracker.test"]
    assert moved["start"] == date(2026, 1, 27)
    assert len(outlook.store) == len(found)

    assert client.submit(f"/me/calendars/{feed.id}/revoke").status_code == 302
    assert calendar_app.get(match.group(1)).status_code == 404
