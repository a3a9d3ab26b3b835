"""Tidy records (issue #15, item 7): a milestone that will not happen is cancelled with a
reason rather than deleted or left overdue. A cancelled milestone is neither open nor
overdue (Milestone.is_open / is_overdue, in Python and SQL alike), so it leaves reminders,
counts, "my work" and the weekly report; the audit log keeps who cancelled it and why,
and an administrator can restore it.

Services: they flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from tracker import clock
from tracker.models import Milestone, User
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.records import apply_changes, check_version, detects_conflicts, record_audit

#: the longest reason kept (a paragraph, not a document)
REASON_MAX = 2000


@detects_conflicts("milestone")
def cancel_milestone(
    milestone: Milestone, *, reason: str, actor: User, expected_version: int | None
) -> Milestone:
    """Cancel `milestone` today, saying why (`reason`, required, at most REASON_MAX
    characters). Raises ServiceError when it is done or already cancelled, or the reason
    is missing; ConflictError when `expected_version` is not the stored one."""
    check_version(milestone, expected_version, "milestone")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Say why the milestone is cancelled.", field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError("Keep the reason to %(max)s characters.", field="reason", max=REASON_MAX)
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
