"""Issue 15 (left from the fresh check): the audit log names every record it can by its
name, as it does agreements, tracks and rounds: an action item by its title, an API token by
its name, a calendar feed by what it covers (or its owner), a document by its title, an area
by its name; not "Action item #12"."""

from __future__ import annotations

import html
from datetime import date

from tracker.models import ActionItem, AuditEvent, MilestoneKind
from tracker.models.feed import FeedScope
from tracker.orm import db
from tracker.services.api_tokens import create_token
from tracker.services.calendar import create_feed


def test_the_audit_log_names_action_items_tokens_feeds_and_documents(
    client, admin, officer, make
) -> None:
    track = make.track(name="Visa facilitation")
    meeting = make.milestone(track, title="Cooperation Council", kind=MilestoneKind.MEETING)
    item = ActionItem(meeting_id=meeting.id, title="Send the draft annex", due_on=date(2026, 2, 1))
    db.session.add(item)
    token, _ = create_token(officer, "spreadsheet sync")
    feed, _ = create_feed(officer, FeedScope.TRACK, track=track)
    document = make.document(officer, filename="draft-protocol.pdf", track_id=track.id)
    db.session.flush()
    for kind, record in (
        ("ActionItem", item),
        ("ApiToken", token),
        ("CalendarFeed", feed),
        ("Document", document),
    ):
        db.session.add(AuditEvent(action="x.y", object_type=kind, object_id=record.id))
    db.session.commit()
    client.login(admin)
    page = html.unescape(client.get("/audit").text)
    for name in (
        "Send the draft annex",
        "spreadsheet sync",
        "Visa facilitation",
        "draft-protocol.pdf",
    ):
        assert name in page, name
    for record in (item, token, feed, document):
        assert f"#{record.id}<" not in page and f"#{record.id} " not in page
