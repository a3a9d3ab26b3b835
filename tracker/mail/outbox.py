"""Queue mail: render both parts and write an OutboxMessage, once per idempotency key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import render_template
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

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


#: the dialects' INSERT with ON CONFLICT (both SQLite and PostgreSQL have it)
_INSERTS = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}

#: what insert_new() writes of each composed message (the rest are the columns' defaults)
_COLUMNS = (
    "idempotency_key",
    "kind",
    "recipient_id",
    "to_address",
    "subject",
    "body_text",
    "body_html",
)


def insert_new(messages: list[OutboxMessage], now: datetime) -> int:
    """Write the messages whose key is new, and commit; return how many were written.

    Messages are composed before this is called, so the write transaction (which on
    SQLite locks the database) lasts only as long as the inserts. They are written in bulk,
    one `INSERT … ON CONFLICT (idempotency_key) DO NOTHING … RETURNING id` per page of
    rows (issue 19 #2: one savepoint and INSERT per message cost about 6 ms a mail on
    PostgreSQL). The unique key is the guarantee: a key already queued, by an earlier run
    or by another scheduler racing this one, is skipped, and so is a repeat in `messages`
    (the first is kept).
    """
    rows: dict[str, dict[str, Any]] = {}
    for message in messages:
        row = {name: getattr(message, name) for name in _COLUMNS}
        # Due from the moment the job ran for, which `jobs run-due --at` may set in the past.
        rows.setdefault(message.idempotency_key, {**row, "next_attempt_at": now})
    written = 0
    if rows:
        table = OutboxMessage.__table__
        statement = (
            _INSERTS[db.session.get_bind().dialect.name](table)
            .on_conflict_do_nothing(index_elements=[table.c.idempotency_key])
            .returning(table.c.id)
        )
        written = len(db.session.execute(statement, list(rows.values())).all())
    db.session.commit()
    return written
