"""Two scheduler processes at once, as real processes against the same database file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from sqlalchemy import func, select

from tracker.models import OutboxMessage, OutboxStatus
from tracker.orm import db


def test_two_processes_running_the_jobs_at_once_send_each_message_once(
    app, smtp_server, make
) -> None:
    mailbox, server = smtp_server
    officers = [make.user(role="officer", email=f"o{i}@test.example") for i in range(4)]
    for i, officer in enumerate(officers):
        track = make.track(lead=officer, name=f"Track {i}")
        for j in range(5):
            make.milestone(
                track, title=f"Deadline {i}.{j}", planned_on=date(2026, 1, 19), owner_id=officer.id
            )
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": app.config["DATABASE_URL"],
        "TRACKER_SECRET_KEY": "test-secret-key",
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(server.port),
        "TRACKER_BASE_URL": "http://tracker.test",
        "TRACKER_TIMEZONE": "UTC",
    }
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "tracker",
        "jobs",
        "run-due",
        "--at",
        "2026-01-12T06:30",
    ]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err

    expected = 4 * 5  # one 7-day reminder per milestone (owner is also the lead officer)
    reminders = [m for m in mailbox.messages if "Deadline" in str(m["Subject"])]
    assert len(reminders) == expected
    assert len({str(m["Message-ID"]) for m in reminders}) == expected
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.kind == "milestone_due")
        )
        == expected
    )
