"""Handing over an officer's work: everything moves in one step, audited once, both told;
refused (nothing changed) for a deactivated target or one who may not see what would move."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.work_world import build_work_world
from tracker.models import (
    ActionItem,
    AgreementArea,
    AuditEvent,
    Follow,
    Milestone,
    NegotiationTrack,
    OutboxMessage,
)
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.handover import check_handover, hand_over_work, handover_counts

NOW = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)


def test_all_the_work_moves_in_one_step_audited_once_and_both_are_mailed(make, admin) -> None:
    world = build_work_world(make)
    me, ids = world.me, world.ids
    successor = make.user(role="officer", name="Successor", email="successor@test.example")
    db.session.add(Follow(user_id=successor.id, body_id=ids["council"]))  # follows it already
    epca = make.agreement(title="Energy agreement", owner_id=me.id)
    epca.areas = [AgreementArea(name="Energy", owner_id=me.id)]
    council = make.body("Transport committee", owner_id=me.id)
    db.session.commit()

    before = handover_counts(me, successor)
    assert (before.tracks_led, before.memberships, before.milestones, before.action_items) == (
        1,
        1,
        3,
        4,  # late, soon, held and the restricted meeting's (owned, no longer seen)
    )
    assert (before.agreements, before.areas, before.bodies) == (1, 1, 1)
    assert before.follows == 2  # the agreement and the council; not the hidden track's

    # The item of the restricted meeting the officer may not see any more is in the way:
    # the successor could not see it either.
    with pytest.raises(ServiceError) as refused:
        check_handover(me, successor)
    assert "may not see" in str(refused.value)
    db.session.get(ActionItem, ids["secret_mine"]).owner_id = world.other.id
    db.session.commit()

    moved = hand_over_work(me, successor, actor=admin, now=NOW)
    db.session.commit()
    assert moved.total == 1 + 1 + 3 + 3 + 1 + 1 + 1 + 2

    visa = db.session.get(NegotiationTrack, ids["t_visa"])
    held = db.session.get(NegotiationTrack, ids["t_held"])
    assert visa.lead_officer_id == successor.id
    assert [m.id for m in held.members] == [successor.id]
    owners = {
        m.title: m.owner_id
        for m in db.session.scalars(select(Milestone).where(Milestone.owner_id.is_not(None)))
    }
    assert owners["Round 3"] == owners["Round 4"] == owners["Held round"] == successor.id
    assert owners["Round 2"] == me.id  # done: the record of who did it
    assert db.session.get(ActionItem, ids["done"]).owner_id == me.id
    assert db.session.get(ActionItem, ids["late"]).owner_id == successor.id
    assert db.session.get(ActionItem, ids["late"]).version == 2  # an open form cannot undo it
    assert (epca.owner_id, epca.areas[0].owner_id, council.owner_id) == (successor.id,) * 3
    followed = {
        (f.agreement_id, f.track_id, f.body_id)
        for f in db.session.scalars(select(Follow).where(Follow.user_id == successor.id))
    }
    assert followed == {
        (ids["epca"], None, None),
        (None, None, ids["council"]),
        (None, ids["t_visa"], None),  # the new lead follows the track, as a lead does
    }
    assert db.session.scalars(select(Follow.track_id).where(Follow.user_id == me.id)).all() == [
        ids["t_secret"]  # not the successor's to see
    ]
    assert handover_counts(me, successor).total == 0  # the hidden follow stays

    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "user.work_handed_over")
    ).all()
    assert len(audit) == 1
    assert audit[0].actor_id == admin.id and audit[0].object_id == me.id
    assert audit[0].after["user_id"] == successor.id and audit[0].after["action_items"] == 3

    mails = {
        m.to_address: m
        for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    }
    assert set(mails) == {"me@test.example", "successor@test.example"}
    assert mails["successor@test.example"].subject == "Work handed over to you by Me Myself"
    assert mails["me@test.example"].subject == "Your work was handed over to Successor"
    body = mails["successor@test.example"].body_text
    assert "3 open action items" in body and "1 track led" in body
    assert "http://tracker.test/my-work" in body
    assert "3 open action items" in mails["me@test.example"].body_html


def test_a_deactivated_or_viewer_target_is_refused_and_nothing_moves(make) -> None:
    world = build_work_world(make)
    gone = make.user(role="officer", name="Gone Officer", active=False)
    viewer = make.user(role="viewer", name="A Viewer")
    for target, words in (
        (gone, "Gone Officer is deactivated and cannot take over work"),
        (viewer, "A Viewer is a viewer"),
        (world.me, "already theirs"),
    ):
        with pytest.raises(ServiceError) as refused:
            hand_over_work(world.me, target, actor=world.other, now=NOW)
        assert words in str(refused.value)
    db.session.rollback()
    assert db.session.get(NegotiationTrack, world.ids["t_visa"]).lead_officer_id == world.me.id
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action.like("user.%"))) is None
    assert db.session.scalar(select(OutboxMessage.id)) is None


def test_an_administrator_may_take_over_restricted_work(make, admin) -> None:
    world = build_work_world(make)
    check_handover(world.me, admin)  # an administrator sees every track
    moved = hand_over_work(world.me, admin, actor=admin, now=NOW)
    assert moved.action_items == 4
    assert db.session.get(ActionItem, world.ids["secret_mine"]).owner_id == admin.id
    assert date(2026, 1, 3) == db.session.get(ActionItem, world.ids["secret_mine"]).due_on


def test_handing_over_nothing_is_refused_and_writes_nothing(make, admin) -> None:
    """A second confirmation (or a POST straight to the address) moved nothing but wrote
    an audit entry and two empty mails (found by the adversarial check)."""
    from sqlalchemy import func, select

    from tracker.models import AuditEvent, OutboxMessage
    from tracker.services.errors import ServiceError

    idle = make.user(role="officer", name="Idle Officer")
    successor = make.user(role="officer", name="Successor")
    with pytest.raises(ServiceError) as refused:
        hand_over_work(idle, successor, actor=admin, now=NOW)
    assert str(refused.value.message) == "Idle Officer has no work to hand over."
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "user.work_handed_over")
        )
        == 0
    )
