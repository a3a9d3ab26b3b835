"""Follows end to end: a change to a followed record reaches the follower's mailbox over real
SMTP on loopback, at once or in a daily digest, once, and never to who may not see it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine
from sqlalchemy import select

from tracker.domain.workflow import TrackStatus
from tracker.jobs import JOBS, run_due, run_job
from tracker.models import Classification, Follow, FollowEvent, NotifyMode
from tracker.orm import db
from tracker.services import follows as follow_service
from tracker.services.milestones import update_milestone
from tracker.services.tracks import change_status, create_track

FOLLOW_NOTICES = next(j for j in JOBS if j.id == "follow-notices")
DAILY_DIGEST = next(j for j in JOBS if j.id == "daily-digest")


def follow_mail(mailbox) -> list:
    """The follow notices and digests (run_due also sends the week's report and reminders)."""
    return [
        m for m in mailbox.messages if str(m["Subject"]).startswith(("Update:", "What changed on"))
    ]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_followed_tracks_status_change_reaches_the_follower_over_smtp(
    app, client, mailbox, make, officer, viewer
) -> None:
    track = make.track(TrackStatus.LAUNCHED, since=date(2025, 12, 2), name="Visa facilitation")
    follow_service.follow(viewer, track)

    # The officer moves the track through the web form, as they would.
    client.login(officer)
    response = client.submit(
        f"/tracks/{track.id}/status",
        {
            "to_status": "negotiating",
            "expected_status": "launched",
            "effective_on": "2026-01-12",
            "comment": "First round held in Astana",
        },
    )
    assert response.status_code == 302

    run_due(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))

    assert [str(m["To"]) for m in follow_mail(mailbox)] == [viewer.email]
    message = follow_mail(mailbox)[0]
    assert str(message["Subject"]) == (
        "Update: Visa facilitation moved from launched to negotiating on 12 Jan 2026 "
        "(First round held in Astana)"
    )
    assert f"http://tracker.test/tracks/{track.id}" in text_of(message)

    # A second run sends nothing more.
    run_due(app, datetime(2026, 1, 12, 10, 6, tzinfo=UTC))
    assert len(follow_mail(mailbox)) == 1


def test_the_actor_and_those_who_may_not_see_a_restricted_track_hear_nothing(
    app, make, officer, viewer
) -> None:
    colleague = make.user(role="officer", email="colleague@test.example")
    track = make.track(name="Secret talks", classification=Classification.RESTRICTED, lead=officer)
    for user in (officer, viewer, colleague):
        db.session.add(Follow(user_id=user.id, track_id=track.id))
    db.session.commit()
    track.members = [colleague]
    db.session.commit()

    change_status(track, TrackStatus.NEGOTIATING, effective_on=date(2026, 1, 12), actor=officer)
    event = db.session.scalar(select(FollowEvent))
    assert [u.email for u in follow_service.followers(event)] == [colleague.email]


def test_lead_officers_follow_their_tracks_from_the_start(officer, admin) -> None:
    track = create_track(
        {"name": "Readmission", "lead_officer_id": officer.id},
        status=TrackStatus.LAUNCHED,
        status_since=date(2025, 12, 2),
        counterpart_ids=[],
        actor=admin,
    )
    assert follow_service.is_following(officer, track)
    assert not follow_service.is_following(admin, track)


def test_milestone_moves_and_completion_reach_followers_of_the_body(
    app, mailbox, make, officer, viewer
) -> None:
    body = make.body("EU–Kazakhstan Cooperation Council")
    meeting = make.milestone(body_id=body.id, title="23rd Cooperation Council", kind="meeting")
    follow_service.follow(viewer, body)
    update_milestone(
        meeting, {"planned_on": date(2026, 3, 2)}, actor=officer, expected_version=meeting.version
    )
    db.session.commit()  # the services only flush: the test ends the request here
    run_due(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))
    assert [str(m["Subject"]) for m in follow_mail(mailbox)] == [
        "Update: Moved: 23rd Cooperation Council, now planned 2 Mar 2026"
    ]


def test_daily_followers_get_one_digest_a_day_not_one_mail_per_change(
    app, mailbox, make, officer, viewer
) -> None:
    viewer.notify_mode = NotifyMode.DAILY
    db.session.commit()
    track = make.track(TrackStatus.LAUNCHED, since=date(2025, 12, 2), name="Visa facilitation")
    milestone = make.milestone(track, title="Round 1", planned_on=date(2026, 2, 10))
    follow_service.follow(viewer, track)

    change_status(track, TrackStatus.NEGOTIATING, effective_on=date(2026, 1, 12), actor=officer)
    update_milestone(
        milestone, {"planned_on": date(2026, 2, 17)}, actor=officer, expected_version=1
    )
    db.session.commit()  # the services only flush: the test ends the request here
    run_job(app, FOLLOW_NOTICES, datetime(2026, 1, 12, 12, 0, tzinfo=UTC))
    run_due(app, datetime(2026, 1, 12, 12, 1, tzinfo=UTC))
    assert follow_mail(mailbox) == []  # nothing at once for a daily follower

    next_morning = datetime(2026, 1, 13, 7, 15, tzinfo=UTC)
    with time_machine.travel(next_morning, tick=False):
        run_due(app, next_morning)
        run_due(app, next_morning + timedelta(minutes=1))
    assert [str(m["Subject"]) for m in follow_mail(mailbox)] == [
        "What changed on 12 Jan 2026: 2 updates"
    ]
    body = text_of(follow_mail(mailbox)[0])
    assert "Visa facilitation moved from launched to negotiating" in body
    assert "Moved: Round 1, now planned 17 Feb 2026" in body


def test_told_events_are_pruned_after_a_month(app, make, officer) -> None:
    track = make.track(name="Talks")
    change_status(track, TrackStatus.NEGOTIATING, effective_on=date(2026, 1, 12), actor=officer)
    db.session.commit()  # the services only flush: the test ends the request here
    run_job(app, FOLLOW_NOTICES, datetime(2026, 1, 12, 11, 0, tzinfo=UTC))
    assert db.session.scalar(select(FollowEvent)) is not None
    run_job(app, FOLLOW_NOTICES, datetime(2026, 2, 13, 11, 0, tzinfo=UTC))
    assert db.session.scalar(select(FollowEvent)) is None


def test_many_changes_at_once_reach_an_immediate_follower_as_one_mail(
    app, mailbox, make, officer, viewer
) -> None:
    """A file import of many milestones (found: 5,000 rows sent 5,000 mails to each
    follower) is told as one mail listing the changes; a few changes stay one mail each."""
    from tracker.services.milestones import create_milestone

    track = make.track(TrackStatus.LAUNCHED, since=date(2025, 12, 2), name="Visa facilitation")
    follow_service.follow(viewer, track)
    db.session.commit()
    for n in range(60):
        create_milestone(
            {
                "title": f"Imported deadline {n}",
                "kind": "deadline",
                "planned_on": date(2026, 3, 1),
                "track_id": track.id,
            },
            actor=officer,
        )
    db.session.commit()
    run_due(app, datetime(2026, 1, 12, 10, 5, tzinfo=UTC))
    run_due(app, datetime(2026, 1, 12, 10, 6, tzinfo=UTC))
    mails = follow_mail(mailbox)
    assert [str(m["Subject"]) for m in mails] == ["Update: 60 changes in what you follow"]
    body = text_of(mails[0])
    assert "Imported deadline 0" in body and "Imported deadline 49" in body
    assert "Imported deadline 50" not in body and "and 10 more" in body
