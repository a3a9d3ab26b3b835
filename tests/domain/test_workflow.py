"""Every move between every pair of states: allowed, refused, and forced by an admin."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tracker.domain.workflow import ALL_STATUSES, IllegalMove, TrackStatus, check_move

S = TrackStatus
TODAY = date(2026, 1, 12)

# Written out by hand from DESIGN.md, not derived from the module under test.
ALLOWED = {
    (S.EXPLORATORY, S.MANDATE),
    (S.MANDATE, S.LAUNCHED),
    (S.LAUNCHED, S.NEGOTIATING),
    (S.NEGOTIATING, S.INITIALLED),
    (S.INITIALLED, S.SIGNED),
    (S.SIGNED, S.RATIFICATION),
    (S.RATIFICATION, S.IN_FORCE),
    (S.LAUNCHED, S.SUSPENDED),
    (S.NEGOTIATING, S.SUSPENDED),
    (S.INITIALLED, S.SUSPENDED),
    (S.EXPLORATORY, S.ABANDONED),
    (S.MANDATE, S.ABANDONED),
    (S.LAUNCHED, S.ABANDONED),
    (S.NEGOTIATING, S.ABANDONED),
    (S.INITIALLED, S.ABANDONED),
    (S.SIGNED, S.ABANDONED),
    (S.RATIFICATION, S.ABANDONED),
    (S.SUSPENDED, S.ABANDONED),
    # resuming: only to the state the track left (negotiating in these cases)
    (S.SUSPENDED, S.NEGOTIATING),
}
PAIRS = [(a, b) for a, b in product(ALL_STATUSES, ALL_STATUSES) if a is not b]


def move(current: S, target: S, **kw: object):
    kw.setdefault("effective_on", TODAY)
    kw.setdefault("today", TODAY)
    kw.setdefault("suspended_from", S.NEGOTIATING if current is S.SUSPENDED else None)
    return check_move(current, target, **kw)  # type: ignore[arg-type]


def test_there_are_ten_states_and_ninety_moves() -> None:
    assert len(ALL_STATUSES) == 10
    assert len(PAIRS) == 90


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_move(current: S, target: S) -> None:
    reason = "The partner withdrew its mandate." if target is S.ABANDONED else ""
    result = move(current, target, comment=reason)
    assert (result.from_status, result.to_status, result.forced) == (current, target, False)


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p not in ALLOWED])
def test_refused_move_gives_a_reason(current: S, target: S) -> None:
    with pytest.raises(IllegalMove) as refused:
        move(current, target)
    assert refused.value.reason
    assert refused.value.field == "to_status"


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p not in ALLOWED])
def test_admin_can_force_a_refused_move_with_a_comment(current: S, target: S) -> None:
    result = move(current, target, force=True, comment="Recorded late; the council decided so.")
    assert result.forced is True
    assert result.to_status is target


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p not in ALLOWED])
def test_forcing_without_a_comment_is_refused(current: S, target: S) -> None:
    with pytest.raises(IllegalMove, match="needs a comment") as refused:
        move(current, target, force=True, comment="   ")
    assert refused.value.field == "comment"


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_staying_in_the_same_state_is_refused_even_when_forced(status: S) -> None:
    with pytest.raises(IllegalMove, match="already"):
        move(status, status, force=True, comment="why not")


def test_reasons_say_what_is_wrong() -> None:
    with pytest.raises(
        IllegalMove, match="Skipping steps.*next step after launched is negotiating"
    ):
        move(S.LAUNCHED, S.SIGNED)
    with pytest.raises(IllegalMove, match="Going back from negotiating to launched"):
        move(S.NEGOTIATING, S.LAUNCHED)
    with pytest.raises(IllegalMove, match="closed"):
        move(S.IN_FORCE, S.SUSPENDED)
    with pytest.raises(IllegalMove, match="resumes to the state it left \\(initialled\\)"):
        move(S.SUSPENDED, S.NEGOTIATING, suspended_from=S.INITIALLED)
    with pytest.raises(IllegalMove, match="Only a launched, negotiating or initialled"):
        move(S.MANDATE, S.SUSPENDED)


def test_resume_goes_back_to_the_state_left() -> None:
    assert move(S.SUSPENDED, S.INITIALLED, suspended_from=S.INITIALLED).to_status is S.INITIALLED
    with pytest.raises(IllegalMove):
        move(S.SUSPENDED, S.LAUNCHED, suspended_from=S.INITIALLED)


def test_effective_date_may_be_back_dated_but_not_in_the_future() -> None:
    assert move(S.LAUNCHED, S.NEGOTIATING, effective_on=date(2025, 12, 20)).effective_on == date(
        2025, 12, 20
    )
    with pytest.raises(IllegalMove, match="future") as refused:
        move(S.LAUNCHED, S.NEGOTIATING, effective_on=date(2026, 1, 13))
    assert refused.value.field == "effective_on"


def test_effective_date_cannot_precede_the_current_status() -> None:
    with pytest.raises(IllegalMove, match="before the current status began"):
        move(
            S.LAUNCHED,
            S.NEGOTIATING,
            effective_on=date(2025, 12, 1),
            status_since=date(2025, 12, 2),
        )
    with pytest.raises(IllegalMove, match="before the current status began"):
        move(
            S.LAUNCHED,
            S.NEGOTIATING,
            effective_on=date(2025, 12, 1),
            status_since=date(2025, 12, 2),
            force=True,
            comment="forcing does not lift dates",
        )


@pytest.mark.parametrize("current", sorted(c for c, t in ALLOWED if t is S.ABANDONED))
def test_abandoning_needs_a_reason(current: S) -> None:
    """Issue #15, item 7: archiving a live track is the workflow's `abandoned` with a
    reason, so the move to abandoned needs a comment saying why, forced or not."""
    for comment in ("", "   "):
        with pytest.raises(IllegalMove, match="Say why") as refused:
            move(current, S.ABANDONED, comment=comment)
        assert refused.value.field == "comment"
    assert move(current, S.ABANDONED, comment="The partner withdrew its mandate.").to_status is (
        S.ABANDONED
    )
