"""Calendar feeds (RFC 5545, built with the icalendar package) and their secret tokens.

Calendar clients cannot log in, so a feed's URL carries a random token. Only the token's
SHA-256 is stored: a database dump does not give away anyone's calendar, and a revoked
feed's URL stops working at once. A feed always shows what its owner may see today, so a
track made restricted later drops out of the feeds of those who may no longer see it.

Every event has a UID that never changes (milestone-<id>@host, action-item-<id>@host) and
a SEQUENCE that is the record's version, so a client that imports the feed again moves the
event it already has instead of adding a second one. A "my work" feed holds the milestones
and action items its owner owns (issue 15: "my work" as a calendar feed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext
from icalendar import Event
from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import joinedload

from tracker import clock
from tracker.domain.anniversaries import Anniversary
from tracker.i18n import current_language, language
from tracker.models import (
    ActionItem,
    ActionStatus,
    Agreement,
    CalendarFeed,
    FeedScope,
    Follow,
    Milestone,
    NegotiationTrack,
    User,
    track_members,
)
from tracker.orm import db
from tracker.services import gate
from tracker.services.anniversaries import upcoming_anniversaries
from tracker.services.calendar_events import build_calendar
from tracker.services.calendar_treaty import load_for_feed, treaty_events
from tracker.services.errors import ServiceError
from tracker.services.gate import NotFound
from tracker.services.my_work import action_item_not_archived, milestone_not_archived
from tracker.services.records import record_audit
from tracker.services.tokens import hash_token, new_token
from tracker.services.visibility import (
    action_item_is_visible,
    may_see_track,
    milestone_is_visible,
)

#: how far back a feed reaches: a year of past milestones, every future one
PAST_DAYS = 365
#: anniversaries this far ahead (a client re-reads the feed long before they run out)
ANNIVERSARY_DAYS = 400
#: the most milestones one feed carries (calendar clients choke on huge feeds)
FEED_LIMIT = 2_000


def create_feed(
    user: User,
    scope: FeedScope,
    *,
    track: NegotiationTrack | None = None,
    agreement: Agreement | None = None,
) -> tuple[CalendarFeed, str]:
    """A new feed and its token; the token is shown once and never stored."""
    if scope is FeedScope.TRACK and (track is None or not may_see_track(user, track)):
        raise ServiceError("Choose a track you may see.")
    if scope is FeedScope.AGREEMENT and agreement is None:
        raise ServiceError("Choose an agreement.")
    token = new_token()
    feed = CalendarFeed(
        user_id=user.id,
        scope=scope,
        track_id=track.id if scope is FeedScope.TRACK and track else None,
        agreement_id=agreement.id if scope is FeedScope.AGREEMENT and agreement else None,
        token_hash=hash_token(token),
    )
    db.session.add(feed)
    with language(None):  # the audit log's own words are English
        record_audit(user, "feed.created", feed, f"Created a calendar feed ({feed_label(feed)})")
    db.session.flush()
    return feed, token


def existing_feed(
    user: User,
    scope: FeedScope,
    *,
    track: NegotiationTrack | None = None,
    agreement: Agreement | None = None,
) -> CalendarFeed | None:
    """The user's live (not revoked) feed of this scope and record, the oldest, if any."""
    return db.session.scalar(
        select(CalendarFeed)
        .where(
            CalendarFeed.user_id == user.id,
            CalendarFeed.scope == scope,
            CalendarFeed.revoked_at.is_(None),
            CalendarFeed.track_id == (track.id if scope is FeedScope.TRACK and track else None),
            CalendarFeed.agreement_id
            == (agreement.id if scope is FeedScope.AGREEMENT and agreement else None),
        )
        .order_by(CalendarFeed.id)
        .limit(1)
    )


def revoke_feed(feed: CalendarFeed, *, actor: User) -> None:
    if feed.revoked_at is not None:
        return
    feed.revoked_at = clock.now_utc()
    with language(None):
        record_audit(actor, "feed.revoked", feed, f"Revoked a calendar feed ({feed_label(feed)})")
    db.session.flush()


def feed_label(feed: CalendarFeed) -> str:
    """What the feed covers, as its owner may know it, in the current language (with the
    official name in that language: issue 15#11): a track made restricted since the feed
    was created, and which the owner may not see, is not named (its feed answers 404)."""
    shown_in = current_language()
    if feed.scope is FeedScope.TRACK and feed.track is not None:
        if not may_see_track(feed.user, feed.track):
            return gettext("a track you may no longer see")
        return gettext("track: %(name)s", name=feed.track.name_in(shown_in))
    if feed.scope is FeedScope.AGREEMENT and feed.agreement is not None:
        return gettext("agreement: %(name)s", name=feed.agreement.display_title_in(shown_in))
    if feed.scope is FeedScope.MY_WORK:
        return gettext("my work: my milestones and action items")
    return gettext("my milestones and what I follow")


def active_feed(token: str) -> CalendarFeed | None:
    """The live feed a token opens, or None (unknown, revoked, or its owner deactivated)."""
    if not token or len(token) > 100:
        return None
    feed = db.session.scalar(
        select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(token))
    )
    if feed is None or feed.revoked_at is not None or not feed.user.active:
        return None
    if feed.scope is FeedScope.TRACK and (
        feed.track is None or not may_see_track(feed.user, feed.track)
    ):
        return None
    return feed


def own_feed(user: User, feed_id: int) -> CalendarFeed:
    """One of the user's own feeds (revoked ones too). Raises NotFound for another's."""
    feed = db.session.scalar(
        select(CalendarFeed).where(CalendarFeed.id == feed_id, CalendarFeed.user_id == user.id)
    )
    if feed is None:
        raise NotFound("calendar feed")
    return feed


def user_feeds(user: User) -> list[CalendarFeed]:
    return list(
        db.session.scalars(
            select(CalendarFeed)
            .where(CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None))
            .order_by(CalendarFeed.id)
        )
    )


@dataclass(frozen=True)
class FeedScopeFilter:
    """Which milestones and anniversaries a feed holds."""

    milestones: ColumnElement[bool]
    agreement_ids: set[int] | None  # None: every agreement's anniversaries
    track_ids: set[int] | None


def _scope_of(feed: CalendarFeed) -> FeedScopeFilter:
    if feed.scope is FeedScope.MY_WORK:
        # What the owner owns; no anniversaries (they are no one's work).
        return FeedScopeFilter(Milestone.owner_id == feed.user_id, set(), set())
    if feed.scope is FeedScope.TRACK:
        return FeedScopeFilter(Milestone.track_id == feed.track_id, set(), {feed.track_id or 0})
    if feed.scope is FeedScope.AGREEMENT:
        # The agreement's own milestones, and those of the tracks negotiated under it.
        framed = set(
            db.session.scalars(
                select(NegotiationTrack.id).where(
                    NegotiationTrack.framework_agreement_id == feed.agreement_id
                )
            )
        )
        return FeedScopeFilter(
            or_(Milestone.agreement_id == feed.agreement_id, Milestone.track_id.in_(framed)),
            {feed.agreement_id or 0},
            framed,
        )
    user_id = feed.user_id
    followed = list(db.session.execute(select(Follow).where(Follow.user_id == user_id)).scalars())
    track_ids = {f.track_id for f in followed if f.track_id}
    track_ids |= set(
        db.session.scalars(
            select(NegotiationTrack.id).where(NegotiationTrack.lead_officer_id == user_id)
        )
    )
    track_ids |= set(
        db.session.scalars(
            select(track_members.c.track_id).where(track_members.c.user_id == user_id)
        )
    )
    agreement_ids = {f.agreement_id for f in followed if f.agreement_id}
    agreement_ids |= set(
        db.session.scalars(select(Agreement.id).where(Agreement.owner_id == user_id))
    )
    body_ids = {f.body_id for f in followed if f.body_id}
    conditions = [Milestone.owner_id == user_id]
    if track_ids:
        conditions.append(Milestone.track_id.in_(track_ids))
    if agreement_ids:
        conditions.append(Milestone.agreement_id.in_(agreement_ids))
    if body_ids:
        conditions.append(Milestone.body_id.in_(body_ids))
    return FeedScopeFilter(or_(false(), *conditions), agreement_ids, track_ids)


def feed_milestones(feed: CalendarFeed, today: date) -> list[Milestone]:
    scope = _scope_of(feed)
    return list(
        db.session.scalars(
            select(Milestone)
            .options(joinedload(Milestone.track), joinedload(Milestone.body))
            .where(
                scope.milestones,
                # archived work is no one's work (issue 15): not in a "my work" feed
                milestone_not_archived() if feed.scope is FeedScope.MY_WORK else true(),
                milestone_is_visible(feed.user),
                Milestone.planned_on >= today - timedelta(days=PAST_DAYS),
            )
            .order_by(Milestone.planned_on, Milestone.id)
            .limit(FEED_LIMIT)
        )
    )


def feed_action_items(feed: CalendarFeed, today: date) -> list[ActionItem]:
    """A "my work" feed's action items: those its owner owns and may see, open or done (not
    dropped nor cancelled), due from a year ago on; none for the other feeds."""
    if feed.scope is not FeedScope.MY_WORK:
        return []
    return list(
        db.session.scalars(
            select(ActionItem)
            .options(joinedload(ActionItem.meeting), joinedload(ActionItem.track))
            .where(
                ActionItem.owner_id == feed.user_id,
                ActionItem.status != ActionStatus.DROPPED,
                ActionItem.cancelled_on.is_(None),
                action_item_not_archived(),
                action_item_is_visible(feed.user),
                ActionItem.due_on >= today - timedelta(days=PAST_DAYS),
            )
            .order_by(ActionItem.due_on, ActionItem.id)
            .limit(FEED_LIMIT)
        )
    )


def feed_anniversaries(feed: CalendarFeed, today: date) -> list[Anniversary]:
    scope = _scope_of(feed)
    found = upcoming_anniversaries(
        today, today + timedelta(days=ANNIVERSARY_DAYS), viewer=feed.user
    )
    return [
        a
        for a in found
        if (a.event.object_type == "Agreement" and _admits(scope.agreement_ids, a.event.object_id))
        or (
            a.event.object_type == "NegotiationTrack"
            and _admits(scope.track_ids, a.event.object_id)
        )
    ]


def _admits(ids: set[int] | None, object_id: int) -> bool:
    return ids is None or object_id in ids


def feed_calendar(feed: CalendarFeed, *, host: str, today: date, now: datetime) -> bytes:
    """The feed as an iCalendar file; records when it was last read.

    An administrator's feed that shows records of restricted tracks not theirs is audited
    at each read, as the lists are (gate.audit_admin_list; issue 13: administrators' reads
    of restricted records are audited); other feeds write nothing but the hourly mark."""
    milestones = feed_milestones(feed, today)
    action_items = feed_action_items(feed, today)
    gate.audit_admin_list(feed.user, Milestone, milestones, lambda m: [m.track])
    gate.audit_admin_list(feed.user, ActionItem, action_items, lambda i: [i.track, i.meeting.track])
    anniversaries = feed_anniversaries(feed, today)
    # At most one write an hour per feed: clients poll, and a read should stay a read.
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        feed.last_used_at = now
        db.session.flush()
    # A calendar client asks without a session: the feed's name and its events' texts are
    # in the feed owner's language, official names included (issue 15#11).
    with language(feed.user.language):
        treaty: list[Event] = []
        if feed.scope is FeedScope.AGREEMENT and feed.agreement_id is not None:
            agreement = load_for_feed(feed.agreement_id)
            if agreement is not None:
                treaty = treaty_events(agreement, host=host, today=today, now=now)
        return build_calendar(
            f"Accord Tracker: {feed_label(feed)}",
            milestones,
            anniversaries,
            host=host,
            now=now,
            action_items=action_items,
            events=treaty,
        )
