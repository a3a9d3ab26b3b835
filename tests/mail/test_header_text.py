"""User text in mail headers: a title typed with a line break (stored before titles were
checked, or queued before the fix) still mails on one line, and a message that cannot be
built or sent fails at once with its error without stopping the others."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tracker.mail.sender import SenderSettings, drain_outbox
from tracker.models import OutboxMessage, OutboxStatus
from tracker.orm import db
from tracker.services.reminders import queue_reminders

TWO_LINES = "Round 4\nBrussels, technical level"
NOW = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)


def settings(app) -> SenderSettings:
    return SenderSettings.from_config(app.config, app.instance_path)


def queued(key: str, *, subject: str, to: str = "officer@example.org") -> OutboxMessage:
    """A row as an older version of the app wrote it (nothing checked on the way)."""
    row = OutboxMessage(
        idempotency_key=key,
        kind="milestone_due",
        to_address=to,
        subject=subject,
        body_text="Body",
        body_html="<p>Body</p>",
        next_attempt_at=NOW,
    )
    db.session.add(row)
    db.session.commit()
    return row


def statuses() -> dict[str, tuple[OutboxStatus, str]]:
    rows = db.session.scalars(select(OutboxMessage).execution_options(populate_existing=True))
    return {row.idempotency_key: (row.status, row.last_error) for row in rows}


def test_a_title_with_a_line_break_mails_on_one_line(app, mailbox, make) -> None:
    track = make.track(lead=make.user(role="officer", email="lead@test.example"))
    # Stored before titles were checked at every door (the factory writes rows as they are).
    make.milestone(track, title=TWO_LINES, planned_on=date(2026, 1, 13))
    make.milestone(track, title="Round 5", planned_on=date(2026, 1, 13))
    queue_reminders(NOW)
    stored = db.session.scalars(select(OutboxMessage.subject).order_by(OutboxMessage.id)).all()
    assert stored == [
        "Reminder: Round 4 Brussels, technical level tomorrow (13 Jan 2026)",
        "Reminder: Round 5 tomorrow (13 Jan 2026)",
    ]

    result = drain_outbox(NOW, settings(app))

    assert (result.sent, result.failed) == (2, 0)
    assert mailbox.subjects() == stored


@pytest.mark.parametrize(
    "subject",
    [
        TWO_LINES,
        "Round 4\r\nBrussels, technical level",
        "Round 4\u2028Brussels,\ttechnical\x0blevel",
        "Round 4 \x07Brussels, technical level\x1b",  # (PostgreSQL stores no NUL)
    ],
)
def test_a_subject_queued_with_a_line_break_is_sent_on_one_line(app, mailbox, subject) -> None:
    queued("old", subject=subject)
    queued("after", subject="Round 5")

    result = drain_outbox(NOW, settings(app))

    assert (result.sent, result.failed) == (2, 0)
    assert mailbox.subjects() == ["Round 4 Brussels, technical level", "Round 5"]
    assert {key: status for key, (status, _) in statuses().items()} == {
        "old": OutboxStatus.SENT,
        "after": OutboxStatus.SENT,
    }


def test_a_message_that_cannot_be_built_fails_at_once_and_the_others_go(app, mailbox) -> None:
    # `flask create-user` once took any address; the email package cannot even parse this
    # one (an unterminated domain literal makes it raise AttributeError, not ValueError).
    queued("first", subject="Round 3")
    queued("broken", subject="Round 4", to="officer@[10.0.0")
    queued("last", subject="Round 5")

    result = drain_outbox(NOW, settings(app))

    assert (result.sent, result.failed) == (2, 1)
    assert mailbox.subjects() == ["Round 3", "Round 5"]
    found = statuses()
    assert found["first"][0] is found["last"][0] is OutboxStatus.SENT
    status, error = found["broken"]
    assert status is OutboxStatus.FAILED
    assert error.startswith("Could not build the message: AttributeError")
    # Failed for good: a later drain does not pick it up again.
    assert drain_outbox(NOW.replace(hour=12), settings(app)).failed == 0
