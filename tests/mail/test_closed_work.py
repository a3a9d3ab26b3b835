"""Nothing about closed work (issue 14, item 4).

A track that is abandoned or in force is closed, a suspended one is paused: its milestones
and action items are neither reminded nor chased as overdue, by mail (through the real SMTP
server), on the dashboard, in the milestones list and the API, nor in the weekly report. Its
track decides, even for a milestone also linked to a live agreement or body. When a suspended
track resumes, nothing that fell due meanwhile is sent late; an item already late gets one
overdue notice, then the weekly rhythm.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.domain.workflow import CLOSED, PAUSED, TrackStatus
from tracker.jobs import run_due
from tracker.models import (
    ActionItem,
    AgreementStatus,
    MilestoneKind,
    NotifyMode,
    Role,
)
from tracker.orm import db
from tracker.services import follows as follow_service
from tracker.services.api_tokens import create_token
from tracker.services.reports import build_weekly_report
from tracker.services.tracks import change_status

ROUND_ON = date(2026, 2, 11)
#: the days the round's reminders and overdue notices would fall on (leads 30, 7, 1, 0;
#: overdue once, then weekly)
CHASING_DAYS = [
    date(2026, 1, 12),
    date(2026, 2, 4),
    date(2026, 2, 10),
    date(2026, 2, 11),
    date(2026, 2, 12),
    date(2026, 2, 19),
    date(2026, 2, 26),
    date(2026, 3, 30),
]


def run_on(app, day: date) -> None:
    """The scheduler's day: every job as of 08:00, the outbox drained to the SMTP server."""
    now = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        run_due(app, now)


def subjects(mailbox) -> list[str]:
    return [str(m["Subject"]) for m in mailbox.messages]


def about(mailbox, *titles: str) -> list[str]:
    return [s for s in subjects(mailbox) if any(t in s for t in titles)]


def world(make, closing: TrackStatus):
    """Two tracks with a round each on ROUND_ON and an action item: one live, one `closing`."""
    lead = make.user(role="officer", email="lead@test.example", name="Lead")
    owner = make.user(role="officer", email="owner@test.example", name="Owner")
    epca = make.agreement(parties=[make.party("Kazakhstan")], short_title="EPCA", title="EPCA")
    council = make.body("Cooperation Council", agreement_id=epca.id)
    live = make.track(TrackStatus.NEGOTIATING, lead=lead, name="Live talks")
    closed = make.track(TrackStatus.NEGOTIATING, lead=lead, name="Closed talks")
    make.milestone(live, title="Live round", planned_on=ROUND_ON, owner_id=owner.id)
    # Linked to a live agreement and a live body as well: its track decides.
    closed_round = make.milestone(
        closed,
        title="Closed round",
        kind=MilestoneKind.ROUND,
        planned_on=ROUND_ON,
        owner_id=owner.id,
        agreement_id=epca.id,
        body_id=council.id,
    )
    db.session.add(
        ActionItem(
            meeting_id=closed_round.id,
            title="Closed item",
            owner_id=owner.id,
            due_on=ROUND_ON,
            track_id=closed.id,
        )
    )
    db.session.commit()
    admin = make.user(role="admin")
    if closing is TrackStatus.IN_FORCE:
        for step in (
            TrackStatus.INITIALLED,
            TrackStatus.SIGNED,
            TrackStatus.RATIFICATION,
            TrackStatus.IN_FORCE,
        ):
            change_status(closed, step, effective_on=date(2026, 1, 12), actor=admin)
    else:
        change_status(
            closed, closing, effective_on=date(2026, 1, 12), actor=admin, comment="Given up."
        )
    db.session.commit()
    return lead, owner, live, closed


@pytest.mark.parametrize("closing", [TrackStatus.ABANDONED, TrackStatus.IN_FORCE])
def test_a_closed_tracks_round_and_items_are_never_reminded(app, mailbox, make, closing) -> None:
    world(make, closing)
    for day in CHASING_DAYS:
        run_on(app, day)
    # The live track's round is reminded and chased as ever, to both...
    assert about(mailbox, "Live round")
    assert any(s.startswith("Overdue: Live round") for s in subjects(mailbox))
    # ...and nothing at all about the closed one, though its agreement and body are live.
    assert about(mailbox, "Closed round", "Closed item") == []


def test_a_suspended_track_is_silent_and_on_resuming_sends_nothing_late(app, mailbox, make) -> None:
    _, owner, _, paused = world(make, TrackStatus.SUSPENDED)
    later = make.milestone(
        paused, title="Later round", planned_on=date(2026, 3, 1), owner_id=owner.id
    )
    assert later.id
    for day in CHASING_DAYS[:6]:  # up to 19 Feb, suspended all along
        run_on(app, day)
    assert about(mailbox, "Closed round", "Closed item", "Later round") == []

    # Resumed on 20 Feb: the late round and item get one overdue notice each, to each.
    resumed = datetime(2026, 2, 20, 7, tzinfo=UTC)
    with time_machine.travel(resumed, tick=False):
        change_status(
            paused, TrackStatus.NEGOTIATING, effective_on=resumed.date(), actor=make.user("admin")
        )
        db.session.commit()
    run_on(app, date(2026, 2, 20))
    late = about(mailbox, "Closed round", "Closed item")
    assert sorted(late) == sorted(
        [
            "Overdue: Closed round (planned 11 Feb 2026, 9 days late)",
            "Overdue: Closed round (planned 11 Feb 2026, 9 days late)",
            "Overdue action item: Closed item (9 days late)",
        ]
    )
    # The later round's 30-day reminder fell due on 30 Jan, during the suspension: not sent.
    assert about(mailbox, "Later round") == []
    run_on(app, date(2026, 2, 21))
    assert len(about(mailbox, "Closed round", "Closed item")) == 3  # nothing more that week
    run_on(app, date(2026, 2, 22))  # the later round's 7-day reminder: its day came after
    assert len(about(mailbox, "Later round")) == 2  # to its owner and the lead
    run_on(app, date(2026, 2, 26))  # then the usual weekly rhythm
    assert len(about(mailbox, "Closed round", "Closed item")) == 6


def overdue_total(page: str) -> int:
    found = re.search(r'id="overdue-title">[^<]*<span class="count">(\d+)</span>', page)
    assert found, "the dashboard's overdue count"
    return int(found.group(1))


@pytest.mark.parametrize(
    "closing", [TrackStatus.ABANDONED, TrackStatus.IN_FORCE, TrackStatus.SUSPENDED]
)
def test_dashboard_list_and_api_count_only_live_work_as_overdue(app, client, make, closing) -> None:
    _, owner, _, _ = world(make, closing)
    owner.role = Role.ADMIN
    db.session.commit()
    on = datetime(2026, 2, 20, 9, tzinfo=UTC)
    with time_machine.travel(on, tick=False):
        client.login(owner)
        page = client.get("/").text
        overdue = page[page.index('id="overdue-title"') : page.index('id="due-title"')]
        assert overdue_total(page) == 1
        assert "Live round" in overdue and "Closed round" not in overdue
        listed = client.get("/milestones/?state=overdue").text
        assert "Live round" in listed and "Closed round" not in listed
        _, token = create_token(owner, "tests")
        db.session.commit()
        api = client.get(
            "/api/v1/milestones?state=overdue", headers={"Authorization": f"Bearer {token}"}
        ).get_json()
        assert [m["title"] for m in api["items"]] == ["Live round"]
        # The owner's own list of open action items leaves the closed track's out too.
        assert "Closed item" not in page[page.index('id="my-items-title"') :]


@pytest.mark.parametrize(
    "closing", [TrackStatus.ABANDONED, TrackStatus.IN_FORCE, TrackStatus.SUSPENDED]
)
def test_weekly_report_lists_only_live_work(make, closing) -> None:
    world(make, closing)
    late = build_weekly_report("2026-W08")  # 16-22 Feb: the rounds are a week late
    assert [m.title for m in late.overdue] == ["Live round"]
    assert [i.title for i in late.action_items] == []
    soon = build_weekly_report("2026-W05")  # 26 Jan-1 Feb: the rounds are coming up
    assert [m.title for m in soon.upcoming_milestones] == ["Live round"]


def test_a_terminated_agreements_ratifications_and_council_are_not_chased(
    app, mailbox, make
) -> None:
    owner = make.user(role="officer", email="owner@test.example")
    kz, eu = make.party("Kazakhstan"), make.party("European Union")
    old = make.agreement(parties=[kz, eu], title="Old agreement", owner_id=owner.id)
    old.ratifications[0].expected_by = date(2026, 1, 5)
    council = make.body("Old council", agreement_id=old.id, cadence_months=12, owner_id=owner.id)
    make.milestone(
        body_id=council.id,
        title="3rd Old council",
        kind=MilestoneKind.MEETING,
        number=3,
        planned_on=date(2025, 1, 20),
        done_on=date(2025, 1, 20),
    )
    old.status = AgreementStatus.TERMINATED
    db.session.commit()
    run_on(app, date(2026, 1, 20))
    run_on(app, date(2026, 1, 27))
    # Only the weekly report, which the owner reads as every officer does.
    assert [s for s in subjects(mailbox) if not s.startswith("Weekly status report")] == []
    report = build_weekly_report("2026-W04")
    assert report.projected_meetings == [] and report.ratifications == []


def test_a_closed_tracks_follower_hears_the_change_and_then_nothing(app, mailbox, make) -> None:
    """The move itself is news to the track's followers; after it, nothing comes."""
    follower = make.user(role="viewer", email="follower@test.example", name="Follower")
    follower.notify_mode = NotifyMode.DAILY
    db.session.commit()
    lead = make.user(role="officer", email="lead@test.example")
    track = make.track(TrackStatus.NEGOTIATING, lead=lead, name="Abandoned talks")
    make.milestone(track, title="Abandoned round", planned_on=ROUND_ON, owner_id=lead.id)
    follow_service.follow(follower, track)
    with time_machine.travel(datetime(2026, 1, 12, 10, tzinfo=UTC), tick=False):
        change_status(
            track,
            TrackStatus.ABANDONED,
            effective_on=date(2026, 1, 12),
            actor=make.user("admin"),
            comment="Given up.",
        )
        db.session.commit()
    for day in [date(2026, 1, 13), *CHASING_DAYS[1:]]:
        run_on(app, day)
    told = [
        str(m["Subject"])
        for m in mailbox.messages
        if "follower@test.example" in str(m["To"]) and not str(m["Subject"]).startswith("Weekly")
    ]
    assert told == ["What changed on 12 Jan 2026: 1 update"]
    # Its lead, who owns the round, hears nothing of it after the move either.
    assert about(mailbox, "Abandoned round") == []


def test_stale_nudges_leave_closed_and_paused_tracks_alone(app, mailbox, make) -> None:
    lead = make.user(role="officer", email="lead@test.example")
    for status in (TrackStatus.ABANDONED, TrackStatus.IN_FORCE, TrackStatus.SUSPENDED):
        make.track(status, lead=lead, since=date(2025, 6, 1), name=f"Idle {status}")
    make.track(TrackStatus.NEGOTIATING, lead=lead, since=date(2025, 6, 1), name="Idle live")
    db.session.commit()
    with time_machine.travel(datetime(2026, 1, 12, 10, tzinfo=UTC), tick=False):
        # Idle since the summer (the factories' writes are not activity of the last 60 days).
        db.session.execute(
            db.text("UPDATE negotiation_tracks SET last_activity_at = NULL"),
        )
        db.session.commit()
    run_on(app, date(2026, 1, 12))
    assert [s for s in subjects(mailbox) if "No activity" in s] == [
        "No activity for 225 days: Idle live"
    ]
    assert [t.name for t in build_weekly_report("2026-W02").stale_tracks] == ["Idle live"]


@pytest.mark.parametrize("closing", [TrackStatus.ABANDONED, TrackStatus.SUSPENDED])
def test_a_closed_tracks_page_shows_its_round_not_overdue(client, make, closing) -> None:
    _, owner, live, closed = world(make, closing)
    on = datetime(2026, 2, 20, 9, tzinfo=UTC)
    with time_machine.travel(on, tick=False):
        client.login(owner)
        assert "tl-overdue" in client.get(f"/tracks/{live.id}").text
        page = client.get(f"/tracks/{closed.id}").text
    assert "Closed round" in page
    assert "tl-overdue" not in page and "<strong>Overdue</strong>" not in page


def test_a_closed_or_paused_tracks_launch_anniversary_is_not_reminded(app, mailbox, make) -> None:
    """The anniversary of launching negotiations is about the negotiation: once it is
    closed or paused, its agreement's own anniversaries are what is celebrated."""
    make.user(role="officer", email="officer@test.example")
    for status in (TrackStatus.NEGOTIATING, *sorted(CLOSED | PAUSED)):
        track = make.track(status, name=f"Launched {status}")
        track.launched_on = date(2021, 2, 11)  # its 5th anniversary: a jubilee
    db.session.commit()
    run_on(app, date(2026, 2, 4))  # a week before
    launches = [s for s in subjects(mailbox) if "launch" in s]
    assert launches and all("Launched negotiating" in s for s in launches)
    report = build_weekly_report("2026-W05")
    assert [a.name for a in report.anniversaries] == ["Launched negotiating"]
