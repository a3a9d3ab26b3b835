"""A reasoned state change (issue #15, item 7): a record is set aside with a reason (a
milestone or an action item cancelled, a track or an agreement archived) and an
administrator undoes it. The one shape of tracker.services.cancellations and
tracker.services.archiving: the kinds differ only in their fields, words and refusals.

Services: they flush and raise ServiceError; the callers check versions (ConflictError).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker import clock
from tracker.models import User
from tracker.orm import db
from tracker.schemas.reasons import REASON_MAX
from tracker.services.errors import ServiceError
from tracker.services.records import apply_changes, record_audit

__all__ = ["REASON_MAX", "SetAsideKind", "bring_back", "given_reason", "set_aside"]


@dataclass(frozen=True)
class SetAsideKind:
    """How one kind of record is set aside and brought back."""

    #: the audit actions' prefix ("milestone", "action_item", "track", "agreement")
    action: str
    #: "cancelled" (cancelled_on, cancel_reason) or "archived" (archived_on,
    #: archive_reason, archived_by_id)
    state: str
    #: the record's name in the audit summary (stored in English, for the logs)
    summary_name: Callable[[Any], str]
    #: the refusals, in English (msgids): no reason, set aside already, not set aside, not
    #: an administrator
    no_reason: str
    already: str
    not_set_aside: str
    admin_only: str

    @property
    def on_field(self) -> str:
        return "cancelled_on" if self.state == "cancelled" else "archived_on"

    def set_values(self, reason: str, actor: User) -> dict[str, Any]:
        if self.state == "cancelled":
            return {"cancelled_on": clock.today(), "cancel_reason": reason}
        return {"archived_on": clock.today(), "archive_reason": reason, "archived_by_id": actor.id}

    def cleared_values(self) -> dict[str, Any]:
        if self.state == "cancelled":
            return {"cancelled_on": None, "cancel_reason": ""}
        return {"archived_on": None, "archive_reason": "", "archived_by_id": None}

    @property
    def verbs(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """((set-aside action, summary verb), (undo action, summary verb))."""
        if self.state == "cancelled":
            return ("cancelled", "Cancelled"), ("restored", "Restored")
        return ("archived", "Archived"), ("unarchived", "Brought back")


def given_reason(reason: str, message: str) -> str:
    """`reason` stripped; ServiceError(`message`) when empty, or when longer than
    REASON_MAX characters."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(message, field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError("Keep the reason to %(max)s characters.", field="reason", max=REASON_MAX)
    return reason


def set_aside(
    record: Any,
    kind: SetAsideKind,
    *,
    reason: str,
    actor: User,
    refuse: Callable[[], None] | None = None,
) -> None:
    """Set `record` aside today with `reason` (required, at most REASON_MAX characters),
    audited. `refuse`, if given, raises the kind's own ServiceError (a done milestone,
    say); it runs after the reason is checked, before "set aside already". Raises
    ServiceError."""
    reason = given_reason(reason, kind.no_reason)
    if refuse is not None:
        refuse()
    if getattr(record, kind.on_field) is not None:
        raise ServiceError(kind.already)
    (action, verb), _undo = kind.verbs
    before, after = apply_changes(record, kind.set_values(reason, actor))
    record_audit(
        actor,
        f"{kind.action}.{action}",
        record,
        f"{verb} {kind.summary_name(record)}",
        before,
        after,
    )
    db.session.flush()


def bring_back(record: Any, kind: SetAsideKind, *, actor: User) -> None:
    """Undo `record`'s setting aside (administrators only), audited. Raises ServiceError
    for another user or a record not set aside."""
    if not actor.is_admin:
        raise ServiceError(kind.admin_only)
    if getattr(record, kind.on_field) is None:
        raise ServiceError(kind.not_set_aside)
    _set, (action, verb) = kind.verbs
    before, after = apply_changes(record, kind.cleared_values())
    record_audit(
        actor,
        f"{kind.action}.{action}",
        record,
        f"{verb} {kind.summary_name(record)}",
        before,
        after,
    )
    db.session.flush()
