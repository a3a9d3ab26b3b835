"""The acts of an agreement's Parties: record, edit, delete one; and the agreement's status
panel derived from the acts: "X of N", each group's progress, the contradictions. (Parties
added from a pasted list: tracker.services.party_paste.)

Services flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from tracker import clock
from tracker.domain.act_order import order_contradictions
from tracker.domain.clock_rules import AgreementClocks
from tracker.domain.clocks import Act
from tracker.domain.messages import Message
from tracker.domain.party_actions import (
    INSTRUMENTS,
    ActionKind,
    Contradiction,
    PartySteps,
    bound_until,
    consented_count,
    contradictions,
    dated_in_future,
    signature_contradictions,
)
from tracker.domain.party_names import named
from tracker.domain.termination import Departure
from tracker.models import (
    Agreement,
    AgreementStatus,
    Party,
    PartyAction,
    PartyGroup,
    Ratification,
    User,
)
from tracker.orm import db
from tracker.schemas.party_actions import PartyActionInput
from tracker.services import gate
from tracker.services.clock_rules import clocks_of
from tracker.services.errors import ServiceError
from tracker.services.party_action_checks import (
    checked_input,
    objection_flags,
    refuse_act,
    withdrawal_flags,
)
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    snapshot,
)
from tracker.services.spreadsheets.fileformat import ACTION_COLUMNS, to_csv

FIELDS = PartyActionInput.FIELDS


def _touch(row: Ratification) -> None:
    """The party's row moves to a new version with its acts (the matrix's quick edit
    checks that version)."""
    flag_modified(row, "expected_by")


def get_action(agreement: Agreement, action_id: int) -> PartyAction:
    """An act of one of `agreement`'s Parties. Raises gate.NotFound (an act of another
    agreement too)."""
    for row in agreement.ratifications:
        for action in row.actions:
            if action.id == action_id:
                return action
    raise gate.NotFound("party action")


def party_row_named(agreement: Agreement, name: str) -> Ratification:
    """The row of the agreement's Party named `name` (its name, short name, Russian or
    Kazakh name: h16c #4) in any case or script, runs of spaces as one (h16e #3;
    tracker.domain.party_names, as the pasted lists match names). Raises
    ServiceError (field "party") for a name that is not one of the agreement's Parties."""
    row = named(agreement.ratifications, name, lambda r: r.party)
    if row is not None:
        return row
    raise ServiceError(
        Message("%(name)s is not a party to this agreement.", name=name), field="party"
    )


def refuse_future(data: PartyActionInput) -> None:
    """An act is recorded when it has happened: its date cannot be after today (the day
    it takes effect, or the end of a provisional application, may be). A date expected
    goes in the Party's "expected by". Raises SchemaRefusal
    (tracker.services.party_action_checks)."""
    refuse_act(None, data)


@detects_conflicts("party action")
def record_action(
    row: Ratification, fields: PartyActionInput | Mapping[str, Any], *, actor: User
) -> PartyAction:
    """A new act of the row's Party under the row's agreement, validated by
    PartyActionInput. Raises ServiceError (SchemaRefusal for input that does not fit), and
    ConflictError when another officer moved the Party's row on at the same moment (the
    act moves the row to a new version: _touch)."""
    if isinstance(fields, PartyActionInput):
        data = fields
        refuse_act(row, data)
    else:
        data = checked_input(row, fields)
    action = PartyAction(**{name: getattr(data, name) for name in FIELDS})
    row.actions.append(action)
    _touch(row)
    db.session.flush()
    record_audit(
        actor,
        "agreement.party_action_recorded",
        row.agreement,
        f"Recorded {data.kind.value} by {row.party.name} under {row.agreement.display_title}",
        after={"party_action_id": action.id, **snapshot(action, FIELDS)},
    )
    db.session.flush()
    return action


@detects_conflicts("party action")
def update_action(
    action: PartyAction,
    fields: Mapping[str, Any],
    *,
    actor: User,
    expected_version: int | None,
) -> PartyAction:
    """Change the act to `fields` (validated whole by PartyActionInput).
    Raises ServiceError, ConflictError (`expected_version` not the act's, or None)."""
    check_version(action, expected_version, "party action")
    data = checked_input(action.party_row, {**snapshot(action, FIELDS), **fields}, action=action)
    before, after = apply_changes(action, {name: getattr(data, name) for name in FIELDS})
    if not after:
        return action
    row = action.party_row
    _touch(row)
    record_audit(
        actor,
        "agreement.party_action_updated",
        row.agreement,
        f"Updated {action.kind.value} by {row.party.name} under {row.agreement.display_title}",
        {"party_action_id": action.id, **before},
        {"party_action_id": action.id, **after},
    )
    db.session.flush()
    return action


@detects_conflicts("party action")
def delete_action(action: PartyAction, *, actor: User, expected_version: int | None) -> None:
    """Remove the act (the audit log keeps what it said). Raises ConflictError."""
    check_version(action, expected_version, "party action")
    row = action.party_row
    record_audit(
        actor,
        "agreement.party_action_deleted",
        row.agreement,
        f"Deleted {action.kind.value} by {row.party.name} under {row.agreement.display_title}",
        before={"party_action_id": action.id, **snapshot(action, FIELDS)},
    )
    for other in row.agreement.ratifications:  # as ON DELETE SET NULL, in the session too
        for objection in other.actions:
            if objection.objects_to_id == action.id:
                objection.objects_to_id = None
    row.actions.remove(action)
    _touch(row)
    db.session.flush()


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
    consented: int
    groups: list[GroupProgress]
    contradictions: list[Contradiction]
    clocks: AgreementClocks = AgreementClocks()
    #: N of "X of N": the Parties, not the rows of groups shown as one
    total: int = 0
    #: by Party name, its denunciation or withdrawal and the day it takes effect (the
    #: matrix shows it pending, or taken effect)
    departures: Mapping[str, Departure] = field(default_factory=dict)
    #: "Instrument deposited X of N": the Parties with an instrument whose denunciation
    #: or withdrawal has not taken effect, counted as `consented` (h16f #4)
    deposited: int = 0


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
        found = db.session.scalars(
            select(PartyGroup)
            .join(PartyGroup.members)
            .where(Party.id.in_(list(by_party)))
            .distinct()
            .order_by(PartyGroup.name)
        )
        for group in found:
            ids = [p.id for p in group.members if p.id in by_party]
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
        total=len(counted),
        consented=consented_count(counted, on=today),
        deposited=sum(1 for r in counted if r.recorded & INSTRUMENTS and not r.has_left_by(today)),
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


def actions_csv(agreement: Agreement) -> str:
    """The agreement's acts as CSV (UTF-8 with BOM, CRLF, formula-guarded cells as every
    export here), chronological, those with no recorded date last."""
    acts = [a for row in agreement.ratifications for a in row.actions]
    acts.sort(key=lambda a: (a.on is None, a.on or date.min, a.id))
    # when it was exported, so that an import warns of an act changed since
    exported_at = clock.now_utc().isoformat(timespec="seconds")
    return to_csv(
        ACTION_COLUMNS,
        (
            (
                str(a.id),
                agreement.title,
                a.party_row.party.name,
                a.kind.value,
                a.on.isoformat() if a.on else "",
                a.effective_on.isoformat() if a.effective_on else "",
                a.instrument_ref,
                a.notification_ref,
                a.note,
                a.document_url,
                str(a.objects_to_id or ""),
                exported_at,
            )
            for a in acts
        ),
    )
