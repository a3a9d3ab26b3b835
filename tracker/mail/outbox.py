"""Queue mail: render both parts and write an OutboxMessage, once per idempotency key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import render_template
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker.domain.text import one_line_text
from tracker.i18n import Text, language
from tracker.mail.links import external_url
from tracker.models import OutboxMessage, User
from tracker.orm import db


def already_queued(keys: list[str]) -> set[str]:
    """Which of these keys have a message already (sent, pending or failed)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):  # stay under the database's parameter limit
        chunk = keys[start : start + 500]
        found.update(
            db.session.scalars(
                select(OutboxMessage.idempotency_key).where(
                    OutboxMessage.idempotency_key.in_(chunk)
                )
            )
        )
    return found


def compose(
    key: str,
    *,
    kind: str,
    recipient: User,
    subject: str | Text,
    template: str,
    context: dict[str, Any],
) -> OutboxMessage:
    """Render both parts of a message in the recipient's language; nothing is written yet.

    `subject` may be a Text, translated here; the context may hold Text and When values,
    translated as the templates render them.
    """
    with language(recipient.language):
        # Stored as it will be sent: a title typed on two lines is one line in a header.
        subject = one_line_text(subject)[:500]
        context = {
            **context,
            "recipient": recipient,
            "preferences_url": external_url("preferences.me"),
            "subject": subject,
        }
        return OutboxMessage(
            idempotency_key=key,
            kind=kind,
            recipient_id=recipient.id,
            to_address=recipient.email,
            subject=subject,
            body_text=render_template(f"emails/{template}.txt", **context),
            body_html=render_template(f"emails/{template}.html", **context),
        )


def insert_new(messages: list[OutboxMessage], now: datetime) -> int:
    """Write the messages whose key is new, and commit; return how many were written.

    Messages are composed before this is called, so the write transaction (which on
    SQLite locks the database) lasts only as long as the inserts. The unique key is the
    guarantee: when two schedulers race, one insert wins and the other is skipped.
    """
    written = 0
    for message in messages:
        # Due from the moment the job ran for, which `jobs run-due --at` may set in the past.
        message.next_attempt_at = now
        try:
            with db.session.begin_nested():
                db.session.add(message)
        except IntegrityError:
            continue
        written += 1
    db.session.commit()
    return written
