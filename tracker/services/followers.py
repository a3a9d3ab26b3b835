"""Who hears of a change: the followers of the events a job fans out, read in batches.

One rule (tracker.services.follows' docstring): active users who follow something the
event is about and may see it, but not its actor, and who followed it when the change
was made (a new follower hears nothing of what happened before: issue 17, found by a
fresh check). A job reads the followers of all its
pending events at once: the follows, the milestones and the tracks they name in one
statement each (with the restricted tracks' members), not three statements per event
(bench/jobs.py: 1,000 changes took 4.1 s at bench scale 10 on PostgreSQL that way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from tracker.models import Follow, FollowEvent, Milestone, NegotiationTrack, User
from tracker.orm import db
from tracker.services.visibility import may_see_milestone, may_see_track

#: a change made this long before a follow still reaches the follower: one made in the same
#: request (a track created with its lead officer following it) is stamped a moment apart
FOLLOWED_IN_THE_SAME_STEP = timedelta(seconds=1)


def _followed_by_then(followed_at: datetime, occurred_at: datetime) -> bool:
    """Whether a follow begun at `followed_at` hears of a change made at `occurred_at`."""
    return occurred_at >= followed_at - FOLLOWED_IN_THE_SAME_STEP


def followers_of(events: Sequence[FollowEvent]) -> dict[int, list[User]]:
    """Each event's id -> the users who hear of it, by user id (every event is a key).

    Reads three or four statements whatever the number of events; the identity map
    then answers each milestone's track without another."""
    track_ids = {e.track_id for e in events if e.track_id}
    agreement_ids = {e.agreement_id for e in events if e.agreement_id}
    body_ids = {e.body_id for e in events if e.body_id}
    targets = [
        column.in_(ids)
        for column, ids in (
            (Follow.track_id, track_ids),
            (Follow.agreement_id, agreement_ids),
            (Follow.body_id, body_ids),
        )
        if ids
    ]
    if not targets:
        return {event.id: [] for event in events}
    following: dict[tuple[str, int], list[tuple[User, datetime]]] = defaultdict(list)
    for follow, user in db.session.execute(
        select(Follow, User)
        .join(User, Follow.user_id == User.id)
        .where(or_(*targets), User.active.is_(True))
        .order_by(User.id)
    ):
        for kind, target in (
            ("track", follow.track_id),
            ("agreement", follow.agreement_id),
            ("body", follow.body_id),
        ):
            if target:
                following[(kind, target)].append((user, follow.created_at))
    milestone_ids = {e.milestone_id for e in events if e.milestone_id}
    milestones = {
        m.id: m
        for m in db.session.scalars(select(Milestone).where(Milestone.id.in_(milestone_ids)))
    }
    needed = track_ids | {m.track_id for m in milestones.values() if m.track_id}
    tracks = {
        t.id: t
        for t in db.session.scalars(
            select(NegotiationTrack)
            .where(NegotiationTrack.id.in_(needed))
            .options(selectinload(NegotiationTrack.members))
        )
    }
    found = {}
    for event in events:
        users = {
            user.id: user
            for kind, target in (
                ("track", event.track_id),
                ("agreement", event.agreement_id),
                ("body", event.body_id),
            )
            if target
            for user, followed_at in following[(kind, target)]
            if _followed_by_then(followed_at, event.occurred_at)
        }
        track = tracks.get(event.track_id) if event.track_id else None
        milestone = milestones.get(event.milestone_id) if event.milestone_id else None
        found[event.id] = [
            users[uid]
            for uid in sorted(users)
            if uid != event.actor_id
            and (track is None or may_see_track(users[uid], track))
            and (milestone is None or may_see_milestone(users[uid], milestone))
        ]
    return found
