"""The checks of tracker.domain.act_dates on stored acts (h16k #1, #3): the refusals of an
end of provisional application with no provisional application started on or before it
(and of a provisional application moved after its Party's end), which the act form, the
Parties table, the API and the acts file share (through tracker.services.
party_action_checks), and the consistency panel's flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select

from tracker.domain.act_dates import (
    ONCE,
    end_contradictions,
    end_refusal,
    second_consents,
    second_date_contradictions,
    unstarted_end,
)
from tracker.domain.clocks import Act
from tracker.domain.messages import Message
from tracker.domain.party_actions import ActionKind, Contradiction
from tracker.models import Agreement, PartyAction, Ratification
from tracker.schemas.base import Refusal

_START = ActionKind.PROVISIONAL_APPLICATION.value
_END = ActionKind.PROVISIONAL_APPLICATION_END.value


def _faulty_ends(kinds_and_days: Sequence[tuple[str, date | None]]) -> int:
    """How many of the ends of provisional application among the acts have none started
    on or before them (tracker.domain.act_dates.unstarted_end)."""
    starts = [day for kind, day in kinds_and_days if kind == _START]
    return sum(
        1 for kind, day in kinds_and_days if kind == _END and unstarted_end(day, starts) is not None
    )


def provisional_refusals(
    row: Ratification | None,
    kind: ActionKind | str | None,
    on: date | None,
    *,
    action: PartyAction | None = None,
    added: Iterable[tuple[str, date | None, Any]] = (),
) -> list[Refusal]:
    """At the field "on": an end of provisional application by the Party of `row` on `on`
    with no provisional application of that Party started on or before it; or a
    provisional application (new, or `action` changed) that leaves one of the Party's ends
    without one. `added`: the keys (kind, date, _) of the acts the rows above in a file
    add."""
    if row is None or not kind:
        return []
    kind = str(kind)
    was = str(action.kind) if action is not None else ""
    if _START not in (kind, was) and kind != _END:
        return []
    others = [(str(a.kind), a.on) for a in row.actions if a is not action]
    others += [(k, day) for k, day, _ in added]
    if kind == _END:
        starts = [day for k, day in others if k == _START]
        message = end_refusal(row.party.named, on, starts)
        return [Refusal("on", message)] if message is not None else []
    before = others + ([(was, action.on)] if action is not None else [])
    after = others + [(kind, on)]
    if _faulty_ends(after) <= _faulty_ends(before):
        return []
    ends = sorted(day for k, day in others if k == _END and day is not None)
    return [Refusal("on", start_refusal(row.party.named, ends[0] if ends else None))]


def start_refusal(party: str, ended_on: date | None) -> Message:
    """The refusal of a provisional application of `party` that would start after its
    end of provisional application (`ended_on`, None: its date not recorded)."""
    if ended_on is None:
        return Message(
            "%(party)s would then have an end of provisional application with no "
            "provisional application started on or before it.",
            party=party,
        )
    return Message(
        "A provisional application of %(party)s cannot start after its end of provisional "
        "application (%(ended_on)s).",
        party=party,
        ended_on=ended_on,
    )


def matrix_start_refusal(row: Ratification, value: date | None) -> Message | None:
    """The Parties table's "provisionally applied" cell set to `value`: the act it dates
    (tracker.models.row_steps.MatrixDate) may not start after the day it is recorded to
    apply until, nor after the Party's end of provisional application."""
    if value is None or value == row.provisionally_applied_on:
        return None
    own = [a for a in row.actions if str(a.kind) == _START]
    dated = sorted((a for a in own if a.on is not None), key=lambda a: (a.on, a.id or 0))
    target = dated[0] if dated else (own[0] if own else None)
    if target is not None and target.effective_on is not None and target.effective_on < value:
        return Message(
            "A provisional application cannot start after the day it is recorded to apply "
            "until (%(until)s).",
            until=target.effective_on,
        )
    refusals = provisional_refusals(row, _START, value, action=target)
    return refusals[0].message if refusals else None


def act_date_flags(agreement: Any) -> list[Contradiction]:
    """The agreement's stored acts whose second date is before their own, ends of
    provisional application dated before their Party's start, and second consents to be
    bound, for its consistency panel (its rows and acts loaded)."""
    found: list[Contradiction] = []
    acts = []
    for row in agreement.ratifications:
        name = row.party.named
        own = [Act(name, str(a.kind), a.on, a.effective_on) for a in row.actions]
        acts += own
        starts = [a.on for a in own if a.kind == _START]
        ends = [a.on for a in own if a.kind == _END]
        found += end_contradictions(name, starts, ends)
        found += second_consents(name, own)
    return second_date_contradictions(acts) + found


def act_dates_may_disagree() -> ColumnElement[bool]:
    """SQL for the administrators' list (tracker.services.consistency), correlated with
    the agreement: a superset of act_date_flags, worked out in Python: an act whose second
    date is before its own; a Party row with a dated end of provisional application and a
    provisional application; a Party row with two consents to be bound (ONCE) or more."""
    mine = (
        PartyAction.agreement_id == Ratification.agreement_id,
        PartyAction.party_id == Ratification.party_id,
    )

    def count(*where: Any) -> Any:
        return (
            select(func.count(PartyAction.id))
            .where(*mine, *where)
            .correlate_except(PartyAction)
            .scalar_subquery()
        )

    rows = select(Ratification.id).where(Ratification.agreement_id == Agreement.id)
    return or_(
        exists(
            select(PartyAction.id).where(
                PartyAction.agreement_id == Agreement.id,
                PartyAction.effective_on < PartyAction.on,
            )
        ),
        exists(
            rows.where(
                count(PartyAction.kind == _END, PartyAction.on.is_not(None)) > 0,
                count(PartyAction.kind == _START) > 0,
            )
        ),
        exists(rows.where(count(PartyAction.kind.in_(sorted(ONCE))) >= 2)),
    )
