"""STARTTLS and SMTP login, against a real TLS-speaking, password-checking server on loopback."""

from __future__ import annotations

import ssl
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.conftest import Mailbox, free_port
from tracker.mail.sender import SenderSettings, drain_outbox
from tracker.services.reminders import queue_reminders


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(app, tmp_path, monkeypatch):
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
        logins.append((auth_data.login, auth_data.password))
        ok = (auth_data.login, auth_data.password) == (b"tracker", b"s3cret-pass")
        return AuthResult(success=ok, handled=False)  # the server answers 535 itself

    mailbox = Mailbox()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticator,
    )
    controller.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate, and only it
    for name, value in (
        ("SMTP_HOST", "127.0.0.1"),
        ("SMTP_PORT", controller.port),
        ("SMTP_STARTTLS", True),
        ("SMTP_USERNAME", "tracker"),
        ("SMTP_PASSWORD", "s3cret-pass"),
        ("SMTP_TIMEOUT", 5),
    ):
        monkeypatch.setitem(app.config, name, value)
    yield mailbox, logins
    controller.stop()


def test_mail_goes_over_starttls_with_login(app, make, tls_server) -> None:
    mailbox, logins = tls_server
    make.milestone(
        make.track(lead=make.user(email="lead@test.example")), planned_on=date(2026, 1, 13)
    )
    now = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    queue_reminders(now)
    result = drain_outbox(now, SenderSettings.from_config(app.config, app.instance_path))
    assert (result.sent, result.errors) == (1, [])
    assert logins == [(b"tracker", b"s3cret-pass")]
    assert [str(m["To"]) for m in mailbox.messages] == ["lead@test.example"]


def test_a_wrong_password_is_retried_not_lost(app, make, tls_server, monkeypatch) -> None:
    mailbox, _ = tls_server
    monkeypatch.setitem(app.config, "SMTP_PASSWORD", "wrong")
    make.milestone(make.track(lead=make.user()), planned_on=date(2026, 1, 13))
    now = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
    queue_reminders(now)
    result = drain_outbox(now, SenderSettings.from_config(app.config, app.instance_path))
    assert (result.sent, result.retried, result.failed) == (0, 1, 0)
    assert "SMTPAuthenticationError" in result.errors[0]
    assert mailbox.messages == []
