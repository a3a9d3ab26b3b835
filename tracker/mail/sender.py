"""Drain the outbox over SMTP, or into .eml files when no SMTP host is configured.

A message is claimed before it is sent, so two senders never send the same row: the claim
is stamped with the clock at that moment and outlasts the longest send (SEND_STEPS steps
of SMTP_TIMEOUT each; a send still running then, such as one whose server trickles its
replies a byte at a time, each within the timeout, is cut, so the bound holds). 4xx
replies and connection errors are retried with exponential backoff; 5xx replies fail the
message at once. If a sender dies between the SMTP server's "250 OK" and marking the row
sent, the claim times out and the message goes again with the same Message-ID (derived
from its idempotency key), so the rare duplicate is recognisable.
"""

from __future__ import annotations

import contextlib
import hashlib
import smtplib
import socket
import ssl
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from tracker import clock
from tracker.domain.text import one_line_text
from tracker.mail.headers import put_address, put_text
from tracker.mail.links import external_url
from tracker.models import OutboxMessage, OutboxStatus
from tracker.orm import db

#: the blocking steps of sending one message on a fresh connection, each bounded by the
#: SMTP timeout: connect and greeting, EHLO, STARTTLS, EHLO again, AUTH, MAIL, RCPT, DATA,
#: and the message with its reply
SEND_STEPS = 9


@dataclass(frozen=True)
class SenderSettings:
    smtp_host: str | None
    smtp_port: int
    smtp_username: str | None
    smtp_password: str | None
    smtp_starttls: bool
    smtp_timeout: float
    mail_from: str
    mail_dir: Path
    max_attempts: int
    retry_base_seconds: int
    retry_max_seconds: int
    claim_timeout_seconds: int
    batch_size: int = 200

    def __post_init__(self) -> None:
        longest = self.longest_send_seconds
        if self.claim_timeout_seconds <= longest:
            raise ValueError(
                f"OUTBOX_CLAIM_TIMEOUT_SECONDS ({self.claim_timeout_seconds}) must be longer "
                f"than the longest send of one message, {longest:g} s (SMTP_TIMEOUT "
                f"{self.smtp_timeout:g} s for each of its {SEND_STEPS} steps): otherwise "
                "another drain takes over a message still being sent and sends it twice."
            )

    @property
    def longest_send_seconds(self) -> float:
        """The longest one message can keep its claim: each blocking step of a send waits
        at most the SMTP timeout."""
        return self.smtp_timeout * SEND_STEPS

    @classmethod
    def from_config(cls, config: Any, instance_path: str) -> SenderSettings:
        return cls(
            smtp_host=config.get("SMTP_HOST") or None,
            smtp_port=int(config.get("SMTP_PORT") or 25),
            smtp_username=config.get("SMTP_USERNAME") or None,
            smtp_password=config.get("SMTP_PASSWORD") or None,
            smtp_starttls=bool(config.get("SMTP_STARTTLS")),
            smtp_timeout=float(config["SMTP_TIMEOUT"]),
            mail_from=config["MAIL_FROM"],
            mail_dir=Path(config.get("MAIL_DIR") or Path(instance_path) / "mail"),
            max_attempts=int(config["OUTBOX_MAX_ATTEMPTS"]),
            retry_base_seconds=int(config["OUTBOX_RETRY_BASE_SECONDS"]),
            retry_max_seconds=int(config["OUTBOX_RETRY_MAX_SECONDS"]),
            claim_timeout_seconds=int(config["OUTBOX_CLAIM_TIMEOUT_SECONDS"]),
        )


@dataclass
class DrainResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class PermanentFailure(Exception):
    """The server refused the message for good (5xx): retrying will not help."""


class SendTooLong(smtplib.SMTPException):
    """A send ran past the longest send its claim outlasts and was cut: it is retried."""


def message_id(key: str, mail_from: str) -> str:
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "accord-tracker.invalid"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def build_email(row: OutboxMessage, settings: SenderSettings, now: datetime) -> EmailMessage:
    """The message for `row`, sent at `now`. Every header is built from text on one line
    (tracker.domain.text): a row queued before single-line fields were checked at every
    door may hold a line break, which the email package refuses in a header. Subject and
    addresses are encoded by tracker.mail.headers, so they arrive as stored.

    Raises whatever the email package raises for a row it cannot build (ValueError,
    HeaderParseError, even AttributeError); the drain fails that message alone."""
    email = EmailMessage()
    put_address(email, "From", settings.mail_from)
    put_address(email, "To", row.to_address)
    put_text(email, "Subject", row.subject)
    email["Date"] = format_datetime(now)
    email["Message-ID"] = message_id(row.idempotency_key, settings.mail_from)
    email["List-Unsubscribe"] = f"<{one_line_text(external_url('preferences.me'))}>"
    email["Auto-Submitted"] = "auto-generated"
    put_text(email, "X-Accord-Tracker-Key", row.idempotency_key)  # long once ids grow
    email.set_content(row.body_text)
    email.add_alternative(row.body_html, subtype="html")
    return email


def backoff(attempts: int, settings: SenderSettings) -> timedelta:
    seconds = settings.retry_base_seconds * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.retry_max_seconds))


def drain_outbox(now: datetime, settings: SenderSettings) -> DrainResult:
    """Send every message due by `now`; return what happened. Commits as it goes.

    `now` is the moment the drain runs as of: it decides what is due (`jobs run-due --at`
    may set it). Every time the drain records (a claim, the cutoff of stale claims, a
    retry's next attempt, sent_at, the Date header) is tracker.clock's at that moment:
    other drains compare them with their own clock while this one is still running, and a
    claim stamped with the drain's start looked stale to a drain started a claim timeout
    later, which sent the message a second time.
    """
    result = DrainResult()
    _release_stale_claims(settings, due=now)
    due_ids = list(
        db.session.scalars(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.next_attempt_at <= now,
            )
            .order_by(OutboxMessage.id)
            .limit(settings.batch_size)
        )
    )
    if not due_ids:
        return result
    transport = _Transport(settings)
    try:
        for row_id in due_ids:
            row = _claim(row_id)
            if row is None:
                continue  # another sender has it
            _send_one(row, transport, settings, result)
    finally:
        transport.close()
    return result


def _send_one(
    row: OutboxMessage, transport: _Transport, settings: SenderSettings, result: DrainResult
) -> None:
    """Build and send one claimed message and record the outcome (committed). Whatever
    goes wrong with this message is recorded on it alone; the drain goes on."""
    try:
        email = build_email(row, settings, clock.now_utc())
    except Exception as exc:  # noqa: BLE001 - any row that cannot be built fails alone
        _fail(row, f"Could not build the message: {type(exc).__name__}: {exc}", result)
        db.session.commit()
        return
    broken_connection = True
    try:
        transport.send(email)
    except PermanentFailure as exc:
        broken_connection = False  # the server answered: the connection goes on
        _fail(row, str(exc), result)
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        if row.attempts >= settings.max_attempts:
            _fail(row, f"Gave up after {row.attempts} attempts. Last error: {error}", result)
        else:
            result.errors.append(error)
            row.status = OutboxStatus.PENDING
            row.claimed_at = None
            row.last_error = error
            # From the attempt, not from the drain's start (which may be long past).
            row.next_attempt_at = clock.now_utc() + backoff(row.attempts, settings)
            result.retried += 1
    except Exception as exc:  # noqa: BLE001 - the message itself cannot go: it alone fails
        _fail(row, f"Could not send the message: {type(exc).__name__}: {exc}", result)
    else:
        broken_connection = False
        row.status = OutboxStatus.SENT
        row.sent_at = clock.now_utc()
        row.claimed_at = None
        row.last_error = ""
        result.sent += 1
    db.session.commit()
    if broken_connection:
        transport.reset()  # after the commit: the claim need not cover the QUIT


def _claim(row_id: int) -> OutboxMessage | None:
    """Take the message for this sender, stamped with the moment of the claim; None when
    another sender has it."""
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id, OutboxMessage.status == OutboxStatus.PENDING)
        .values(
            status=OutboxStatus.SENDING,
            claimed_at=clock.now_utc(),
            attempts=OutboxMessage.attempts + 1,
        )
    ).rowcount
    db.session.commit()
    if claimed != 1:
        return None
    return db.session.get(OutboxMessage, row_id, populate_existing=True)


def _fail(row: OutboxMessage, error: str, result: DrainResult) -> None:
    row.status = OutboxStatus.FAILED
    row.claimed_at = None
    row.last_error = error[:2000]
    result.failed += 1
    result.errors.append(row.last_error)


def _release_stale_claims(settings: SenderSettings, *, due: datetime) -> None:
    """A sender that died mid-send left its claim; after the timeout the message goes again.
    A live sender's claim never gets that old: the settings make the timeout longer than
    the longest send of one message. Released messages are due at `due` (this drain's)."""
    cutoff = clock.now_utc() - timedelta(seconds=settings.claim_timeout_seconds)
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_at < cutoff)
        .values(status=OutboxStatus.PENDING, claimed_at=None, next_attempt_at=due)
    )
    db.session.commit()


class _Transport:
    """One SMTP connection per drain, opened lazily; or a folder of .eml files."""

    def __init__(self, settings: SenderSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None
        self.connecting: smtplib.SMTP | None = None  # until its greeting and log-in
        self.cut = False  # the current send ran out of time

    def send(self, email: EmailMessage) -> None:
        """Send `email`, within the longest send the claim outlasts: past it the connection
        is cut (SendTooLong). Raises PermanentFailure for a 5xx refusal, what smtplib
        raises otherwise."""
        if not self.settings.smtp_host:
            self._write_file(email)
            return
        budget = self.settings.longest_send_seconds
        watchdog = threading.Timer(budget, self._cut)
        watchdog.daemon = True
        self.cut = False
        watchdog.start()
        try:
            self._send(email)
        except (smtplib.SMTPException, OSError) as exc:
            if self.cut:
                raise SendTooLong(
                    f"The send took longer than {budget:g} s (SMTP_TIMEOUT x {SEND_STEPS}) "
                    "and was cut, so that no other drain could take it over while it ran; "
                    "it goes again with the same Message-ID."
                ) from exc
            raise
        finally:
            watchdog.cancel()

    def _cut(self) -> None:
        """Shut the connection of a send that has run out of time: the read or write it
        is blocked in returns at once with an error."""
        self.cut = True
        sock = getattr(self.smtp or self.connecting, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _send(self, email: EmailMessage) -> None:
        smtp = self._connect()
        try:
            refused = smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if all(code >= 500 for code in codes):
                raise PermanentFailure(f"Recipient refused: {exc.recipients}") from exc
            raise
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code >= 500:
                raise PermanentFailure(
                    f"SMTP {exc.smtp_code}: {exc.smtp_error.decode(errors='replace')}"
                ) from exc
            raise
        if refused:
            raise PermanentFailure(f"Recipient refused: {refused}")

    def _connect(self) -> smtplib.SMTP:
        if self.smtp is None:
            s = self.settings
            # Connected after it is made, so that _cut can reach its socket while it
            # waits for the greeting.
            smtp = self.connecting = smtplib.SMTP(timeout=s.smtp_timeout)
            # What the constructor would have kept: STARTTLS checks the certificate
            # against it (smtplib.SMTP.starttls, server_hostname).
            smtp._host = s.smtp_host or ""
            try:
                smtp.connect(s.smtp_host or "", s.smtp_port)
                if self.cut:
                    raise smtplib.SMTPServerDisconnected("cut while connecting")
                if s.smtp_starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if s.smtp_username:
                    smtp.login(s.smtp_username, s.smtp_password or "")
            except BaseException:
                smtp.close()
                raise
            finally:
                self.connecting = None
            self.smtp = smtp
        return self.smtp

    def _write_file(self, email: EmailMessage) -> None:
        folder = self.settings.mail_dir
        folder.mkdir(parents=True, exist_ok=True)
        name = str(email["Message-ID"]).strip("<>").replace("@", "_at_")
        (folder / f"{name}.eml").write_bytes(bytes(email))

    def reset(self) -> None:
        self.close()

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None
