"""An agreement's status panel, derived from its Parties' acts: "X of N" consented, each
group's progress, and the contradictions its consistency panel names (issue 16 #6).
Moved out of tracker.services.party_actions, which records the acts (behaviour unchanged).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from tracker import clock
from tracker.domain.act_order import order_contradictions
from tracker.domain.clock_rules import AgreementClocks
from tracker.domain.clocks import Act
from tracker.domain.messages import Message
from tracker.domain.party_actions import (
    ActionKind,
    Contradiction,
    PartySteps,
    bound_until,
    consented_count,
    contradictions,
    dated_in_future,
)
from tracker.domain.party_totals import PartyTotals, party_totals
from tracker.domain.signature_consistency import signature_contradictions
from tracker.domain.termination import Departure
from tracker.models import (
    Agreement,
    AgreementStatus,
)
from tracker.schemas.party_actions import PartyActionInput
from tracker.services.act_date_checks import act_date_flags
from tracker.services.clock_rules import clocks_of
from tracker.services.party_action_checks import (
    objection_flags,
    withdrawal_flags,
)

FIELDS = PartyActionInput.FIELDS


@dataclass(frozen=True)
class GroupProgress:
    """A group's own "X of N": its members under the agreement that have consented (a
    row standing for the group itself is not one of them: `total` 0 with `shown_as_one`
    means the members are not listed one by one)."""

    id: int
    name: str
    done: int
    total: int
    #: the ids of its members' rows under the agreement (to show the group's rows only)
    row_ids: frozenset[int] = frozenset()
    shown_as_one: bool = False


@dataclass(frozen=True)
class StatusPanel:
    """The agreement's Parties as the acts give them: the matrix rows (in the order of
    the Party rows), "X of N", each group's progress, the dates the final clauses give
    and the contradictions."""

    rows: list[PartySteps]
    groups: list[GroupProgress]
    contradictions: list[Contradiction]
    clocks: AgreementClocks = AgreementClocks()
    #: "X of N have consented" and each column's "X of N", over the same Parties (N: the
    #: Parties, not the rows of groups shown as one; X: those that have not left; h16i #1)
    totals: PartyTotals = PartyTotals()
    #: by Party name, its denunciation or withdrawal and the day it takes effect (the
    #: matrix shows it pending, or taken effect)
    departures: Mapping[str, Departure] = field(default_factory=dict)


def _contradictions(
    agreement: Agreement, rows: list[PartySteps], clocks: AgreementClocks, today: date
) -> list[Contradiction]:
    computed = clocks.entry_into_force
    in_force_for = {d.party: d.on for d in clocks.per_party if d.party and d.on}
    acts = [
        Act(r.party.named, a.kind.value, a.on, a.effective_on)
        for r in agreement.ratifications
        for a in r.actions
    ]
    return [
        *contradictions(
            rows,
            in_force_on=agreement.in_force_on,
            computed_in_force_on=computed.on if computed else None,
            in_force_for=in_force_for or None,
            not_yet_bound=clocks.not_yet_bound,
        ),
        *order_contradictions(
            rows,
            acts,
            in_force_on=agreement.in_force_on or (computed.on if computed else None),
            in_force_for=in_force_for or None,
        ),
        *clocks.contradictions(),
        *_status_behind(agreement, clocks, today),
        *dated_in_future(acts, today),
        *signature_contradictions(agreement.signed_on, acts, [r.party for r in rows]),
        *_ended(agreement, clocks, today),
        *objection_flags(agreement),
        *withdrawal_flags(agreement),
        *act_date_flags(agreement),
    ]


#: statuses of an agreement not (yet) in force: behind once it has entered into force
NOT_YET_IN_FORCE = frozenset(
    {AgreementStatus.DRAFT, AgreementStatus.SIGNED, AgreementStatus.PROVISIONALLY_APPLIED}
)


def _status_behind(
    agreement: Agreement, clocks: AgreementClocks, today: date
) -> list[Contradiction]:
    """The final clauses and the recorded acts give an entry into force on or before
    `today`, but the agreement's recorded status is still one of before it (draft,
    signed, provisionally applied)."""
    computed = clocks.entry_into_force
    if (
        computed is None
        or computed.on is None
        or computed.on > today
        or agreement.status not in NOT_YET_IN_FORCE
    ):
        return []
    return [
        Contradiction(
            None,
            Message(
                "The final clauses and the recorded acts give entry into force on "
                "%(computed)s, but the agreement's status is still %(status)s; if it is in "
                "force, record its status and its date of entry into force.",
                computed=computed.on,
                status=agreement.status,
            ),
        )
    ]


def _ended(agreement: Agreement, clocks: AgreementClocks, today: date) -> list[Contradiction]:
    """The agreement's denunciations have ended it by `today` (fewer than two Parties left
    bound, or no Party of one side of a mixed agreement: tracker.domain.termination), but
    its recorded status is not "terminated"."""
    ended = clocks.ended
    if ended is None or ended.on > today or agreement.status is AgreementStatus.TERMINATED:
        return []
    values = {
        "status": agreement.status,
        "ended_on": ended.on,
        "act": ActionKind(ended.kind),
        "party": ended.party,
    }
    if ended.side_left:  # a mixed agreement: one side has left
        message = Message(
            "Recorded: %(status)s; the treaty's clauses and acts imply it ended on "
            "%(ended_on)s, when the %(act)s by %(party)s took effect and no Party of its "
            "side remained bound. If so, record its status as terminated.",
            **values,
        )
    else:
        message = Message(
            "Recorded: %(status)s; the treaty's clauses and acts imply it ended on "
            "%(ended_on)s, when the %(act)s by %(party)s took effect and fewer than two "
            "Parties remained bound. If so, record its status as terminated.",
            **values,
        )
    return [Contradiction(None, message)]


def agreement_contradictions(agreement: Agreement, today: date) -> list[Contradiction]:
    """What the agreement's recorded facts say against each other as of `today` (its
    consistency panel's list): its Parties' acts, the dates its final clauses give, acts
    dated in the future. The agreement comes loaded with its rows, acts and rules."""
    rows = [r.steps for r in agreement.ratifications]
    return _contradictions(agreement, rows, clocks_of(agreement, today), today)


def status_panel(agreement: Agreement, today: date | None = None) -> StatusPanel:
    """The status panel of an agreement loaded with its rows and their acts, as of `today`
    (by default the clock's): a computed date that differs from the recorded one is a
    contradiction, and provisional application is checked against each Party's own
    computed entry into force."""
    today = today or clock.today()
    clocks = clocks_of(agreement, today)
    leaving = _departures(clocks)
    effects = {p: d.takes_effect_on for p, d in leaving.items() if d.takes_effect_on}
    rows = bound_until([r.steps for r in agreement.ratifications], effects)
    by_party = {r.party_id: row for r, row in zip(agreement.ratifications, rows, strict=True)}
    row_of = {r.party_id: r.id for r in agreement.ratifications}
    as_one = {r.party_id for r in agreement.ratifications if r.stands_for_group}
    counted = [by_party[r.party_id] for r in agreement.counted_ratifications]
    groups = []
    if by_party:
        # the agreement's own groups (h16j), those with one of its Parties as a member
        for group in agreement.party_groups:
            ids = [p.id for p in group.members if p.id in by_party]
            if not ids:
                continue
            members = [by_party[i] for i in ids if i not in as_one]
            groups.append(
                GroupProgress(
                    group.id,
                    group.name,
                    consented_count(members, on=today),
                    len(members),
                    frozenset(row_of[i] for i in ids),
                    shown_as_one=any(i in as_one for i in ids),
                )
            )
    return StatusPanel(
        rows=rows,
        totals=party_totals(counted, today),
        groups=groups,
        contradictions=_contradictions(agreement, rows, clocks, today),
        clocks=clocks,
        departures=leaving,
    )


def _departures(clocks: AgreementClocks) -> dict[str, Departure]:
    """Each Party's first denunciation or withdrawal (the first to take effect; one whose
    day is not known after those whose day is)."""
    first: dict[str, Departure] = {}
    for d in sorted(
        clocks.departures,
        key=lambda d: (d.takes_effect_on is None, d.takes_effect_on or date.min),
    ):
        first.setdefault(d.party, d)
    return first
