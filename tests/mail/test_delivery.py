"""Mail end to end: jobs queue, the sender drains over real SMTP on loopback, we parse it back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import func, select

from tracker.jobs import JOBS, run_due, run_job
from tracker.mail.sender import SenderSettings, drain_outbox, message_id
from tracker.models import OutboxMessage, OutboxStatus
from tracker.orm import db
from tracker.services.demo import seed_demo_data
from tracker.services.reminders import queue_reminders

EPCA_30_DAYS_BEFORE = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)
REMINDER_SCAN = next(j for j in JOBS if j.id == "reminder-scan")


def settings(app) -> SenderSettings:
    return SenderSettings.from_config(app.config, app.instance_path)


def drain_at(app, moment: datetime):
    """The drain as it runs at `moment`: the clock stands there (claims, retries and the
    cutoff of stale claims are the clock's)."""
    with time_machine.travel(moment, tick=False):
        return drain_outbox(moment, settings(app))


def outbox_count(status: OutboxStatus | None = None) -> int:
    query = select(func.count()).select_from(OutboxMessage)
    if status:
        query = query.where(OutboxMessage.status == status)
    return db.session.scalar(query)


def parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_run_due_delivers_the_epca_jubilee_alert_once(app, mailbox, officer) -> None:
    seed_demo_data(today=EPCA_30_DAYS_BEFORE.date())
    db.session.commit()  # the services only flush: the test ends the request here
    run_due(app, EPCA_30_DAYS_BEFORE)
    jubilee = [m for m in mailbox.messages if "10th anniversary" in str(m["Subject"])]
    assert {str(m["To"]) for m in jubilee} == {
        "officer@example.org",
        "admin@example.org",
        officer.email,
    }
    message = jubilee[0]
    assert str(message["Subject"]) == (
        "Jubilee: 10th anniversary of the signature of the EPCA on 21 Dec 2025 (in 30 days)"
    )
    text, html = parts(message)
    assert "A jubilee: the 10th anniversary of the signature of the EPCA falls in 30 days" in text
    assert "http://tracker.test/agreements/" in text
    assert 'href="http://tracker.test/agreements/' in html
    assert "http://tracker.test/me" in text and 'href="http://tracker.test/me"' in html
    assert str(message["List-Unsubscribe"]) == "<http://tracker.test/me>"
    key = str(message["X-Accord-Tracker-Key"])
    assert str(message["Message-ID"]) == message_id(key, app.config["MAIL_FROM"])

    received = len(mailbox.messages)
    run_due(app, EPCA_30_DAYS_BEFORE)
    run_due(app, EPCA_30_DAYS_BEFORE + timedelta(hours=3))
    assert len(mailbox.messages) == received  # nothing new, nothing twice


def test_a_milestone_reminder_reaches_owner_and_lead(app, mailbox, make) -> None:
    lead = make.user(role="officer", email="lead@test.example", name="Lead")
    owner = make.user(role="officer", email="owner@test.example", name="Owner")
    track = make.track(lead=lead, name="Visa facilitation")
    make.milestone(
        track, title="Round 2", planned_on=date(2026, 1, 19), owner_id=owner.id, location="Astana"
    )
    now = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    run_job(app, REMINDER_SCAN, now)
    drain_outbox(now, settings(app))
    assert sorted(str(m["To"]) for m in mailbox.messages) == [
        "lead@test.example",
        "owner@test.example",
    ]
    text, html = parts(mailbox.messages[0])
    assert str(mailbox.messages[0]["Subject"]) == "Reminder: Round 2 in 7 days (19 Jan 2026)"
    assert "Track: Visa facilitation" in text and "Where: Astana" in text
    assert "<strong>Round 2</strong> is due in 7 days" in html


def test_smtp_down_for_an_hour_then_up_delivers_each_message_once(app, smtp_server, make) -> None:
    mailbox, server = smtp_server
    lead = make.user(role="officer")
    track = make.track(lead=lead)
    for i in range(5):
        make.milestone(track, title=f"Deadline {i}", planned_on=date(2026, 1, 13))
    start = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    queued = queue_reminders(start)
    assert queued == 5

    server.stop()  # the mail server goes down
    now = start
    while now < start + timedelta(hours=1):
        result = drain_at(app, now)
        assert result.sent == 0
        now += timedelta(minutes=1)
    assert outbox_count(OutboxStatus.PENDING) == 5
    attempts = db.session.scalars(select(OutboxMessage.attempts)).all()
    assert all(2 <= a < app.config["OUTBOX_MAX_ATTEMPTS"] for a in attempts)  # backed off
    assert "ConnectionRefusedError" in db.session.scalars(select(OutboxMessage.last_error)).first()

    server.start()  # and comes back
    for _ in range(3):
        now += timedelta(minutes=40)
        drain_at(app, now)
    assert len(mailbox.messages) == 5
    assert sorted(str(m["Subject"]) for m in mailbox.messages) == sorted(
        f"Reminder: Deadline {i} tomorrow (13 Jan 2026)" for i in range(5)
    )
    assert outbox_count(OutboxStatus.SENT) == 5


def test_4xx_is_retried_and_5xx_fails_at_once(app, mailbox, make, client, admin) -> None:
    lead = make.user(role="officer")
    make.milestone(make.track(lead=lead), title="Deadline", planned_on=date(2026, 1, 13))
    now = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    queue_reminders(now)

    mailbox.refuse_with = "451 4.3.0 Mailbox busy, try later"
    result = drain_at(app, now)
    assert (result.sent, result.retried, result.failed) == (0, 1, 0)

    mailbox.refuse_with = "550 5.1.1 No such user"
    result = drain_at(app, now + timedelta(minutes=5))
    assert (result.sent, result.retried, result.failed) == (0, 0, 1)
    row = db.session.scalar(select(OutboxMessage))
    assert row.status is OutboxStatus.FAILED and "550" in row.last_error

    client.login(admin)
    page = client.get("/admin/outbox?status=failed").text
    assert "Reminder: Deadline tomorrow" in page and "550" in page
    mailbox.refuse_with = None
    response = client.submit(f"/admin/outbox/{row.id}/retry")
    assert response.status_code == 302
    drain_outbox(datetime.now(UTC), settings(app))
    assert len(mailbox.messages) == 1
    drain_outbox(datetime.now(UTC) + timedelta(hours=1), settings(app))
    assert len(mailbox.messages) == 1


def test_gives_up_after_the_last_attempt(app, make, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    from tests.conftest import free_port

    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nothing listens there
    monkeypatch.setitem(app.config, "OUTBOX_MAX_ATTEMPTS", 3)
    make.milestone(make.track(lead=make.user()), planned_on=date(2026, 1, 13))
    now = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    queue_reminders(now)
    for hours in range(4):
        drain_at(app, now + timedelta(hours=hours))
    row = db.session.scalar(select(OutboxMessage))
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 3)
    assert row.last_error.startswith("Gave up after 3 attempts")


def test_without_an_smtp_host_mail_is_written_as_eml_files(
    app, make, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setitem(app.config, "SMTP_HOST", None)
    monkeypatch.setitem(app.config, "MAIL_DIR", str(tmp_path))
    make.milestone(make.track(lead=make.user()), planned_on=date(2026, 1, 13))
    now = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    queue_reminders(now)
    assert drain_outbox(now, settings(app)).sent == 1
    files = list(tmp_path.glob("*.eml"))
    assert len(files) == 1
    assert b"Subject: Reminder: Milestone" in files[0].read_bytes()


def test_a_message_claimed_by_a_sender_that_died_is_sent_later(app, mailbox, make) -> None:
    make.milestone(make.track(lead=make.user()), planned_on=date(2026, 1, 13))
    now = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    queue_reminders(now)
    row = db.session.scalar(select(OutboxMessage))
    row.status, row.claimed_at = OutboxStatus.SENDING, now  # claimed, then the process died
    db.session.commit()
    assert drain_at(app, now + timedelta(minutes=5)).sent == 0
    assert drain_at(app, now + timedelta(minutes=16)).sent == 1
    assert len(mailbox.messages) == 1


@pytest.mark.parametrize("fmt", ["text", "html", "csv"])
def test_report_weekly_command_prints_the_week(runner, fmt) -> None:
    seed_demo_data(today=date(2025, 12, 8))
    result = runner.invoke(args=["report", "weekly", "--week", "2025-W49", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "EU–Kazakhstan visa facilitation agreement" in result.output
    assert "EU–Kazakhstan readmission agreement" in result.output
