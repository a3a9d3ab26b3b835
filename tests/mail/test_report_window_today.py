"""The weekly report's live preview and the report sent cover the same days
(tracker.domain.weeks.report_window): the week still running is the week so far, up to
now (README), so an act recorded today is in today's preview and in a report sent today
for the running week, while the report sent on Monday for last week leaves it out."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import time_machine

from tracker.jobs import JOBS, run_job
from tracker.models import PartyAction, WeeklyReport
from tracker.orm import db
from tracker.services.reports import WeeklyReportData

WEEKLY = next(j for j in JOBS if j.id == "weekly-report")
#: Monday 12 January 2026, 07:30 (UTC is the tests' time zone): last week's report goes out
MONDAY = datetime(2026, 1, 12, 7, 30, tzinfo=UTC)
WEDNESDAY = datetime(2026, 1, 14, 11, 0, tzinfo=UTC)
NEXT_MONDAY = datetime(2026, 1, 19, 7, 30, tzinfo=UTC)


def _record(agreement, kind: str, when: datetime) -> None:
    with time_machine.travel(when, tick=False):
        agreement.ratifications[0].actions.append(PartyAction(kind=kind, on=date(2026, 1, 5)))
        db.session.commit()


def _stored(week: str) -> list[str]:
    report = db.session.query(WeeklyReport).filter_by(iso_week=week).one()
    return [a.kind for a in WeeklyReportData.from_json(report.data).actions_recorded]


def _preview(client, officer, week: str) -> str:
    """The week's report page, read now (logged in now: a session has its age)."""
    client.login(officer)
    page = client.get(f"/reports/weekly/{week}")
    assert page.status_code == 200
    return html.unescape(page.text)


def test_an_act_recorded_today_is_in_the_week_so_far_not_in_last_weeks_report(
    client, officer, make
) -> None:
    agreement = make.agreement(parties=[make.party("Republic")], title="Test convention")
    _record(agreement, "declaration", MONDAY)
    with time_machine.travel(MONDAY, tick=False):
        run_job(client.application, WEEKLY, MONDAY)
        assert _stored("2026-W02") == []  # the report sent today: last week's
        assert "Declaration" in _preview(client, officer, "2026-W03")  # the week so far
    _record(agreement, "reservation", WEDNESDAY)
    with time_machine.travel(WEDNESDAY, tick=False):
        preview = _preview(client, officer, "2026-W03")
        assert "Declaration" in preview and "Reservation" in preview
    with time_machine.travel(NEXT_MONDAY, tick=False):
        run_job(client.application, WEEKLY, NEXT_MONDAY)
        assert _stored("2026-W03") == ["declaration", "reservation"]


def test_a_report_sent_for_the_running_week_covers_what_its_preview_does(
    client, officer, make
) -> None:
    """`flask report weekly --send --week <this week>` stores what the preview shows."""
    from tracker.services.reports import queue_weekly_report

    agreement = make.agreement(parties=[make.party("Republic")], title="Test convention")
    _record(agreement, "declaration", MONDAY)
    _record(agreement, "reservation", WEDNESDAY)
    with time_machine.travel(WEDNESDAY, tick=False):
        queue_weekly_report("2026-W03", WEDNESDAY)
        db.session.commit()
        assert _stored("2026-W03") == ["declaration", "reservation"]
        assert "Reservation" in _preview(client, officer, "2026-W03")
