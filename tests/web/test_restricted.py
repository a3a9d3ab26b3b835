"""Restricted tracks: seen only by administrators, their lead officer and assigned officers."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from tracker.domain.workflow import TrackStatus
from tracker.models import Classification, MilestoneKind
from tracker.orm import db
from tracker.services.reminders import due_reminders
from tracker.services.reports import build_weekly_report


@pytest.fixture
def cast(make):
    lead = make.user(role="officer", name="Lead Officer")
    member = make.user(role="officer", name="Assigned Officer")
    outsider = make.user(role="officer", name="Other Officer")
    admin = make.user(role="admin", name="An Admin")
    secret = make.track(
        name="Sanctions talks",
        lead=lead,
        classification=Classification.RESTRICTED,
        since=date(2026, 1, 5),
        next_step="Quiet contacts",
    )
    secret.members = [member]
    db.session.commit()
    make.milestone(
        secret,
        title="Back-channel meeting",
        kind=MilestoneKind.MEETING,
        planned_on=date(2026, 1, 19),
        owner_id=outsider.id,
    )
    public = make.track(name="Visa facilitation", lead=lead, since=date(2026, 1, 5))
    return {
        "lead": lead,
        "member": member,
        "outsider": outsider,
        "admin": admin,
        "secret": secret,
        "public": public,
    }


@pytest.mark.parametrize("who", ["lead", "member", "admin"])
def test_those_entitled_see_it_everywhere(client, cast, who) -> None:
    client.login(cast[who])
    secret = cast["secret"]
    assert "Sanctions talks" in client.get("/tracks/").text
    assert "Sanctions talks" in client.get("/tracks/?q=sanctions").text
    assert "Sanctions talks" in client.get("/").text
    assert "Back-channel meeting" in client.get("/milestones/").text
    assert client.get(f"/tracks/{secret.id}").status_code == 200


def test_anyone_else_sees_no_trace_of_it(client, cast, viewer) -> None:
    secret = cast["secret"]
    milestone = secret_milestone_id(secret)
    for user in (cast["outsider"], viewer):
        client.login(user)
        for path in (
            "/tracks/",
            "/tracks/?q=sanctions",
            "/",
            "/milestones/",
            "/milestones/?q=back-channel",
            "/milestones/new",
        ):
            page = client.get(path).text
            assert "Sanctions talks" not in page and "Back-channel" not in page, path
        assert "Visa facilitation" in client.get("/tracks/").text
        for path in (f"/tracks/{secret.id}", f"/milestones/{milestone}"):
            assert client.get(path).status_code == 404
    client.login(cast["outsider"])
    response = client.submit(
        f"/tracks/{secret.id}/status",
        {"to_status": "negotiating", "effective_on": "2026-01-10", "expected_status": "launched"},
    )
    assert response.status_code == 404
    db.session.expire_all()
    assert secret.status is TrackStatus.LAUNCHED
    # Counts on the dashboard do not betray it either.
    dashboard = client.get("/").text
    chart = dashboard[dashboard.index('<table class="chart">') :]
    assert re.search(r">Launched</th>\s*<td[^>]*>.*?</td>\s*<td[^>]*>1</td>", chart, re.S)


def secret_milestone_id(track) -> int:
    from sqlalchemy import select

    from tracker.models import Milestone

    return db.session.scalar(select(Milestone.id).where(Milestone.track_id == track.id))


def test_reminders_about_it_go_only_to_those_entitled(cast) -> None:
    reminders = due_reminders(datetime(2026, 1, 12, 6, 30, tzinfo=UTC))
    about_secret = {r.user_id for r in reminders if cast["secret"].id in r.track_ids}
    # The milestone's owner is not entitled to the track, so hears nothing of it.
    assert cast["outsider"].id not in about_secret
    assert cast["lead"].id in about_secret


def test_the_shared_weekly_report_leaves_it_out(cast) -> None:
    report = build_weekly_report("2026-W02")
    names = [c.track_name for c in report.status_changes]
    assert "Visa facilitation" in names and "Sanctions talks" not in names
    upcoming = build_weekly_report("2026-W01").upcoming_milestones
    assert all(m.title != "Back-channel meeting" for m in upcoming)
    # Idle for months, both tracks are stale; only the public one is reported.
    stale = [t.name for t in build_weekly_report("2026-W40").stale_tracks]
    assert stale == ["Visa facilitation"]


def test_an_officer_assigns_colleagues_on_the_track_form(client, cast) -> None:
    client.login(cast["lead"])
    secret = cast["secret"]
    response = client.submit(
        f"/tracks/{secret.id}/edit",
        {
            "name": "Sanctions talks",
            "classification": "restricted",
            "member_ids": [str(cast["member"].id), str(cast["outsider"].id)],
            "version": str(secret.version),
        },
    )
    assert response.status_code == 302
    client.login(cast["outsider"])
    assert client.get(f"/tracks/{secret.id}").status_code == 200
