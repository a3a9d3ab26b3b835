"""An administrator's calendar feed is a read like any list (issue 13, decision
"administrators' reads of restricted records are audited"): a feed that shows milestones
of a restricted track not theirs is audited per read, naming them, as the milestones list
and its CSV export are (tests/visibility/test_faults.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.visibility.world import MARKER, add_restricted, build_public
from tracker.models import AuditEvent, FeedScope, NegotiationTrack
from tracker.orm import db
from tracker.services.calendar import create_feed


@pytest.fixture
def world():
    world = build_public()
    add_restricted(world)
    return world


def _listed(before: set[int]) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "restricted.listed", ~AuditEvent.id.in_(before))
            .order_by(AuditEvent.id)
        )
    )


def test_an_administrators_feed_of_restricted_milestones_is_audited(client, world) -> None:
    admin, lead, hidden = world.users["admin"], world.users["lead"], world.hidden
    secret = db.session.get(NegotiationTrack, hidden["track_id"])
    _, admin_token = create_feed(admin, FeedScope.TRACK, track=secret)
    _, lead_token = create_feed(lead, FeedScope.TRACK, track=secret)
    db.session.commit()
    before = set(db.session.scalars(select(AuditEvent.id)))
    feed = client.get(f"/calendar/{admin_token}.ics")
    assert feed.status_code == 200
    assert f"{MARKER} round" in feed.get_data(as_text=True)
    [event] = _listed(before)
    assert (event.actor_id, event.object_type) == (admin.id, "Milestone")
    assert {hidden["milestone_id"], hidden["meeting_id"]} <= set(event.after["ids"])
    # The track's own lead reads their feed without a trace.
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get(f"/calendar/{lead_token}.ics").status_code == 200
    assert _listed(before) == []
