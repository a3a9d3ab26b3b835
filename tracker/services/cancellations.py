"""Tidy records (issue #15, item 7): a milestone that will not happen, or an action item
that will not be done, is cancelled with a reason rather than deleted or left overdue. A
cancelled one is neither open nor overdue (Milestone.is_open / is_overdue, ActionItem.is_open
/ is_overdue, in Python and SQL alike), so it leaves reminders, counts, "my work", the lists'
open filters and the weekly report; the audit log keeps who cancelled it and why, and an
administrator can restore it.

Services: they flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from tracker import clock
from tracker.domain.messages import N_
from tracker.models import ActionItem, ActionStatus, Milestone, User
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.records import apply_changes, check_version, detects_conflicts, record_audit

#: the longest reason kept (a paragraph, not a document)
REASON_MAX = 2000


def given_reason(reason: str, message: str) -> str:
    """`reason` stripped; ServiceError(`message`) when empty, or when longer than
    REASON_MAX characters."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(message, field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError("Keep the reason to %(max)s characters.", field="reason", max=REASON_MAX)
    return reason


@detects_conflicts("milestone")
def cancel_milestone(
    milestone: Milestone, *, reason: str, actor: User, expected_version: int | None
) -> Milestone:
    """Cancel `milestone` today, saying why (`reason`, required, at most REASON_MAX
    characters). Raises ServiceError when it is done or already cancelled, or the reason
    is missing; ConflictError when `expected_version` is not the stored one."""
    check_version(milestone, expected_version, "milestone")
    reason = given_reason(reason, N_("Say why the milestone is cancelled."))
    if milestone.done_on is not None:
        raise ServiceError("A milestone that is done cannot be cancelled; reopen it first.")
    if milestone.cancelled_on is not None:
        raise ServiceError("This milestone is cancelled already.")
    before, after = apply_changes(
        milestone, {"cancelled_on": clock.today(), "cancel_reason": reason}
    )
    record_audit(
        actor, "milestone.cancelled", milestone, f"Cancelled {milestone.title}", before, after
    )
    db.session.flush()
    return milestone


@detects_conflicts("milestone")
def restore_milestone(
    milestone: Milestone, *, actor: User, expected_version: int | None
) -> Milestone:
    """Undo a cancellation (administrators only): the milestone is open again, planned as
    it was. Raises ServiceError for another user or a milestone not cancelled;
    ConflictError when `expected_version` is not the stored one."""
    check_version(milestone, expected_version, "milestone")
    if not actor.is_admin:
        raise ServiceError("Only an administrator can restore a cancelled milestone.")
    if milestone.cancelled_on is None:
        raise ServiceError("This milestone is not cancelled.")
    before, after = apply_changes(milestone, {"cancelled_on": None, "cancel_reason": ""})
    record_audit(
        actor, "milestone.restored", milestone, f"Restored {milestone.title}", before, after
    )
    db.session.flush()
    return milestone


@detects_conflicts("action item")
def cancel_action_item(
    item: ActionItem, *, reason: str, actor: User, expected_version: int | None
) -> ActionItem:
    """Cancel an open action item today, saying why (`reason`, required, at most
    REASON_MAX characters); its status stays as it was, so that a restore gives it back.
    Raises ServiceError when it is done, dropped or already cancelled, or the reason is
    missing; ConflictError when `expected_version` is not the stored one."""
    check_version(item, expected_version, "action item")
    reason = given_reason(reason, N_("Say why the action item is cancelled."))
    if item.cancelled_on is not None:
        raise ServiceError("This action item is cancelled already.")
    if item.status is not ActionStatus.OPEN:
        raise ServiceError("Only an open action item can be cancelled.")
    before, after = apply_changes(item, {"cancelled_on": clock.today(), "cancel_reason": reason})
    record_audit(
        actor, "action_item.cancelled", item, f"Cancelled action item {item.title}", before, after
    )
    db.session.flush()
    return item


@detects_conflicts("action item")
def restore_action_item(
    item: ActionItem, *, actor: User, expected_version: int | None
) -> ActionItem:
    """Undo a cancellation (administrators only): the item is open again, due as it was.
    Raises ServiceError for another user or an item not cancelled; ConflictError when
    `expected_version` is not the stored one."""
    check_version(item, expected_version, "action item")
    if not actor.is_admin:
        raise ServiceError("Only an administrator can restore a cancelled action item.")
    if item.cancelled_on is None:
        raise ServiceError("This action item is not cancelled.")
    before, after = apply_changes(item, {"cancelled_on": None, "cancel_reason": ""})
    record_audit(
        actor, "action_item.restored", item, f"Restored action item {item.title}", before, after
    )
    db.session.flush()
    return item
