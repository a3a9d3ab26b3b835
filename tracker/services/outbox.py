"""Administrators' actions on queued mail."""

from __future__ import annotations

from datetime import datetime

from tracker.models import OutboxMessage, OutboxStatus, User
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.records import record_audit


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
