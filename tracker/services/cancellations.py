"""Tidy records (issue #15, item 7): a milestone that will not happen, or an action item
that will not be done, is cancelled with a reason rather than deleted or left overdue. A
cancelled one is neither open nor overdue (Milestone.is_open / is_overdue, ActionItem.is_open
/ is_overdue, in Python and SQL alike), so it leaves reminders, counts, "my work", the lists'
open filters and the weekly report; the audit log keeps who cancelled it and why, and an
administrator can restore it.

Services: they flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from tracker.domain.messages import N_
from tracker.models import ActionItem, ActionStatus, Milestone, User
from tracker.services.errors import ServiceError
from tracker.services.milestones import shown_name
from tracker.services.records import check_version, detects_conflicts
from tracker.services.set_aside import REASON_MAX, SetAsideKind, bring_back, given_reason, set_aside

__all__ = [
    "REASON_MAX",
    "cancel_action_item",
    "cancel_milestone",
    "given_reason",
    "restore_action_item",
    "restore_milestone",
]

MILESTONE = SetAsideKind(
    action="milestone",
    state="cancelled",
    summary_name=shown_name,
    no_reason=N_("Say why the milestone is cancelled."),
    already=N_("This milestone is cancelled already."),
    not_set_aside=N_("This milestone is not cancelled."),
    admin_only=N_("Only an administrator can restore a cancelled milestone."),
)
ACTION_ITEM = SetAsideKind(
    action="action_item",
    state="cancelled",
    summary_name=lambda item: f"action item {item.title}",
    no_reason=N_("Say why the action item is cancelled."),
    already=N_("This action item is cancelled already."),
    not_set_aside=N_("This action item is not cancelled."),
    admin_only=N_("Only an administrator can restore a cancelled action item."),
)


@detects_conflicts("milestone")
def cancel_milestone(
    milestone: Milestone, *, reason: str, actor: User, expected_version: int | None
) -> Milestone:
    """Cancel `milestone` today, saying why (`reason`, required, at most REASON_MAX
    characters). Raises ServiceError when it is done or already cancelled, or the reason
    is missing; ConflictError when `expected_version` is not the stored one."""
    check_version(milestone, expected_version, "milestone")

    def refuse_done() -> None:
        if milestone.done_on is not None:
            raise ServiceError("A milestone that is done cannot be cancelled; reopen it first.")

    set_aside(milestone, MILESTONE, reason=reason, actor=actor, refuse=refuse_done)
    return milestone


@detects_conflicts("milestone")
def restore_milestone(
    milestone: Milestone, *, actor: User, expected_version: int | None
) -> Milestone:
    """Undo a cancellation (administrators only): the milestone is open again, planned as
    it was. Raises ServiceError for another user or a milestone not cancelled;
    ConflictError when `expected_version` is not the stored one."""
    check_version(milestone, expected_version, "milestone")
    bring_back(milestone, MILESTONE, actor=actor)
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

    def refuse_closed() -> None:
        # a cancelled item keeps its status (open), so "cancelled already" is said first
        if item.cancelled_on is None and item.status is not ActionStatus.OPEN:
            raise ServiceError("Only an open action item can be cancelled.")

    set_aside(item, ACTION_ITEM, reason=reason, actor=actor, refuse=refuse_closed)
    return item


@detects_conflicts("action item")
def restore_action_item(
    item: ActionItem, *, actor: User, expected_version: int | None
) -> ActionItem:
    """Undo a cancellation (administrators only): the item is open again, due as it was.
    Raises ServiceError for another user or an item not cancelled; ConflictError when
    `expected_version` is not the stored one."""
    check_version(item, expected_version, "action item")
    bring_back(item, ACTION_ITEM, actor=actor)
    return item
