"""due_reminders(now) read straight from the database: who gets what, and when."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from tracker.domain.workflow import TrackStatus
from tracker.orm import db
from tracker.services.demo import seed_demo_data
from tracker.services.reminders import due_reminders


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def keys(reminders) -> list[str]:
    return sorted(r.key for r in reminders)


def milestone_setup(make):
    lead = make.user(role="officer", name="Lead Officer")
    owner = make.user(role="officer", name="Milestone Owner")
    track = make.track(lead=lead, since=date(2026, 1, 10))
    milestone = make.milestone(
        track, title="Round 2", planned_on=date(2026, 2, 11), owner_id=owner.id
    )
    return lead, owner, track, milestone


def test_owner_and_lead_officer_get_each_lead_day(make) -> None:
    lead, owner, _, m = milestone_setup(make)
    due = [r for r in due_reminders(at(date(2026, 1, 12))) if r.kind == "milestone_due"]
    assert keys(due) == sorted(
        f"milestone:{m.id}:lead-30:2026-02-11:user:{u.id}" for u in (lead, owner)
    )
    assert str(due[0].subject) == "Reminder: Round 2 in 30 days (11 Feb 2026)"
    on_the_day = [r for r in due_reminders(at(date(2026, 2, 11))) if r.kind == "milestone_due"]
    assert {r.key.split(":")[2] for r in on_the_day} == {"lead-0"}
    assert str(on_the_day[0].subject) == "Reminder: Round 2 today (11 Feb 2026)"


def test_one_person_who_is_owner_and_lead_gets_one_reminder(make) -> None:
    lead = make.user(role="officer")
    track = make.track(lead=lead)
    make.milestone(track, planned_on=date(2026, 1, 13), owner_id=lead.id)
    due = [r for r in due_reminders(at(date(2026, 1, 12))) if r.kind == "milestone_due"]
    assert [r.user_id for r in due] == [lead.id]


def test_each_user_chooses_lead_days_or_none(make) -> None:
    lead, owner, _, m = milestone_setup(make)
    owner.reminder_lead_days = "14"
    lead.reminders_enabled = False
    db.session.commit()
    assert [r for r in due_reminders(at(date(2026, 1, 12))) if r.kind == "milestone_due"] == []
    due = [r for r in due_reminders(at(date(2026, 1, 28))) if r.kind == "milestone_due"]
    assert keys(due) == [f"milestone:{m.id}:lead-14:2026-02-11:user:{owner.id}"]


def test_moving_a_milestone_gives_fresh_reminders(make) -> None:
    _, owner, _, m = milestone_setup(make)
    before = keys(due_reminders(at(date(2026, 2, 4))))
    m.planned_on = date(2026, 2, 12)
    db.session.commit()
    after = keys(due_reminders(at(date(2026, 2, 5))))
    assert not set(before) & set(after)


def test_overdue_notice_once_then_weekly_until_done(make) -> None:
    _, owner, _, m = milestone_setup(make)

    def overdue(day: date) -> list[str]:
        return keys(r for r in due_reminders(at(day)) if r.kind == "milestone_overdue")

    assert overdue(date(2026, 2, 11)) == []
    first = overdue(date(2026, 2, 12))
    assert f"milestone:{m.id}:overdue-0:2026-02-11:user:{owner.id}" in first
    assert overdue(date(2026, 2, 18)) == first  # same week: the same (already sent) notice
    assert f"milestone:{m.id}:overdue-1:2026-02-11:user:{owner.id}" in overdue(date(2026, 2, 19))
    m.done_on = date(2026, 2, 20)
    db.session.commit()
    assert overdue(date(2026, 2, 26)) == []


def test_stale_track_nudges_its_lead_officer(make) -> None:
    lead = make.user(role="officer")
    with time_machine.travel(datetime(2025, 10, 1, tzinfo=UTC), tick=False):
        track = make.track(lead=lead, since=date(2025, 10, 1), name="Quiet track")
        # A closed track is never stale: only the open one is nudged below.
        make.track(lead=lead, since=date(2025, 10, 1), status=TrackStatus.IN_FORCE)
    stale = [r for r in due_reminders(at(date(2025, 11, 30))) if r.kind == "track_stale"]
    assert [(r.user_id, str(r.subject)) for r in stale] == [
        (lead.id, "No activity for 60 days: Quiet track")
    ]
    assert due_reminders(at(date(2025, 11, 29))) == []
    # Activity resets the clock.
    with time_machine.travel(datetime(2025, 11, 20, tzinfo=UTC), tick=False):
        make.milestone(track, planned_on=date(2026, 3, 1))
    assert [r for r in due_reminders(at(date(2025, 11, 30))) if r.kind == "track_stale"] == []


def test_epca_jubilee_alert_thirty_days_before(officer, viewer) -> None:
    seed_demo_data(today=date(2025, 11, 21))
    alerts = [r for r in due_reminders(at(date(2025, 11, 21))) if r.kind == "anniversary"]
    signature = [r for r in alerts if ":signature:" in r.key]
    # Officers and admins by default; viewers are not on the list.
    assert {r.user_id for r in signature} >= {officer.id}
    assert viewer.id not in {r.user_id for r in alerts}
    assert {str(r.subject) for r in signature} == {
        "Jubilee: 10th anniversary of the signature of the EPCA on 21 Dec 2025 (in 30 days)"
    }
    assert all(":2025:lead-30:" in r.key for r in signature)


def test_ordinary_anniversary_a_week_before(officer) -> None:
    seed_demo_data(today=date(2026, 2, 22))
    alerts = [r for r in due_reminders(at(date(2026, 2, 22))) if r.kind == "anniversary"]
    assert {str(r.subject) for r in alerts if r.user_id == officer.id} == {
        "Anniversary: 6th anniversary of the entry into force of the EPCA on 1 Mar 2026 (in 7 days)"
    }


def test_29_february_anniversary_falls_on_28_february(make, officer) -> None:
    make.agreement(title="Leap Accord", short_title="LA", signed_on=date(2016, 2, 29))
    alerts = [r for r in due_reminders(at(date(2021, 2, 28))) if r.kind == "anniversary"]
    assert [str(r.subject) for r in alerts] == [
        "Jubilee: 5th anniversary of the signature of the LA on 28 Feb 2021 (today)"
    ]


def test_anniversary_recipients_are_configurable(app, make, officer, monkeypatch) -> None:
    chosen = make.user(role="viewer", email="protocol@test.example")
    make.agreement(short_title="EPCA", signed_on=date(2015, 12, 21))
    monkeypatch.setitem(app.config, "ANNIVERSARY_RECIPIENTS", "protocol@test.example")
    alerts = [r for r in due_reminders(at(date(2025, 12, 21))) if r.kind == "anniversary"]
    assert [r.user_id for r in alerts] == [chosen.id]


def test_done_milestones_and_inactive_users_get_nothing(make) -> None:
    lead, owner, _, m = milestone_setup(make)
    owner.active = False
    db.session.commit()
    due = due_reminders(at(date(2026, 1, 12)))
    assert owner.id not in {r.user_id for r in due}
    m.done_on = date(2026, 1, 12)
    db.session.commit()
    assert [r for r in due_reminders(at(date(2026, 1, 12))) if r.kind.startswith("milestone")] == []
