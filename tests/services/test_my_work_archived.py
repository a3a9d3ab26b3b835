"""Issue 15 (check of the built issue), item 1: archived records are not "my work".

An archived track or agreement (and what hangs on it) leaves the "my work" page and its
calendar feed; work that is only paused is still listed, with the reason that fits its kind
(an agreement is suspended or terminated, a track paused or closed).
"""

from __future__ import annotations

from datetime import date

from tracker.domain.workflow import TrackStatus
from tracker.models import AgreementStatus, CalendarFeed, FeedScope, Follow, MilestoneKind
from tracker.orm import db
from tracker.services.calendar import feed_milestones
from tracker.services.my_work import my_work_page

TODAY = date(2026, 1, 12)


def _world(make):
    me = make.user(role="officer")
    archived_track = make.track(TrackStatus.ABANDONED, lead=me, name="Old talks")
    archived_track.archived_on = date(2026, 1, 2)
    archived_track.archive_reason = "Done with"
    old = make.agreement(title="Old agreement", archived_on=date(2026, 1, 2))
    suspended = make.agreement(title="Suspended agreement", status=AgreementStatus.SUSPENDED)
    live = make.track(TrackStatus.NEGOTIATING, lead=me, name="Live talks")
    db.session.add_all(
        [
            Follow(user_id=me.id, track_id=archived_track.id),
            Follow(user_id=me.id, agreement_id=old.id),
            Follow(user_id=me.id, track_id=live.id),
        ]
    )
    db.session.commit()
    ids = {
        "on_archived_track": make.milestone(archived_track, owner_id=me.id).id,
        "on_archived_agreement": make.milestone(agreement_id=old.id, owner_id=me.id).id,
        "on_suspended_agreement": make.milestone(agreement_id=suspended.id, owner_id=me.id).id,
        "live": make.milestone(live, owner_id=me.id, kind=MilestoneKind.ROUND, title="").id,
    }
    return me, ids, live


def test_archived_tracks_agreements_and_their_milestones_are_not_my_work(make) -> None:
    me, ids, live = _world(make)
    page = my_work_page(me, TODAY)
    assert [t.id for t in page.tracks] == [live.id]
    assert [t.id for t in page.followed.tracks] == [live.id]
    assert page.followed.agreements == []
    assert sorted(m.id for m in page.milestones) == sorted(
        [ids["on_suspended_agreement"], ids["live"]]
    )

    feed = CalendarFeed(user_id=me.id, scope=FeedScope.MY_WORK, token_hash="t" * 64)
    db.session.add(feed)
    db.session.flush()
    assert sorted(m.id for m in feed_milestones(feed, TODAY)) == sorted(
        [ids["on_suspended_agreement"], ids["live"]]
    )


def test_paused_work_says_why_in_the_words_of_its_kind(make) -> None:
    from tracker.services.my_work import paused_reason

    me, ids, _live = _world(make)
    page = my_work_page(me, TODAY)
    shown = {m.id: paused_reason(m) for m in page.milestones}
    assert str(shown[ids["on_suspended_agreement"]]) == (
        "On hold: its agreement is suspended or terminated"
    )
    assert shown[ids["live"]] is None
