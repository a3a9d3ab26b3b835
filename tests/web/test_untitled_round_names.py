"""Issue 15 (check of the built issue), item 2: wherever a milestone is named (a flash, a
follower's notice, the audit's summary, the weekly report and its CSV), an untitled round
is named by its number in the reader's language ("Round 2" / «Раунд 2» / «2-раунд»), never
by its empty stored title."""

from __future__ import annotations

import html
from datetime import date

import time_machine
from sqlalchemy import select

from tests.web.test_milestone_forms import milestone_form
from tracker.i18n import language, translate
from tracker.models import AuditEvent, FollowEvent, Milestone, MilestoneKind
from tracker.orm import db
from tracker.services.follows import event_summary
from tracker.services.reports import WeeklyReportData, build_weekly_report, report_csv


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_the_flash_of_an_added_untitled_round_names_it(client, officer, make) -> None:
    track = make.track(name="Visa facilitation", lead=officer)
    make.milestone(track, title="Opening round", kind=MilestoneKind.ROUND, number=1)
    officer.language = "ru"
    db.session.commit()
    client.login(officer)
    page = client.submit(
        "/milestones/new",
        milestone_form(track.id, title="", planned_on="2026-02-10"),
        follow_redirects=True,
    )
    assert "Веха «Раунд 2» добавлена." in html.unescape(page.text)


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_notices_and_audit_name_an_untitled_round(client, officer, make) -> None:
    track = make.track(name="Visa facilitation", lead=officer)
    client.login(officer)
    client.submit("/milestones/new", milestone_form(track.id, title="", planned_on="2026-02-10"))
    stored = db.session.scalars(select(Milestone)).one()
    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "milestone.created")
    ).one()
    assert "Round 1" in audit.summary
    event = db.session.scalars(select(FollowEvent)).one()
    assert "Round 1" in event.summary
    with language("kk"):
        assert "1-раунд" in translate(event_summary(event))
    client.submit(
        f"/milestones/{stored.id}/complete",
        {"done_on": "2026-02-10", "outcome": "", "version": str(stored.version)},
    )
    done = db.session.scalars(select(FollowEvent).order_by(FollowEvent.id.desc())).first()
    with language("ru"):
        assert "Раунд 1" in translate(event_summary(done)), done.summary


def test_the_weekly_report_csv_names_an_untitled_round_in_the_readers_language(make) -> None:
    track = make.track(name="Visa facilitation")
    make.milestone(
        track, title="", kind=MilestoneKind.ROUND, number=2, planned_on=date(2026, 1, 22)
    )
    data = build_weekly_report("2026-W03", today=date(2026, 1, 16))
    stored = WeeklyReportData.from_json(data.to_json())  # as the archive keeps it
    for report in (data, stored):
        with language("kk"):
            text = report_csv(report)
        assert "2-раунд" in text and "Round 2" not in text, text


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_the_cancel_and_restore_audit_names_an_untitled_round(client, officer, admin, make) -> None:
    """The audit's summaries of a cancel and of its undoing name the round by its number,
    not 'Cancelled ' with nothing after it."""
    track = make.track(name="Visa facilitation", lead=officer)
    round_ = make.milestone(track, title="", kind=MilestoneKind.ROUND, number=2)
    db.session.commit()
    client.login(officer)
    client.submit(
        f"/milestones/{round_.id}/cancel",
        {"reason": "Postponed by the partners", "version": str(round_.version)},
    )
    db.session.expire_all()
    client.login(admin)
    client.submit(
        f"/milestones/{round_.id}/restore",
        {"version": str(db.session.get(Milestone, round_.id).version)},
    )
    summaries = db.session.scalars(
        select(AuditEvent.summary).where(
            AuditEvent.action.in_(("milestone.cancelled", "milestone.restored"))
        )
    ).all()
    assert len(summaries) == 2, summaries
    assert all("Round 2" in summary for summary in summaries), summaries


def test_the_audit_log_names_an_untitled_round_by_its_number(client, admin, make) -> None:
    """Seen by hand (hcheck): /audit in Kazakh said «Кезең: Кезең #13» for the round
    added without a title, where the rest of the app says «3-раунд»."""
    track = make.track(name="Visa facilitation")
    round_ = make.milestone(track, title="", kind=MilestoneKind.ROUND, number=3)
    db.session.add(
        AuditEvent(action="milestone.created", object_type="Milestone", object_id=round_.id)
    )
    admin.language = "kk"
    db.session.commit()
    client.login(admin)
    page = html.unescape(client.get("/audit").text)
    assert "3-раунд" in page
    assert f"#{round_.id}" not in page
