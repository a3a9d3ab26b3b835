"""Telling followers what changed (issue 14): the jobs' side of following. The follow
events recorded by tracker.services.follows.record_event are fanned out through the
outbox: queue_follow_notices() at once to those who want every change,
queue_daily_digests() once a day to the others. Both are idempotent by their keys, so a
run repeated or missed is harmless; events told are pruned after EVENT_RETENTION_DAYS.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, select

from tracker import clock
from tracker.i18n import Plural, Text
from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import FollowEvent, NotifyMode, User
from tracker.orm import db
from tracker.services.followers import followers_of
from tracker.services.follows import EventNotice, event_summary, event_url

#: a digest missed while the scheduler was down is still sent this many days later
DIGEST_CATCH_UP_DAYS = 3
#: events are kept this long after they were told, then deleted (the audit log keeps
#: the history; these exist only to be mailed)
EVENT_RETENTION_DAYS = 30


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
