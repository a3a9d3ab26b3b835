"""Administrators' actions on queued mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select

from tracker.models import OutboxMessage, OutboxStatus, User
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.gate import NotFound
from tracker.services.paging import PageRequest, paginate
from tracker.services.records import record_audit


@dataclass(frozen=True)
class OutboxPage:
    """The administrators' outbox page: a page of messages and how many are in each status."""

    page: Pagination
    counts: dict[OutboxStatus, int]


def outbox_page(status: OutboxStatus | None, at: PageRequest) -> OutboxPage:
    """A page of queued mail, newest first (only in `status` when given), with the counts
    of every status over the whole outbox."""
    query = select(OutboxMessage)
    if status:
        query = query.where(OutboxMessage.status == status)
    counts = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return OutboxPage(
        page=paginate(query, (OutboxMessage.id.desc(),), at),
        counts={s: n for s, n in counts},
    )


def get_message(message_id: int) -> OutboxMessage:
    """One queued message (for administrators). Raises NotFound."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound("message")
    return message


def retry_failed_message(message: OutboxMessage, *, actor: User, now: datetime) -> None:
    """Queue a failed message again, from a fresh count of attempts; audited in the same commit."""
    if message.status is not OutboxStatus.FAILED:
        raise ServiceError(
            "Only a failed message can be retried; this one is %(status)s.",
            status=message.status.value,
        )
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = now
    message.claimed_at = None
    record_audit(
        actor, "outbox.retried", message, f"Queued again: {message.subject} to {message.to_address}"
    )
    db.session.flush()
