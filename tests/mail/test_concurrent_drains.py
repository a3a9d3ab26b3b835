"""Exactly once with concurrent drains: two drains of the real sender against the same
database, and an SMTP server on loopback that holds a message until the test lets it go.
Time is moved with time-machine (tracker.clock is the only clock), never slept."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser
from typing import Any

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from tests.conftest import SmtpServer
from tracker import clock
from tracker.mail.sender import SenderSettings, drain_outbox
from tracker.models import OutboxMessage, OutboxStatus
from tracker.orm import db

T0 = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
CLAIM_TIMEOUT = 20
WAIT = 30  # seconds: the most any step of the test waits for another thread


class HoldingMailbox:
    """Keeps each message as it arrives; the reply to the first copy of a held subject
    waits until the test releases it (a second copy goes straight through)."""

    def __init__(self, held: set[str]) -> None:
        self.messages: list[Any] = []
        self.held = held
        self.arrived = {subject: threading.Event() for subject in held}
        self.release = {subject: threading.Event() for subject in held}

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        subject = str(message["Subject"])
        first = subject in self.held and not self.arrived[subject].is_set()
        self.messages.append(message)
        if first:
            self.arrived[subject].set()
            released = await asyncio.get_running_loop().run_in_executor(
                None, self.release[subject].wait, WAIT
            )
            assert released, f"the test never released {subject!r}"
        return "250 Message accepted for delivery"

    def copies(self) -> Counter[str]:
        return Counter(str(m["Message-ID"]) for m in self.messages)


@pytest.fixture
def holding_server(app: Flask, monkeypatch: pytest.MonkeyPatch):
    def start(held: set[str]) -> tuple[HoldingMailbox, SmtpServer]:
        mailbox = HoldingMailbox(held)
        server = SmtpServer(mailbox)  # type: ignore[arg-type]
        server.start()
        servers.append(server)
        monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
        monkeypatch.setitem(app.config, "SMTP_PORT", server.port)
        monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 2)
        monkeypatch.setitem(app.config, "OUTBOX_CLAIM_TIMEOUT_SECONDS", CLAIM_TIMEOUT)
        return mailbox, server

    servers: list[SmtpServer] = []
    yield start
    for server in servers:
        server.stop()


def queue(*subjects: str) -> None:
    for subject in subjects:
        db.session.add(
            OutboxMessage(
                idempotency_key=f"key:{subject}",
                kind="milestone_due",
                to_address="officer@example.org",
                subject=subject,
                body_text=subject,
                body_html=f"<p>{subject}</p>",
                next_attempt_at=T0,
            )
        )
    db.session.commit()


class Drain(threading.Thread):
    """The real drain in a thread of its own, with its own app context and session."""

    def __init__(self, app: Flask) -> None:
        super().__init__(daemon=True)
        self.app = app
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.app.app_context():
                settings = SenderSettings.from_config(self.app.config, self.app.instance_path)
                drain_outbox(clock.now_utc(), settings)
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported by finish()
            self.error = error

    def finish(self) -> None:
        self.join(WAIT)
        assert not self.is_alive(), "the drain did not finish"
        if self.error is not None:
            raise self.error


def rows() -> dict[str, OutboxMessage]:
    db.session.expire_all()
    return {row.subject: row for row in db.session.scalars(select(OutboxMessage))}


def test_a_drain_started_after_the_claim_timeout_does_not_take_a_message_in_flight(
    app, holding_server
) -> None:
    mailbox, _ = holding_server({"Round 1", "Round 2"})
    queue("Round 1", "Round 2")
    with time_machine.travel(T0, tick=False) as traveller:
        first = Drain(app)
        first.start()
        assert mailbox.arrived["Round 1"].wait(WAIT)
        traveller.shift(15)  # the first message is slow to be accepted
        mailbox.release["Round 1"].set()
        assert mailbox.arrived["Round 2"].wait(WAIT)  # claimed at T0 + 15 s, in flight
        traveller.shift(10)  # T0 + 25 s: more than the claim timeout since the first began

        second = Drain(app)
        second.start()
        second.finish()
        mailbox.release["Round 2"].set()
        first.finish()

    assert sorted(mailbox.copies().values()) == [1, 1]  # each message delivered once
    assert {s: r.status for s, r in rows().items()} == {
        "Round 1": OutboxStatus.SENT,
        "Round 2": OutboxStatus.SENT,
    }


def test_a_retry_waits_its_backoff_from_the_attempt(app, mailbox) -> None:
    queue("Round 1")
    mailbox.refuse_with = "451 4.3.0 Mailbox busy, try later"
    with time_machine.travel(T0, tick=False) as traveller:
        settings = SenderSettings.from_config(app.config, app.instance_path)
        start = clock.now_utc()
        traveller.shift(600)  # the drain reached this message ten minutes after it began
        drain_outbox(start, settings)
        row = rows()["Round 1"]
        assert row.next_attempt_at == T0 + timedelta(seconds=600) + timedelta(
            seconds=app.config["OUTBOX_RETRY_BASE_SECONDS"]
        )


def test_claims_outlast_the_longest_send(app, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 30)
    monkeypatch.setitem(app.config, "OUTBOX_CLAIM_TIMEOUT_SECONDS", 60)
    with pytest.raises(ValueError, match="OUTBOX_CLAIM_TIMEOUT_SECONDS"):
        SenderSettings.from_config(app.config, app.instance_path)


def test_after_a_crash_the_resend_carries_the_same_message_id(app, holding_server) -> None:
    mailbox, server = holding_server({"Round 1"})
    queue("Round 1")
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": app.config["DATABASE_URL"],
        "TRACKER_SECRET_KEY": "test-secret-key",
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(server.port),
        "TRACKER_SMTP_TIMEOUT": "2",
        "TRACKER_OUTBOX_CLAIM_TIMEOUT_SECONDS": str(CLAIM_TIMEOUT),
        "TRACKER_BASE_URL": "http://tracker.test",
        "TRACKER_TIMEZONE": "UTC",
    }
    sender = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "tracker", "outbox", "send"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # The server has the message; the sender dies before it hears "250" and records it.
        assert mailbox.arrived["Round 1"].wait(WAIT)
        sender.send_signal(signal.SIGKILL)
        sender.wait(WAIT)
    finally:
        mailbox.release["Round 1"].set()
        if sender.poll() is None:
            sender.kill()
    crashed = rows()["Round 1"]
    assert crashed.status is OutboxStatus.SENDING

    settings = SenderSettings.from_config(app.config, app.instance_path)
    with time_machine.travel(crashed.claimed_at + timedelta(seconds=CLAIM_TIMEOUT - 1)):
        assert drain_outbox(clock.now_utc(), settings).sent == 0  # the claim still holds
    with time_machine.travel(crashed.claimed_at + timedelta(seconds=CLAIM_TIMEOUT + 1)):
        assert drain_outbox(clock.now_utc(), settings).sent == 1

    assert list(mailbox.copies().values()) == [2]  # the rare duplicate: recognisable
    assert rows()["Round 1"].status is OutboxStatus.SENT
