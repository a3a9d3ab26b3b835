"""A send never outlasts its claim, even against a server that trickles its replies a byte
at a time, each byte within the SMTP timeout (issue 14 #3: "claims outlast the longest
possible send"). A real socket server on loopback plays the slow server."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from tracker import clock
from tracker.mail.sender import SEND_STEPS, SenderSettings, drain_outbox
from tracker.models import OutboxMessage, OutboxStatus
from tracker.orm import db

T0 = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
SMTP_TIMEOUT = 0.3  # seconds per blocking step
CLAIM_TIMEOUT = 5  # seconds: longer than the longest send, 9 x 0.3 s
#: the server's pace: each byte well within the timeout, the reply never ending before
#: the claim would have run out
BYTE_EVERY = 0.1
TRICKLED = b"250-" + b"x" * 200 + b"\r\n250 OK\r\n"


class TricklingServer(threading.Thread):
    """Greets at once, then answers EHLO one byte every BYTE_EVERY seconds."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.finished_reply = threading.Event()

    def run(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            connection.sendall(b"220 slow.example ESMTP\r\n")
            connection.recv(1024)  # EHLO
            try:
                for byte in TRICKLED:
                    # The server's own pace (what is tested is the client's bound).
                    if self.stop.wait(BYTE_EVERY):
                        return
                    connection.sendall(bytes([byte]))
                self.finished_reply.set()
                while connection.recv(1024):
                    connection.sendall(b"250 OK\r\n")
            except OSError:
                return  # the client cut the connection

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


@pytest.fixture
def trickling(app: Flask, monkeypatch: pytest.MonkeyPatch):
    server = TricklingServer()
    server.start()
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", server.port)
    monkeypatch.setitem(app.config, "SMTP_TIMEOUT", SMTP_TIMEOUT)
    monkeypatch.setitem(app.config, "OUTBOX_CLAIM_TIMEOUT_SECONDS", CLAIM_TIMEOUT)
    yield server
    server.close()


def test_a_send_is_cut_at_its_longest_before_its_claim_runs_out(app, trickling) -> None:
    assert len(TRICKLED) * BYTE_EVERY > CLAIM_TIMEOUT > SMTP_TIMEOUT * SEND_STEPS
    db.session.add(
        OutboxMessage(
            idempotency_key="key:slow",
            kind="milestone_due",
            to_address="officer@example.org",
            subject="Round 4",
            body_text="Round 4",
            body_html="<p>Round 4</p>",
            next_attempt_at=T0,
        )
    )
    db.session.commit()
    with time_machine.travel(T0, tick=True):
        settings = SenderSettings.from_config(app.config, app.instance_path)
        result = drain_outbox(clock.now_utc(), settings)
    assert not trickling.finished_reply.is_set()  # cut before the server's reply ended
    assert result.sent == 0 and result.retried == 1
    row = db.session.scalar(select(OutboxMessage))
    db.session.refresh(row)
    assert row.status is OutboxStatus.PENDING and row.claimed_at is None
    assert "took longer than 2.7 s" in row.last_error
