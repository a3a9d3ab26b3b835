"""The negotiation workflow: states, the transition table, and the rule that judges a move.

Views and the CLI never set a track's status; they call
tracker.services.tracks.change_status(), which asks check_move() here first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tracker.domain.messages import as_message


class TrackStatus(StrEnum):
    EXPLORATORY = "exploratory"
    MANDATE = "mandate"
    LAUNCHED = "launched"
    NEGOTIATING = "negotiating"
    INITIALLED = "initialled"
    SIGNED = "signed"
    RATIFICATION = "ratification"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


#: the main line, in order; moving forward one step is always allowed
MAIN_LINE: tuple[TrackStatus, ...] = (
    TrackStatus.EXPLORATORY,
    TrackStatus.MANDATE,
    TrackStatus.LAUNCHED,
    TrackStatus.NEGOTIATING,
    TrackStatus.INITIALLED,
    TrackStatus.SIGNED,
    TrackStatus.RATIFICATION,
    TrackStatus.IN_FORCE,
)
SUSPENDABLE = frozenset({TrackStatus.LAUNCHED, TrackStatus.NEGOTIATING, TrackStatus.INITIALLED})
TERMINAL = frozenset({TrackStatus.IN_FORCE, TrackStatus.ABANDONED})
#: the work of a closed track is over (concluded in force, or abandoned) and of a paused one
#: waits (suspended, until it resumes): neither is reminded, chased nor counted as overdue.
#: NegotiationTrack.is_closed / is_paused / is_live say it in Python and SQL alike.
CLOSED = TERMINAL
PAUSED = frozenset({TrackStatus.SUSPENDED})
#: display order: the main line, then the side states
ALL_STATUSES: tuple[TrackStatus, ...] = (*MAIN_LINE, TrackStatus.SUSPENDED, TrackStatus.ABANDONED)


def _transition_table() -> dict[TrackStatus, frozenset[TrackStatus]]:
    table: dict[TrackStatus, set[TrackStatus]] = {status: set() for status in ALL_STATUSES}
    for current, following in zip(MAIN_LINE, MAIN_LINE[1:], strict=False):
        table[current].add(following)
    for status in SUSPENDABLE:
        table[status].add(TrackStatus.SUSPENDED)
    # Resuming goes back to the state the track left; check_move() narrows it to that one.
    table[TrackStatus.SUSPENDED].update(SUSPENDABLE)
    for status in ALL_STATUSES:
        if status not in TERMINAL:
            table[status].add(TrackStatus.ABANDONED)
    return {status: frozenset(targets) for status, targets in table.items()}


#: status -> statuses an officer may move to without an administrator's override
TRANSITIONS: dict[TrackStatus, frozenset[TrackStatus]] = _transition_table()


class IllegalMove(Exception):
    """A move the workflow refuses; `reason` is the sentence shown to the officer (a Message,
    so the interface can say it in the officer's language)."""

    def __init__(self, reason: str, *, field: str = "to_status", **params: Any) -> None:
        self.reason = as_message(reason, params)
        super().__init__(self.reason)
        self.field = field


@dataclass(frozen=True)
class Move:
    from_status: TrackStatus
    to_status: TrackStatus
    effective_on: date
    forced: bool


def allowed_targets(
    current: TrackStatus, suspended_from: TrackStatus | None = None
) -> list[TrackStatus]:
    """The moves an officer may make from `current`, in display order."""
    targets = TRANSITIONS[current]
    if current is TrackStatus.SUSPENDED:
        targets = frozenset(t for t in targets if t is TrackStatus.ABANDONED or t is suspended_from)
    return [s for s in ALL_STATUSES if s in targets]


def refusal_reason(
    current: TrackStatus, target: TrackStatus, suspended_from: TrackStatus | None = None
) -> IllegalMove | None:
    """Why an officer may not make this move, or None if the move is allowed."""
    if target is current:
        return IllegalMove("The track is already %(current)s.", current=current)
    if target in allowed_targets(current, suspended_from):
        return None
    if current in TERMINAL:
        return IllegalMove(
            "A track that is %(current)s is closed; it cannot move any more.", current=current
        )
    if current is TrackStatus.SUSPENDED and target in SUSPENDABLE:
        if suspended_from is None:
            return IllegalMove(
                "A suspended track resumes to the state it left, not to %(target)s.",
                target=target,
            )
        return IllegalMove(
            "A suspended track resumes to the state it left (%(left)s), not to %(target)s.",
            left=suspended_from,
            target=target,
        )
    if target is TrackStatus.SUSPENDED:
        return IllegalMove(
            "Only a launched, negotiating or initialled track can be suspended, "
            "not one that is %(current)s.",
            current=current,
        )
    if current in MAIN_LINE and target in MAIN_LINE:
        step = MAIN_LINE.index(target) - MAIN_LINE.index(current)
        following = MAIN_LINE[MAIN_LINE.index(current) + 1]
        if step < 0:
            return IllegalMove(
                "Going back from %(current)s to %(target)s is not allowed; "
                "an administrator can force it with a comment.",
                current=current,
                target=target,
            )
        return IllegalMove(
            "Skipping steps is not allowed: the next step after %(current)s is %(following)s.",
            current=current,
            following=following,
        )
    return IllegalMove(
        "Moving from %(current)s to %(target)s is not allowed.", current=current, target=target
    )


def check_move(
    current: TrackStatus,
    target: TrackStatus,
    *,
    effective_on: date,
    today: date,
    status_since: date | None = None,
    suspended_from: TrackStatus | None = None,
    force: bool = False,
    comment: str = "",
) -> Move:
    """Judge a move; return it if allowed, raise IllegalMove with the reason if not.

    An administrator's override (`force`) lifts the transition table but not the
    rules on dates, and needs a comment saying why; so does a move to abandoned (issue #15,
    item 7: the reason a track is given up is kept with the move).
    """
    if target is current:
        raise IllegalMove("The track is already %(current)s.", current=current)
    if effective_on > today:
        raise IllegalMove(
            "The effective date cannot be in the future; record the move when it happens.",
            field="effective_on",
        )
    if status_since is not None and effective_on < status_since:
        raise IllegalMove(
            "The effective date cannot be before the current status began (%(since)s).",
            field="effective_on",
            since=status_since,
        )
    refusal = refusal_reason(current, target, suspended_from)
    if refusal is not None:
        if not force:
            raise refusal
        if not comment.strip():
            raise IllegalMove(
                "An administrator's override needs a comment saying why.", field="comment"
            )
    if target is TrackStatus.ABANDONED and not comment.strip():
        # issue #15, item 7: abandoning is how a live track is archived, with a reason
        raise IllegalMove("Say why the negotiations are abandoned.", field="comment")
    return Move(current, target, effective_on, forced=refusal is not None)
