"""Shared steps of every write: version check, applying changes, the audit trail."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from functools import wraps
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tracker.domain.messages import N_
from tracker.models import AuditEvent, User
from tracker.orm import db
from tracker.schemas import Schema
from tracker.services.errors import ConflictError, ServiceError

F = TypeVar("F", bound=Callable[..., Any])


def plain(value: Any) -> Any:
    """A JSON-safe form of a column value, for the audit log."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in fields}


#: per record noun: the conflict messages, whole sentences so each can be translated
CHANGED_WHILE_EDITING = {
    "agreement": N_(
        "This agreement was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "track": N_(
        "This track was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "milestone": N_(
        "This milestone was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "body": N_(
        "This body was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "action item": N_(
        "This action item was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "area": N_(
        "This area was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "ratification": N_(
        "This party's ratification was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "account": N_(
        "This account was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "party action": N_(
        "This party's action was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "provision": N_(
        "This provision was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
    "position": N_(
        "These positions were changed by someone else while you were editing them. "
        "Your input is kept below: check the current values and save again."
    ),
    "rule": N_(
        "This final clause was changed by someone else while you were editing it. "
        "Your input is kept below: check the current values and save again."
    ),
}
CHANGED_AT_THE_SAME_MOMENT = {
    "agreement": N_(
        "This agreement was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "track": N_(
        "This track was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "milestone": N_(
        "This milestone was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "body": N_(
        "This body was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "action item": N_(
        "This action item was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "area": N_(
        "This area was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "ratification": N_(
        "This party's ratification was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "account": N_(
        "This account was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "party action": N_(
        "This party's action was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "provision": N_(
        "This provision was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "position": N_(
        "These positions were changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
    "rule": N_(
        "This final clause was changed by someone else at the same moment. "
        "Your input is kept below: check the current values and save again."
    ),
}


#: a form or request that does not say which version it saw cannot be checked: refused
VERSION_MISSING = N_(
    "Your change did not say which version of the record you saw, so it could not be "
    "checked against changes made meanwhile. Your input is kept below: check the current "
    "values and save again."
)


def check_version(obj: Any, expected_version: int | None, noun: str) -> None:
    """Refuse to save over a version the user never saw (lost-update protection).

    `expected_version` is the version the user loaded; None (the form or request left it
    out) is refused as a conflict too, never taken as "do not check".
    Raises ConflictError.
    """
    if expected_version is None:
        raise ConflictError(VERSION_MISSING)
    if obj.version != expected_version:
        raise ConflictError(CHANGED_WHILE_EDITING[noun])


def same_value(current: Any, value: Any) -> bool:
    """Whether a change leaves a field as it is. Text that differs only in its line breaks
    (CRLF stored from a form before forms kept LF, LF from Excel or the API) is the same:
    no change to save, audit or show in an import's preview."""
    if isinstance(current, str) and isinstance(value, str):
        return _lf(current) == _lf(value)
    return bool(current == value)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def apply_changes(obj: Any, changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set the attributes that differ (same_value); return (before, after) of just those."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in changes.items():
        current = getattr(obj, name)
        if not same_value(current, value):
            before[name] = plain(current)
            after[name] = plain(value)
            setattr(obj, name, value)
    return before, after


def record_audit(
    actor: User | None,
    action: str,
    obj: Any,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction (committed with the change itself).

    `obj` may be a proxy of a record (Flask-Login's current_user): the event names the
    record behind it, not the proxy's class."""
    obj = obj._get_current_object() if hasattr(obj, "_get_current_object") else obj
    if obj.id is None:
        db.session.flush()
    event = AuditEvent(
        **audit_values(actor, action, type(obj).__name__, obj.id, summary, before, after)
    )
    db.session.add(event)
    return event


def audit_values(
    actor: User | None,
    action: str,
    object_type: str,
    object_id: int | None,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An audit event's columns, as record_audit writes them (also for a bulk insert)."""
    return {
        "actor_id": actor.id if actor else None,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": summary[:500],
        "before": before or None,
        "after": after or None,
    }


def detects_conflicts(noun: str) -> Callable[[F], F]:
    """Turn a concurrent save caught by version_id_col into a ConflictError.

    The stale UPDATE can surface at any flush (an autoflush before a query, or the
    commit), so the whole service function is guarded, not just its commit.
    """

    def decorator(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except StaleDataError as exc:
                db.session.rollback()
                raise ConflictError(CHANGED_AT_THE_SAME_MOMENT[noun]) from exc

        return wrapper  # type: ignore[return-value]

    return decorator


def refuses_duplicates(refusals: Mapping[str, tuple[str, str]]) -> Callable[[F], F]:
    """Turn a unique key's refusal into the form's message, as a ServiceError.

    `refusals` maps a constraint's mark in the database's error (SQLite names the columns,
    "bodies.name"; PostgreSQL the constraint, "bodies_name_key" or "uq_bodies_name_key")
    to (message, field). The service checks for a duplicate first; this catches the one
    its check could not see: another save of the same name committed in between (the
    unique index decides). Any other integrity error is raised as it was.
    """

    def decorator(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except IntegrityError as exc:
                said = str(exc.orig)
                for mark, (message, field) in refusals.items():
                    if mark in said:
                        db.session.rollback()
                        raise ServiceError(message, field=field) from exc
                raise

        return wrapper  # type: ignore[return-value]

    return decorator


def validated_update(
    record: Any,
    fields: Mapping[str, Any],
    schema: type[Schema],
    names: Iterable[str],
    **extra: Any,
) -> tuple[dict[str, Any], Any]:
    """The changes `fields` make to `record`, checked by `schema` as the whole record they
    make (`names`: the record's own fields; `extra`: collections the schema checks too).

    Returns (the changed fields, validated, by name; the validated whole). Raises
    ServiceError for a field that is not one of `names`, SchemaRefusal for a bad value.
    """
    known = tuple(names)
    unknown = set(fields) - set(known)
    if unknown:
        raise ServiceError("This field is not accepted here.", field=sorted(unknown)[0])
    data = schema.of({**{k: getattr(record, k) for k in known}, **fields, **extra})
    return {k: getattr(data, k) for k in fields}, data
