"""Following agreements, tracks and bodies, and telling followers what changed.

A change records a FollowEvent in its own transaction (record_event). Jobs fan the events
out through the outbox (tracker.services.follow_mail): queue_follow_notices() at once to
those who want every change, queue_daily_digests() once a day to the others. Both are
idempotent by their keys, so a run repeated or missed is harmless. Nobody hears of their
own change, and nobody hears of a restricted track they may not see, nor of a change made
before they began to follow (tracker.services.followers). A change to a provision of the
text links to the provision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from tracker.domain.messages import Message, MonthDate
from tracker.domain.names import OfficialName
from tracker.domain.provisions import ProvisionKind, ProvisionStatus
from tracker.domain.workflow import TrackStatus
from tracker.mail.links import external_url
from tracker.models import (
    Agreement,
    AgreementStatus,
    Body,
    Follow,
    FollowEvent,
    MilestoneKind,
    NegotiationTrack,
    User,
)
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.followers import followers_of
from tracker.services.visibility import may_see_track

Followable = Agreement | NegotiationTrack | Body


def _target_column(target: Followable) -> Any:
    if isinstance(target, NegotiationTrack):
        return Follow.track_id
    if isinstance(target, Agreement):
        return Follow.agreement_id
    return Follow.body_id


def is_following(user: User, target: Followable) -> bool:
    return (
        db.session.scalar(
            select(Follow.id).where(Follow.user_id == user.id, _target_column(target) == target.id)
        )
        is not None
    )


def follow(user: User, target: Followable) -> bool:
    """Follow a record; False if the user already did. Commits."""
    if isinstance(target, NegotiationTrack) and not may_see_track(user, target):
        raise ServiceError("You cannot follow a track you may not see.")
    if not _add_follow(user.id, target):
        return False
    db.session.flush()
    return True


def unfollow(user: User, target: Followable) -> bool:
    found = db.session.scalar(
        select(Follow).where(Follow.user_id == user.id, _target_column(target) == target.id)
    )
    if found is None:
        return False
    db.session.delete(found)
    db.session.flush()
    return True


def _add_follow(user_id: int, target: Followable) -> bool:
    column = _target_column(target)
    with db.session.no_autoflush:
        exists = db.session.scalar(
            select(Follow.id).where(Follow.user_id == user_id, column == target.id)
        )
    if exists is not None:
        return False
    db.session.add(Follow(user_id=user_id, **{column.key: target.id}))
    return True


def follow_as_lead(track: NegotiationTrack) -> None:
    """Lead officers follow their tracks (added to the caller's transaction)."""
    if track.lead_officer_id is None:
        return
    if track.id is None:
        db.session.flush()
    _add_follow(track.lead_officer_id, track)


def record_event(
    action: str,
    summary: Message,
    *,
    actor: User | None,
    track_id: int | None = None,
    agreement_id: int | None = None,
    body_id: int | None = None,
    milestone_id: int | None = None,
    provision_id: int | None = None,
) -> FollowEvent:
    """Add what happened to the caller's transaction, for the followers' notices
    (`provision_id`: the provision of the track's text it is about, linked to). Returns
    the event (unflushed)."""
    event = FollowEvent(
        **event_values(
            action,
            summary,
            actor=actor,
            track_id=track_id,
            agreement_id=agreement_id,
            body_id=body_id,
            milestone_id=milestone_id,
            provision_id=provision_id,
        )
    )
    db.session.add(event)
    return event


def event_values(
    action: str,
    summary: Message,
    *,
    actor: User | None,
    track_id: int | None = None,
    agreement_id: int | None = None,
    body_id: int | None = None,
    milestone_id: int | None = None,
    provision_id: int | None = None,
) -> dict[str, Any]:
    """A follow event's columns, as record_event writes them (also for a bulk insert)."""
    return {
        "action": action,
        "summary": summary[:500],
        "message": {
            "template": summary.template,
            "params": {k: _stored(v) for k, v in summary.params.items()},
        },
        "actor_id": actor.id if actor else None,
        "track_id": track_id,
        "agreement_id": agreement_id,
        "body_id": body_id,
        "milestone_id": milestone_id,
        "provision_id": provision_id,
    }


def event_url(event: FollowEvent) -> str:
    """The address a notice of `event` links to: the provision in the track's text (its
    anchor), the milestone, the track, the body or the agreement."""
    if event.provision_id and event.track_id:
        text = external_url("texts.index", track_id=event.track_id)
        return f"{text}#p{event.provision_id}"
    if event.milestone_id:
        return external_url("milestones.detail", milestone_id=event.milestone_id)
    if event.track_id:
        return external_url("tracks.detail", track_id=event.track_id)
    if event.body_id:
        return external_url("bodies.detail", body_id=event.body_id)
    return external_url("agreements.detail", agreement_id=event.agreement_id or 0)


def followers(event: FollowEvent) -> list[User]:
    """Active users who follow something the event is about and may see it, but not its
    actor (tracker.services.followers.followers_of, for one event)."""
    return followers_of([event])[event.id]


@dataclass(frozen=True)
class EventNotice:
    #: a Message, said in each follower's language (a plain English str for old events)
    summary: str
    url: str
    occurred_at: datetime


#: the enums a summary may carry, by name, to read them back
_ENUMS: dict[str, type[StrEnum]] = {
    e.__name__: e
    for e in (TrackStatus, AgreementStatus, MilestoneKind, ProvisionKind, ProvisionStatus)
}


def _stored(value: Any) -> Any:
    """A summary's value as JSON: dates, enums, official names and sentences (an untitled
    round's "Round 3", told in each follower's language) keep their type."""
    if isinstance(value, Message):
        return {
            "message": value.template,
            "params": {k: _stored(v) for k, v in value.params.items()},
        }
    if isinstance(value, OfficialName):
        return {"official": value.name, **value.names}
    if isinstance(value, StrEnum):
        return {"enum": type(value).__name__, "value": value.value}
    if isinstance(value, MonthDate):
        return {"month": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _loaded(value: Any) -> Any:
    if isinstance(value, dict):
        if "enum" in value:
            return _ENUMS[value["enum"]](value["value"])
        if "official" in value:
            return OfficialName(value["official"], value.get("ru", ""), value.get("kk", ""))
        if "month" in value:
            return MonthDate.of(date.fromisoformat(value["month"]))
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "message" in value:
            return Message(value["message"], **{k: _loaded(v) for k, v in value["params"].items()})
    return value


def event_summary(event: FollowEvent) -> str:
    """The event's summary as a Message to translate, or its English text if it has none."""
    if not event.message:
        return event.summary
    stored_template = event.message["template"]
    params = {k: _loaded(v) for k, v in event.message["params"].items()}
    return Message(stored_template, **params)


def followed_by(user: User) -> dict[str, list[Any]]:
    """What a user follows, for their settings page: three queries, whatever the count."""

    def followed(model: Any, column: Any, order: Any) -> list[Any]:
        return list(
            db.session.scalars(
                select(model)
                .join(Follow, column == model.id)
                .where(Follow.user_id == user.id)
                .order_by(order)
            )
        )

    tracks = followed(NegotiationTrack, Follow.track_id, NegotiationTrack.name)
    return {
        "agreements": followed(Agreement, Follow.agreement_id, Agreement.title),
        "tracks": [t for t in tracks if may_see_track(user, t)],
        "bodies": followed(Body, Follow.body_id, Body.name),
    }
