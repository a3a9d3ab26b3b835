"""Following agreements, tracks and bodies, and telling followers what changed.

A change records a FollowEvent in its own transaction (record_event). Jobs fan the events
out through the outbox: queue_follow_notices() at once to those who want every change,
queue_daily_digests() once a day to the others. Both are idempotent by their keys, so a
run repeated or missed is harmless. Nobody hears of their own change, and nobody hears of
a restricted track they may not see, nor of a change made before they began to follow
(tracker.services.followers). A change to a provision of the text links to the provision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, select

from tracker import clock
from tracker.domain.messages import Message, MonthDate
from tracker.domain.names import OfficialName
from tracker.domain.provisions import ProvisionKind, ProvisionStatus
from tracker.domain.workflow import TrackStatus
from tracker.i18n import Plural, Text
from tracker.mail.links import external_url
from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import (
    Agreement,
    AgreementStatus,
    Body,
    Follow,
    FollowEvent,
    MilestoneKind,
    NegotiationTrack,
    NotifyMode,
    User,
)
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.followers import followers_of
from tracker.services.visibility import may_see_track

#: a digest missed while the scheduler was down is still sent this many days later
DIGEST_CATCH_UP_DAYS = 3
#: events are kept this long after they were told, then deleted (the audit log keeps
#: the history; these exist only to be mailed)
EVENT_RETENTION_DAYS = 30

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


def _notice(event: FollowEvent) -> EventNotice:
    return EventNotice(event_summary(event), event_url(event), event.occurred_at)


#: more changes than this for one follower in one run (a file import, say) are told in
#: one mail listing them, not one mail each
SEPARATE_NOTICES_AT_MOST = 5
#: the changes a batched mail lists by name; it counts the rest
BATCH_LISTED = 50


def queue_follow_notices(now: datetime) -> int:
    """Email each change not yet told to the followers who want every change at once:
    one mail per change, or, for a follower with more than SEPARATE_NOTICES_AT_MOST
    changes in this run, one mail listing them (issue 14: a 5,000-row import sent 5,000
    mails to each follower)."""
    events = db.session.scalars(
        select(FollowEvent)
        .where(FollowEvent.notified_at.is_(None), FollowEvent.occurred_at <= now)
        .order_by(FollowEvent.id)
    ).all()
    per_user: dict[int, list[tuple[FollowEvent, EventNotice]]] = defaultdict(list)
    users: dict[int, User] = {}
    audience = followers_of(events)
    for event in events:
        notice = _notice(event)
        for user in audience[event.id]:
            if user.notify_mode is NotifyMode.IMMEDIATE:
                users[user.id] = user
                per_user[user.id].append((event, notice))
        # The messages and the marks are committed together: a crash before that leaves
        # the events for the next run, and the keys stop a second copy of any message.
        event.notified_at = now
    planned = []
    for uid, told in per_user.items():
        if len(told) <= SEPARATE_NOTICES_AT_MOST:
            for event, notice in told:
                planned.append((f"follow:event:{event.id}:user:{uid}", uid, [notice]))
        else:
            first, last = told[0][0].id, told[-1][0].id
            planned.append((f"follow:events:{first}-{last}:user:{uid}", uid, [n for _, n in told]))
    done = already_queued([key for key, _, _ in planned])
    messages = [
        _follow_mail(key, users[uid], notices) for key, uid, notices in planned if key not in done
    ]
    written = insert_new(messages, now) if messages else 0
    _prune(now)
    return written


def _follow_mail(key: str, recipient: User, notices: list[EventNotice]) -> Any:
    if len(notices) == 1:
        return compose(
            key,
            kind="follow_update",
            recipient=recipient,
            subject=Text("Update: %(summary)s", summary=notices[0].summary),
            template="follow_update",
            context={"notice": notices[0]},
        )
    return compose(
        key,
        kind="follow_update",
        recipient=recipient,
        subject=Plural(
            "Update: %(num)s change in what you follow",
            "Update: %(num)s changes in what you follow",
            num=len(notices),
        ),
        template="follow_batch",
        context={"notices": notices[:BATCH_LISTED], "more": len(notices) - BATCH_LISTED},
    )


def _prune(now: datetime) -> None:
    cutoff = now - timedelta(days=max(EVENT_RETENTION_DAYS, DIGEST_CATCH_UP_DAYS + 1))
    db.session.execute(
        delete(FollowEvent).where(
            FollowEvent.notified_at.is_not(None), FollowEvent.occurred_at < cutoff
        )
    )
    db.session.flush()


def queue_daily_digests(now: datetime) -> int:
    """One email per follower in daily mode for each recent past day with changes."""
    today = now.astimezone(clock.zone()).date()
    written = 0
    for back in range(DIGEST_CATCH_UP_DAYS, 0, -1):
        written += _queue_digest_of(today - timedelta(days=back), now)
    return written


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = clock.zone()
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def _queue_digest_of(day: date, now: datetime) -> int:
    start, end = _day_bounds(day)
    events = db.session.scalars(
        select(FollowEvent)
        .where(FollowEvent.occurred_at >= start, FollowEvent.occurred_at < end)
        .order_by(FollowEvent.occurred_at, FollowEvent.id)
    ).all()
    per_user: dict[int, list[EventNotice]] = defaultdict(list)
    users: dict[int, User] = {}
    audience = followers_of(events)
    for event in events:
        for user in audience[event.id]:
            if user.notify_mode is NotifyMode.DAILY:
                users[user.id] = user
                per_user[user.id].append(_notice(event))
    keys = {uid: f"digest:{day.isoformat()}:user:{uid}" for uid in per_user}
    done = already_queued(list(keys.values()))
    messages = [
        compose(
            keys[uid],
            kind="follow_digest",
            recipient=users[uid],
            subject=Plural(
                "What changed on %(date)s: %(num)s update",
                "What changed on %(date)s: %(num)s updates",
                num=len(notices),
                date=day,
            ),
            template="follow_digest",
            context={"notices": notices, "day": day},
        )
        for uid, notices in per_user.items()
        if keys[uid] not in done
    ]
    return insert_new(messages, now) if messages else 0


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
