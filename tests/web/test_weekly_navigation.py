"""A weekly report one can navigate (issue 15, item 9): weeks named by their dates, the
week before and after, a week picker, what was held or completed in the week, record
names as links, lateness as of today in the week still running, and a printout without
the preview's note."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import time_machine
from sqlalchemy import select

from tracker.models import Milestone
from tracker.orm import db
from tracker.services.demo import seed_demo_data
from tracker.services.reports import build_weekly_report
from tracker.services.reports.audience import reader_sees, report_for


def text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.get_data(as_text=True)))


def test_the_2025_w49_report_names_the_22nd_cooperation_council(client, officer) -> None:
    seed_demo_data()
    client.login(officer)
    page = text(client.get("/reports/weekly/2025-W49"))
    held = page[page.index("Held or completed this week") : page.index("Status changes")]
    assert "22nd Cooperation Council" in held and "3 Dec 2025" in held
    council = db.session.scalar(
        select(Milestone).where(Milestone.title == "22nd Cooperation Council")
    )
    assert f'href="/milestones/{council.id}"' in client.get("/reports/weekly/2025-W49").text


def test_a_week_is_named_by_its_dates_in_each_language(client, make) -> None:
    for language, name in (
        ("en", "1 – 7 Dec 2025"),
        ("ru", "1—7 дек. 2025 г."),
        ("kk", "2025 ж. 1–7 жел."),
    ):
        reader = make.user(role="officer", language=language)
        client.login(reader)
        page = text(client.get("/reports/weekly/2025-W49"))
        assert f"<h1>{name}</h1>" in page, language
        assert "2025-W49" in page  # still there, as the caption
        client.get("/logout")  # (a GET: no logout; the next login replaces the session)


def test_previous_and_next_weeks_and_the_picker(client, officer) -> None:
    client.login(officer)
    page = client.get("/reports/weekly/2026-W01").text
    assert 'rel="prev" href="/reports/weekly/2025-W52"' in page
    assert 'rel="next" href="/reports/weekly/2026-W02"' in page
    last = client.get("/reports/weekly/2027-W52").text  # reports go up to next year's end
    assert 'rel="next"' not in last
    picked = client.get("/reports/weekly/?week=2025-W49")
    assert picked.status_code == 302 and picked.location.endswith("/reports/weekly/2025-W49")
    wrong = client.get("/reports/weekly/?week=2025-W60")
    assert wrong.status_code == 422
    assert "Choose a week from the calendar, such as 2025-W49." in text(wrong)


def test_the_week_still_running_is_late_as_of_today(client, officer, make) -> None:
    track = make.track()
    make.milestone(track, title="Due yesterday", planned_on=date(2026, 1, 13))
    make.milestone(track, title="Due tomorrow", planned_on=date(2026, 1, 15))
    with time_machine.travel(datetime(2026, 1, 14, 9, tzinfo=UTC), tick=False):
        report = build_weekly_report("2026-W03", today=date(2026, 1, 14))
    assert [(m.title, m.days_late) for m in report.overdue] == [("Due yesterday", 1)]
    assert "Due tomorrow" in [m.title for m in report.upcoming_milestones]
    assert report.ends_on == date(2026, 1, 18)  # the week is still named whole


def test_what_was_held_keeps_a_restricted_track_to_its_readers(make, officer) -> None:
    lead = make.user(role="officer")
    secret = make.track(classification="restricted", lead=lead, name="Hidden track")
    make.milestone(
        secret, title="Hidden round", planned_on=date(2026, 1, 6), done_on=date(2026, 1, 6)
    )
    make.milestone(
        make.track(), title="Public round", planned_on=date(2026, 1, 7), done_on=date(2026, 1, 7)
    )
    data = build_weekly_report("2026-W02")
    assert [m.title for m in report_for(data, reader_sees(officer)).held] == ["Public round"]
    assert [m.title for m in report_for(data, reader_sees(lead)).held] == [
        "Hidden round",
        "Public round",
    ]
    assert report_for(data, reader_sees(officer)).totals["held"] == 1


def test_the_preview_note_is_not_printed(client, officer) -> None:
    client.login(officer)
    page = client.get("/reports/weekly/2026-W03").text
    assert (
        '<p class="lead no-print">Live preview of the week so far, up to now; not stored yet.</p>'
        in page
    )
    stylesheet = client.get("/static/css/print.css")
    assert ".no-print" in stylesheet.get_data(as_text=True)
    stylesheet.close()


def test_the_mailed_report_links_its_records_absolutely(app, officer, make) -> None:
    from tracker.models import OutboxMessage
    from tracker.services.reports import queue_weekly_report

    track = make.track(name="Visa facilitation")
    make.milestone(track, title="Round 1", planned_on=date(2026, 1, 6), done_on=date(2026, 1, 6))
    queue_weekly_report("2026-W02", datetime(2026, 1, 12, 6, tzinfo=UTC))
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == officer.email))
    base = app.config["BASE_URL"].rstrip("/")
    assert f'href="{base}/milestones/' in mail.body_html
    assert 'href="/milestones/' not in mail.body_html


def test_a_projected_meeting_reads_without_a_second_colon_in_russian_and_kazakh(
    client, make
) -> None:
    """'23-е заседание: Совет сотрудничества: ожидается около …' read with two colons."""
    seed_demo_data()
    for language, title in (
        ("ru", "23-е заседание органа «EU–Kazakhstan Cooperation Council»"),
        ("kk", "«EU–Kazakhstan Cooperation Council» органының 23-отырысы"),
    ):
        client.login(make.user(role="officer", language=language))
        page = text(client.get("/"))
        assert title in page, language


def test_the_preview_of_the_running_week_says_it_is_the_week_so_far(client, officer) -> None:
    """README: the week still running is a live preview of the week so far; the page says
    so (tracker.domain.weeks.report_window), a past week's preview says only "live"."""
    client.login(officer)
    with time_machine.travel(datetime(2026, 1, 14, 9, 0, tzinfo=UTC), tick=False):
        page = html.unescape(client.get("/reports/weekly/2026-W03").text)
        past = html.unescape(client.get("/reports/weekly/2026-W02").text)
        officer.language = "ru"
        db.session.commit()
        client.login(officer)
        russian = html.unescape(client.get("/reports/weekly/2026-W03").text)
    assert "Live preview of the week so far, up to now; not stored yet." in page
    assert "Live preview; not stored yet." in past
    assert "Предварительный просмотр: неделя на текущий момент" in russian
