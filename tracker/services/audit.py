"""The audit log, as administrators read it."""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.models import AuditEvent
from tracker.services.paging import PageRequest, paginate

#: the kinds of record the log page offers as a filter
OBJECT_TYPES = ["Agreement", "NegotiationTrack", "Milestone", "User", "OutboxMessage"]


def audit_log(actor_id: int | None, object_type: str, at: PageRequest) -> Pagination:
    """A page of audit events, newest first; only `actor_id`'s and of `object_type` when
    given (an empty `object_type`: every kind)."""
    query = select(AuditEvent).options(selectinload(AuditEvent.actor))
    if actor_id:
        query = query.where(AuditEvent.actor_id == actor_id)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    return paginate(query, (AuditEvent.created_at.desc(), AuditEvent.id.desc()), at)
