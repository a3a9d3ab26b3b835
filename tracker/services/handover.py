"""Handing over: when an officer rotates out, an administrator hands all their work to
another officer in one step (issue 15, "Also expected by officers").

What moves: the tracks they lead (the new lead follows them, as a lead does), their places
among a track's assigned officers, the open milestones and open action items they own (done
ones keep their owner: they are history), the agreements, areas of agreements and bodies
they own, and their follows. One audit entry records the counts; both officers are mailed
through the outbox, in the same transaction as the change (sent only once it is committed).

Refused (ServiceError, nothing changed) when the new owner is deactivated, is not an
officer or administrator, is the same person, or would not see a restricted track of an
open milestone or action item being handed over (an owner must see what they own:
tracker.services.visibility.owner_refusal).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import selectinload

from tracker.i18n import Text
from tracker.mail.links import external_url
from tracker.mail.outbox import compose
from tracker.models import (
    ActionItem,
    Agreement,
    AgreementArea,
    Body,
    Follow,
    Milestone,
    NegotiationTrack,
    User,
    track_members,
)
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.follows import follow_as_lead
from tracker.services.records import record_audit
from tracker.services.visibility import hidden_track_ids, own_track_ids


@dataclass(frozen=True)
class HandoverCounts:
    """How many of each kind of record a handover moves (or moved)."""

    tracks_led: int = 0
    memberships: int = 0
    milestones: int = 0
    action_items: int = 0
    agreements: int = 0
    areas: int = 0
    bodies: int = 0
    follows: int = 0

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


def _hidden_after(source: User, target: User) -> Select[tuple[int]]:
    """Ids of the restricted tracks `target` would still not see once they have taken over
    `source`'s tracks (the ones `source` leads or is assigned to)."""
    return hidden_track_ids(target).where(NegotiationTrack.id.not_in(own_track_ids(source)))


def _open_milestones(source: User) -> list[ColumnElement[bool]]:
    return [Milestone.owner_id == source.id, Milestone.is_open]


def _open_items(source: User) -> list[ColumnElement[bool]]:
    return [ActionItem.owner_id == source.id, ActionItem.is_open]


def _follows_to_move(source: User, target: User) -> list[ColumnElement[bool]]:
    """Follows the target will see: not of a track hidden from them after the move (the
    others stay with the officer handing over)."""
    return [
        Follow.user_id == source.id,
        Follow.track_id.is_(None) | Follow.track_id.not_in(_hidden_after(source, target)),
    ]


def _count(model: Any, *where: ColumnElement[bool]) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def handover_counts(source: User, target: User) -> HandoverCounts:
    """What handing `source`'s work to `target` would move, by kind."""
    return HandoverCounts(
        tracks_led=_count(NegotiationTrack, NegotiationTrack.lead_officer_id == source.id),
        memberships=_count(track_members, track_members.c.user_id == source.id),
        milestones=_count(Milestone, *_open_milestones(source)),
        action_items=_count(ActionItem, *_open_items(source)),
        agreements=_count(Agreement, Agreement.owner_id == source.id),
        areas=_count(AgreementArea, AgreementArea.owner_id == source.id),
        bodies=_count(Body, Body.owner_id == source.id),
        follows=_count(Follow, *_follows_to_move(source, target)),
    )


def check_handover(source: User, target: User) -> None:
    """Raise ServiceError if `source`'s work may not be handed to `target`."""
    if target.id == source.id:
        raise ServiceError("Choose another officer: the work is already theirs.", field="to")
    if not target.active:
        raise ServiceError(
            "%(name)s is deactivated and cannot take over work: reactivate the account "
            "first, or choose another officer.",
            field="to",
            name=target.name,
        )
    if not target.can_edit:
        raise ServiceError(
            "%(name)s is a viewer: hand the work to an officer or an administrator.",
            field="to",
            name=target.name,
        )
    if target.is_admin:
        return
    hidden = _hidden_after(source, target)
    unseen = _count(Milestone, *_open_milestones(source), Milestone.track_id.in_(hidden)) + _count(
        ActionItem,
        *_open_items(source),
        ActionItem.track_id.in_(hidden)
        | ActionItem.meeting_id.in_(select(Milestone.id).where(Milestone.track_id.in_(hidden))),
    )
    if unseen:
        raise ServiceError(
            "%(count)s open milestones or action items are on restricted tracks that "
            "%(name)s may not see: assign %(name)s to those tracks first.",
            field="to",
            count=unseen,
            name=target.name,
        )


@dataclass(frozen=True)
class HandoverPreview:
    """The confirmation page's model: what would move, or why it may not (an English
    Message, said in the reader's language by the page)."""

    counts: HandoverCounts
    refusal: str | None = None


def handover_preview(source: User, target: User) -> HandoverPreview:
    """What handing `source`'s work to `target` would move, and the refusal if any."""
    try:
        check_handover(source, target)
    except ServiceError as error:
        return HandoverPreview(handover_counts(source, target), error.message)
    return HandoverPreview(handover_counts(source, target))


def hand_over_work(source: User, target: User, *, actor: User, now: datetime) -> HandoverCounts:
    """Move all of `source`'s work to `target` (see the module's docstring) and return the
    counts moved; audited once and both officers mailed. Raises ServiceError (nothing
    changed) when check_handover refuses or there is nothing to move. Flushes; the caller
    commits."""
    check_handover(source, target)
    counts = handover_counts(source, target)
    if counts.total == 0:
        # A second confirmation, or one sent straight to the address, moved nothing but
        # wrote an audit entry and two empty mails (found by the adversarial check).
        raise ServiceError("%(name)s has no work to hand over.", field="to", name=source.name)
    _move_follows(source, target)
    db.session.flush()
    led = list(
        db.session.scalars(
            select(NegotiationTrack).where(NegotiationTrack.lead_officer_id == source.id)
        )
    )
    for track in led:
        track.lead_officer_id = target.id
    for track in db.session.scalars(
        select(NegotiationTrack)
        .options(selectinload(NegotiationTrack.members))
        .join(track_members, track_members.c.track_id == NegotiationTrack.id)
        .where(track_members.c.user_id == source.id)
    ):
        track.members = [m for m in track.members if m.id != source.id]
        if track.lead_officer_id != target.id and all(m.id != target.id for m in track.members):
            track.members.append(target)
    for model, where in (
        (Milestone, _open_milestones(source)),
        (ActionItem, _open_items(source)),
        (Agreement, [Agreement.owner_id == source.id]),
        (AgreementArea, [AgreementArea.owner_id == source.id]),
        (Body, [Body.owner_id == source.id]),
    ):
        # One by one, not a bulk UPDATE: each record's version moves, so a form opened
        # before the handover cannot save the old owner back over it.
        for record in db.session.scalars(select(model).where(*where)):
            record.owner_id = target.id
    db.session.flush()
    for track in led:
        follow_as_lead(track)
    event = record_audit(
        actor,
        "user.work_handed_over",
        source,
        f"Handed over the work of {source.name} ({source.email}) to {target.name} "
        f"({target.email}): " + ", ".join(f"{k} {v}" for k, v in asdict(counts).items()),
        before={"user_id": source.id},
        after={"user_id": target.id, **asdict(counts)},
    )
    db.session.flush()
    _queue_mail(event.id, source, target, counts, now)
    db.session.flush()
    return counts


def _move_follows(source: User, target: User) -> None:
    already = {
        (f.agreement_id, f.track_id, f.body_id)
        for f in db.session.scalars(select(Follow).where(Follow.user_id == target.id))
    }
    for follow in db.session.scalars(select(Follow).where(*_follows_to_move(source, target))):
        if (follow.agreement_id, follow.track_id, follow.body_id) in already:
            db.session.delete(follow)
        else:
            follow.user_id = target.id


def _queue_mail(
    event_id: int, source: User, target: User, counts: HandoverCounts, now: datetime
) -> None:
    """One message to each officer, keyed by the audit entry (never sent twice)."""
    for recipient, subject in (
        (target, Text("Work handed over to you by %(name)s", name=source.name)),
        (source, Text("Your work was handed over to %(name)s", name=target.name)),
    ):
        message = compose(
            f"handover-{event_id}-{recipient.id}",
            kind="handover",
            recipient=recipient,
            subject=subject,
            template="handover",
            context={
                "source": source,
                "target": target,
                "counts": counts,
                "url": external_url("my_work.index"),
            },
        )
        message.next_attempt_at = now
        db.session.add(message)
