"""The weekly report: built from history, stored, sent once, viewable and downloadable."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from flask import render_template
from sqlalchemy import select

from tracker.jobs import JOBS, run_due, run_job
from tracker.models import WeeklyReport
from tracker.orm import db
from tracker.services import reports
from tracker.services.demo import seed_demo_data
from tracker.services.reports import build_weekly_report, report_week_due, sections

WEEKLY = next(j for j in JOBS if j.id == "weekly-report")
DRAIN = next(j for j in JOBS if j.id == "outbox-drain")


def test_report_lists_the_launches_of_2_december_2025() -> None:
    seed_demo_data(today=date(2025, 12, 8))
    report = build_weekly_report("2025-W49")
    assert (report.starts_on, report.ends_on) == (date(2025, 12, 1), date(2025, 12, 7))
    assert [(c.track_name, c.to_status, c.effective_on) for c in report.status_changes] == [
        ("EU–Kazakhstan readmission agreement", "Launched", date(2025, 12, 2)),
        ("EU–Kazakhstan visa facilitation agreement", "Launched", date(2025, 12, 2)),
        # seeded six days after the launch, the demo's two rounds fall on the launch day,
        # and a track whose rounds were held is negotiating (tracker.services.demo_text)
        ("EU–Kazakhstan visa facilitation agreement", "Negotiating", date(2025, 12, 2)),
    ]
    assert [(a.title, a.jubilee) for a in report.anniversaries] == [
        ("10th anniversary of the signature of the EPCA", True)
    ]
    # issue 16 #7: the demo records every EPCA Party's consent (its date not recorded), so
    # the agreement in force is no longer listed as pending with "0 of 2"
    assert [(r.title, r.ratified, r.parties) for r in report.ratifications] == []
    assert build_weekly_report("2025-W48").status_changes == []


def test_report_sections_overdue_upcoming_and_stale(make) -> None:
    lead = make.user(role="officer", name="Lead")
    quiet = make.track(lead=lead, since=date(2025, 9, 1), name="Quiet track")
    make.milestone(quiet, title="Late one", planned_on=date(2025, 12, 3))
    make.milestone(quiet, title="Soon", planned_on=date(2025, 12, 20))
    make.milestone(quiet, title="Too far", planned_on=date(2026, 2, 1))
    report = build_weekly_report("2025-W49")
    assert [(m.title, m.days_late) for m in report.overdue] == [("Late one", 5)]
    assert [m.title for m in report.upcoming_milestones] == ["Soon"]
    # The milestones were just written (today is Jan 2026), so the track is active again.
    assert report.stale_tracks == []


def test_long_sections_list_the_most_pressing_items_and_say_how_many_more(
    make, monkeypatch
) -> None:
    monkeypatch.setattr(sections, "SECTION_LIMIT", 2)
    track = make.track(since=date(2025, 9, 1), name="Busy track")
    for day in (1, 2, 3):
        make.milestone(track, title=f"Late {day}", planned_on=date(2025, 12, day))
    kz, eu, uz = make.party("Kazakhstan"), make.party("EU"), make.party("Uzbekistan")
    done = make.agreement(parties=[kz], title="Done", in_force_on=date(2020, 3, 1))
    done.ratifications[0].notified_on = date(2019, 1, 1)
    for title in ("Pending A", "Pending B", "Pending C"):
        make.agreement(parties=[eu, uz], title=title)
    db.session.commit()

    report = build_weekly_report("2025-W49")
    # The most recently slipped first.
    assert [m.title for m in report.overdue] == ["Late 3", "Late 2"]
    assert report.more("overdue") == 1
    assert [r.title for r in report.ratifications] == ["Pending A", "Pending B"]
    assert report.more("ratifications") == 1
    # The totals survive the stored snapshot, and the email says what was left out.
    stored = reports.WeeklyReportData.from_json(report.to_json())
    assert stored.more("overdue") == 1
    text = render_template("reports/_weekly_body.txt", report=stored, email=True)
    assert "... and 1 more overdue milestones" in text
    assert "... and 1 more agreements" in text
    # A snapshot stored before totals existed shows what it has.
    legacy = report.to_json()
    del legacy["totals"]
    assert reports.WeeklyReportData.from_json(legacy).more("overdue") == 0


def test_scheduler_down_over_monday_sends_that_weeks_report_once(app, mailbox, viewer) -> None:
    seed_demo_data(today=date(2025, 12, 8))
    db.session.commit()  # the services only flush: the test ends the request here
    monday_early = datetime(2025, 12, 8, 6, 0, tzinfo=UTC)
    assert report_week_due(monday_early) == "2025-W48"
    tuesday = datetime(2025, 12, 9, 10, 0, tzinfo=UTC)  # the scheduler starts again
    assert report_week_due(tuesday) == "2025-W49"
    for _ in range(2):  # start-up catch-up, then the next start
        run_job(app, WEEKLY, tuesday)
        run_job(app, DRAIN, tuesday)
    reports = [m for m in mailbox.messages if "2025-W49" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in reports) == sorted(
        ["admin@example.org", "officer@example.org", "viewer@example.org", viewer.email]
    )
    text = reports[0].get_body(preferencelist=("plain",)).get_content()
    html = reports[0].get_body(preferencelist=("html",)).get_content()
    assert "2 Dec 2025: EU–Kazakhstan visa facilitation agreement: Launched" in text
    assert "EU–Kazakhstan readmission agreement" in html
    assert "http://tracker.test/reports/weekly/2025-W49" in text
    assert db.session.scalar(select(WeeklyReport.iso_week)) == "2025-W49"


def test_unsubscribed_users_do_not_get_the_report(app, mailbox, make) -> None:
    make.user(email="reader@test.example")
    make.user(email="busy@test.example", weekly_report_enabled=False)
    run_due(app, datetime(2026, 1, 12, 7, 5, tzinfo=UTC))
    assert [str(m["To"]) for m in mailbox.messages] == ["reader@test.example"]


def test_report_send_command_delivers_the_launch_week(runner, mailbox) -> None:
    seed_demo_data(today=date(2025, 12, 8))
    result = runner.invoke(args=["report", "weekly", "--week", "2025-W49", "--send"])
    assert result.exit_code == 0, result.output
    assert "3 report(s) queued; 3 sent" in result.output
    text = mailbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "EU–Kazakhstan visa facilitation agreement: Launched" in text
    again = runner.invoke(args=["report", "weekly", "--week", "2025-W49", "--send"])
    assert "0 report(s) queued" in again.output
    assert len(mailbox.messages) == 3


def test_report_pages_archive_and_csv(app, client, viewer) -> None:
    seed_demo_data(today=date(2025, 12, 8))
    client.login(viewer)
    live = client.get("/reports/weekly/2025-W49")
    assert live.status_code == 200
    assert "Live preview; not stored yet." in live.text
    assert "EU–Kazakhstan visa facilitation agreement" in live.text

    with app.app_context():
        run_job(app, WEEKLY, datetime(2025, 12, 9, 10, 0, tzinfo=UTC))
    stored = client.get("/reports/weekly/2025-W49").text
    assert "Stored" in stored
    archive = client.get("/reports/weekly/").text
    assert 'href="/reports/weekly/2025-W49"' in archive

    response = client.get("/reports/weekly/2025-W49.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == ["section", "date", "item", "detail", "who", "name (ru)", "name (kk)"]
    assert [
        "status change",
        "2025-12-02",
        "EU–Kazakhstan visa facilitation agreement",
        "Launched",
        "Demo Officer",
        "",
        "",
    ] in rows

    assert client.get("/reports/weekly/2025-W99").status_code == 404
    assert client.get("/reports/weekly/nonsense").status_code == 404


def test_csv_cells_cannot_become_formulas(make) -> None:
    from tracker.services.reports import report_csv

    track = make.track(name='=HYPERLINK("http://evil")', since=date(2025, 12, 2))
    del track
    body = report_csv(build_weekly_report("2025-W49"))
    assert "'=HYPERLINK" in body


def test_coming_up_is_one_list_in_date_order(app, client, viewer, make, mailbox) -> None:
    """fc16d: the look-ahead listed its milestones, then its anniversaries, so the table
    read 20 Dec, 28 Dec, 21 Dec. One list in date order, in the page and in the mail."""
    track = make.track(name="Ordered track")
    make.milestone(track, title="Before the anniversary", planned_on=date(2025, 12, 20))
    make.milestone(track, title="After the anniversary", planned_on=date(2025, 12, 28))
    make.agreement(title="Ordering agreement", signed_on=date(2015, 12, 21))
    report = build_weekly_report("2025-W49")
    assert [(on, kind) for on, kind, _ in report.coming_up()] == [
        (date(2025, 12, 20), "milestone"),
        (date(2025, 12, 21), "anniversary"),
        (date(2025, 12, 28), "milestone"),
    ]

    client.login(viewer)
    page = client.get("/reports/weekly/2025-W49").text
    section = page.split("Coming up in the next 4 weeks")[1].split("</table>")[0]
    assert (
        section.index("Before the anniversary")
        < section.index("10th anniversary of the signature of Ordering agreement")
        < section.index("After the anniversary")
    )

    with app.app_context():
        run_job(app, WEEKLY, datetime(2025, 12, 9, 10, 0, tzinfo=UTC))
        run_job(app, DRAIN, datetime(2025, 12, 9, 10, 1, tzinfo=UTC))
    text = (
        next(m for m in mailbox.messages if m["To"] == viewer.email)
        .get_body(preferencelist=("plain",))
        .get_content()
    )
    coming = text.split("COMING UP IN THE NEXT 4 WEEKS")[1].split("ACTION ITEMS")[0]
    assert (
        coming.index("Before the anniversary")
        < coming.index("10th anniversary of the signature of Ordering agreement")
        < coming.index("After the anniversary")
    )
