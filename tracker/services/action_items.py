"""Action items: what a meeting concluded someone must do, by when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from tracker.domain.messages import Message
from tracker.models import (
    ActionItem,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    User,
)
from tracker.orm import db
from tracker.schemas.action_items import ActionItemInput
from tracker.services.errors import ServiceError
from tracker.services.follows import record_event
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    snapshot,
    validated_update,
)
from tracker.services.visibility import action_item_is_visible, may_see_track, owner_refusal

EDITABLE_FIELDS = ActionItemInput.FIELDS


def create_action_item(meeting: Milestone, fields: Mapping[str, Any], *, actor: User) -> ActionItem:
    if meeting.kind is not MilestoneKind.MEETING:
        raise ServiceError("Action items are the conclusions of a meeting.")
    item = ActionItem(meeting_id=meeting.id)
    apply_changes(item, ActionItemInput.of(fields).model_dump())
    _check_track(item, actor)
    _check_owner(item)
    db.session.add(item)
    record_audit(
        actor,
        "action_item.created",
        item,
        f"Added action item {item.title} from {meeting.title}, due {item.due_on.isoformat()}",
        after=snapshot(item, EDITABLE_FIELDS),
    )
    record_event(
        "action_item.added",
        Message(
            "Action item from %(meeting)s: %(title)s, due %(date)s",
            meeting=meeting.title,
            title=item.title,
            date=item.due_on,
        ),
        actor=actor,
        track_id=item.track_id,
        body_id=meeting.body_id,
        agreement_id=meeting.agreement_id,
        milestone_id=meeting.id,
    )
    db.session.flush()
    return item


@detects_conflicts("action item")
def update_action_item(
    item: ActionItem, fields: Mapping[str, Any], *, actor: User, expected_version: int | None
) -> ActionItem:
    check_version(item, expected_version, "action item")
    if item.cancelled_on is not None:  # read-only until an administrator restores it
        raise ServiceError(
            "This action item is cancelled; an administrator can restore it before it is changed."
        )
    changes, _ = validated_update(item, fields, ActionItemInput, EDITABLE_FIELDS)
    before, after = apply_changes(item, changes)
    if not after:
        return item  # nothing to save (the boundary decides the transaction)
    _check_track(item, actor)
    _check_owner(item)
    record_audit(
        actor, "action_item.updated", item, f"Edited action item {item.title}", before, after
    )
    db.session.flush()
    return item


def _check_owner(item: ActionItem) -> None:
    with db.session.no_autoflush:
        track = db.session.get(NegotiationTrack, item.track_id) if item.track_id else None
        meeting = db.session.get(Milestone, item.meeting_id)
        refusal = owner_refusal(item.owner_id, track, meeting.track if meeting else None)
    if refusal is not None:
        raise ServiceError(refusal, field="owner_id")


def _check_track(item: ActionItem, actor: User) -> None:
    if item.track_id is None:
        return
    track = db.session.get(NegotiationTrack, item.track_id)
    if track is None or not may_see_track(actor, track):
        raise ServiceError("Choose a track from the list.", field="track_id")


def _open_items() -> Select[tuple[ActionItem]]:
    return (
        select(ActionItem)
        .options(
            # what ActionItem.is_live reads in Python (the page's "late" mark): the item's
            # track, or its meeting's track or agreement; else one statement per item
            joinedload(ActionItem.track),
            joinedload(ActionItem.meeting).joinedload(Milestone.track),
            joinedload(ActionItem.meeting).joinedload(Milestone.agreement),
            joinedload(ActionItem.owner),
        )
        .where(ActionItem.is_open)
        .order_by(ActionItem.due_on, ActionItem.id)
    )


def open_items_of(owner: User, limit: int = 20) -> list[ActionItem]:
    """The owner's open and live action items, soonest due first (their dashboard)."""
    return list(
        db.session.scalars(
            _open_items()
            .where(
                ActionItem.owner_id == owner.id,
                ActionItem.is_live,  # not those of a closed or paused track
                action_item_is_visible(owner),
            )
            .limit(limit)
        ).unique()
    )


def held_items_count(owner: User) -> int:
    """How many open action items the owner has and may see that are on hold (of a closed,
    paused or archived track, meeting or agreement): the dashboard lists only the live ones
    (open_items_of) and says how many wait (issue 15, new-officer check)."""
    return (
        db.session.scalar(
            select(func.count(ActionItem.id)).where(
                ActionItem.owner_id == owner.id,
                ActionItem.is_open,
                ~ActionItem.is_live,
                action_item_is_visible(owner),
            )
        )
        or 0
    )


def items_of_meeting(meeting: Milestone, viewer: User) -> list[ActionItem]:
    """A meeting's action items, but not those linked to a track the viewer may not see."""
    return list(
        db.session.scalars(
            select(ActionItem)
            .options(joinedload(ActionItem.owner), joinedload(ActionItem.track))
            .where(ActionItem.meeting_id == meeting.id, action_item_is_visible(viewer))
            .order_by(ActionItem.due_on, ActionItem.id)
        )
    )


def open_items_due_by(day: date, viewer: User | None, limit: int | None = None) -> list[ActionItem]:
    query = _open_items().where(ActionItem.due_on <= day, action_item_is_visible(viewer))
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query).unique())
