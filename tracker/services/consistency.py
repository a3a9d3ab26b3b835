"""The administrators' list of contradictions (issue 16 #6): every agreement whose
recorded facts contradict each other, with what each contradiction is, one page at a time.

The contradictions are those of the agreement's own consistency panel
(tracker.services.agreement_status.agreement_contradictions), worked out in Python from the
acts and the final clauses. Working them out for every agreement on each request took
0.4-0.7 s at bench scale 1 and 6-9 s at scale 10 (bench/notes.md), so SQL selects first
(`may_be_flagged`): an agreement without final clauses as rules has a contradiction
exactly when one of its conditions holds, in SQL as in Python (tested equal on generated
agreements, tests/services/test_contradictions_list.py), and one with rules is worked out
in Python. Only the agreements with rules and those of the page shown are loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from tracker.domain.act_order import CONFIRMING
from tracker.domain.party_actions import (
    CONSENT,
    INSTRUMENTS,
    LEAVING,
    SIGNATURES,
    ActionKind,
    Contradiction,
)
from tracker.domain.termination import MINIMUM_PARTIES
from tracker.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    ClockRule,
    Party,
    PartyAction,
    PartyGroup,
    PartyKind,
    PartySide,
    Ratification,
    party_group_members,
)
from tracker.orm import db
from tracker.services.act_date_checks import act_dates_may_disagree
from tracker.services.agreement_status import agreement_contradictions
from tracker.services.paging import PageRequest

#: agreements loaded per IN (...) (well under SQLite's limit of bound values)
CHUNK = 900


@dataclass(frozen=True)
class FlaggedAgreement:
    """An agreement and what its recorded facts say against each other."""

    id: int
    title: str
    contradictions: list[Contradiction]


def _row_has(kinds: frozenset[ActionKind], *where: Any) -> ColumnElement[bool]:
    """The Party row (Ratification, correlated) has an act of `kinds` (and `where`)."""
    return exists(
        select(PartyAction.id)
        .where(
            PartyAction.agreement_id == Ratification.agreement_id,
            PartyAction.party_id == Ratification.party_id,
            PartyAction.kind.in_(sorted(kinds)),
            *where,
        )
        .correlate_except(PartyAction)  # the row, and the agreement two levels up
    )


def _some_row(*where: Any) -> ColumnElement[bool]:
    """A Party row of the agreement (correlated) meets `where`."""
    return exists(select(Ratification.id).where(Ratification.agreement_id == Agreement.id, *where))


def may_be_flagged(today: date) -> ColumnElement[bool]:
    """SQL: the agreement has final clauses as rules (worked out in Python), or one of the
    contradictions of tracker.domain.party_actions.contradictions and dated_in_future
    holds. For an agreement without rules it is exact: its clocks give nothing, so these
    are all its contradictions.

    - in force (recorded), and a Party row with no act of consent;
    - a Party row with a ratification, acceptance or approval, but neither a signature
      nor an accession;
    - in force, and a Party row with a consent to be bound whose first dated provisional
      application comes after it, unless the Party acceded after it (its first dated
      instrument is later);
    - a Party row with a ratification, acceptance or approval dated before its first
      signature; with one of them and an accession; with the end of a provisional
      application but no provisional application; in force, and a Party row with a
      consent and a denunciation or withdrawal dated before it, unless the Party acceded
      after it (tracker.domain.act_order);
    - an act dated after `today`;
    - an objection dated before the reservation it names, or after a withdrawal of one
      by the reserving Party (_objection_out_of_time: worked out in Python then);
    - a dated withdrawal of a reservation, its Party having no undated reservation
      (_withdrawal_may_be_alone: worked out in Python then);
    - the agreement's date of signature against its Parties' signatures
      (_signatures_disagree);
    - an act's second date before its own, an end of provisional application before its
      Party's start, a second consent to be bound (tracker.services.act_date_checks.
      act_dates_may_disagree: worked out in Python then);
    - not recorded as terminated, but the denunciations and withdrawals that have taken
      effect by `today` (their recorded effective dates: without rules there is no other)
      leave fewer than two of its Parties bound, of at least two, or, for a mixed
      agreement with both sides recorded, no Party of one side (_side_left;
      tracker.domain.termination.ending).
    """
    in_force = Agreement.in_force_on.is_not(None)
    rows = _rows_where()
    left = _rows_where(_row_has(LEAVING, PartyAction.effective_on <= today))
    provisional = frozenset({ActionKind.PROVISIONAL_APPLICATION})
    return or_(
        exists(select(ClockRule.id).where(ClockRule.agreement_id == Agreement.id)),
        and_(in_force, _some_row(~_row_has(CONSENT))),
        _some_row(
            _row_has(INSTRUMENTS - {ActionKind.ACCESSION}),
            ~_row_has(SIGNATURES | {ActionKind.ACCESSION}),
        ),
        and_(
            in_force,
            _some_row(
                _row_has(provisional, PartyAction.on > Agreement.in_force_on),
                ~_row_has(provisional, PartyAction.on <= Agreement.in_force_on),
                ~_joined_later(),
                _row_has(CONSENT),  # in force for no Party that has not consented (fc16e)
            ),
        ),
        # the order of a Party's acts (tracker.domain.act_order)
        _some_row(_confirmed_before_signature()),
        _some_row(_row_has(CONFIRMING), _row_has(frozenset({ActionKind.ACCESSION}))),
        _some_row(
            _row_has(frozenset({ActionKind.PROVISIONAL_APPLICATION_END})),
            ~_row_has(provisional),
        ),
        and_(
            in_force,
            _some_row(
                _row_has(LEAVING, PartyAction.on < Agreement.in_force_on),
                ~_joined_later(),
                _row_has(CONSENT),
            ),
        ),
        exists(
            select(PartyAction.id).where(
                PartyAction.agreement_id == Agreement.id, PartyAction.on > today
            )
        ),
        _signatures_disagree(rows),
        _objection_out_of_time(),
        _withdrawal_may_be_alone(),
        act_dates_may_disagree(),
        and_(
            Agreement.status != AgreementStatus.TERMINATED,
            or_(and_(rows >= MINIMUM_PARTIES, rows - left < MINIMUM_PARTIES), _side_left(today)),
        ),
    )


def _objection_out_of_time() -> ColumnElement[bool]:
    """SQL, a superset worked out in Python (which withdrawal withdraws which reservation
    is told there, tracker.domain.objection_dates): a dated objection naming a dated
    reservation, dated before it or after a dated withdrawal of a reservation by the
    reserving Party."""
    objection, reservation, withdrawal = (aliased(PartyAction) for _ in range(3))
    withdrawn_before = exists(
        select(withdrawal.id).where(
            withdrawal.agreement_id == reservation.agreement_id,
            withdrawal.party_id == reservation.party_id,
            withdrawal.kind == ActionKind.RESERVATION_WITHDRAWAL,
            withdrawal.on < objection.on,
        )
    )
    return exists(
        select(objection.id)
        .join(reservation, reservation.id == objection.objects_to_id)
        .where(
            objection.agreement_id == Agreement.id,
            objection.kind == ActionKind.OBJECTION,
            objection.on.is_not(None),
            reservation.on.is_not(None),
            or_(objection.on < reservation.on, withdrawn_before),
        )
    )


def _withdrawal_may_be_alone() -> ColumnElement[bool]:
    """SQL, a superset worked out in Python (tracker.domain.withdrawal_dates): a Party row
    with a dated withdrawal of a reservation and no undated reservation."""
    withdrawal = frozenset({ActionKind.RESERVATION_WITHDRAWAL})
    return _some_row(
        _row_has(withdrawal, PartyAction.on.is_not(None)),
        ~_row_has(frozenset({ActionKind.RESERVATION}), PartyAction.on.is_(None)),
    )


def _joined_later() -> ColumnElement[bool]:
    """The Party row (correlated) is of a Party that acceded after the agreement's
    recorded entry into force: its own date is not known (party_actions._joined_later)."""
    return and_(
        _row_has(frozenset({ActionKind.ACCESSION})),
        _row_has(INSTRUMENTS, PartyAction.on.is_not(None)),
        ~_row_has(INSTRUMENTS, PartyAction.on <= Agreement.in_force_on),
    )


def _confirmed_before_signature() -> ColumnElement[bool]:
    """The Party row (correlated) has a ratification, acceptance or approval dated before
    its first dated signature: a signature after it and none on or before it."""
    instrument, signature = aliased(PartyAction), aliased(PartyAction)

    def signed(*where: Any) -> ColumnElement[bool]:
        return exists(
            select(signature.id).where(
                signature.agreement_id == instrument.agreement_id,
                signature.party_id == instrument.party_id,
                signature.kind.in_(sorted(SIGNATURES)),
                *where,
            )
        )

    return exists(
        select(instrument.id)
        .where(
            instrument.agreement_id == Ratification.agreement_id,
            instrument.party_id == Ratification.party_id,
            instrument.kind.in_(sorted(CONFIRMING)),
            instrument.on.is_not(None),
            signed(signature.on > instrument.on),
            ~signed(signature.on <= instrument.on),
        )
        .correlate_except(instrument)
    )


def _of_the_part(side: PartySide) -> ColumnElement[bool]:
    """The Party row (Ratification, correlated) is of `side` of a mixed agreement: set so
    on the row, or not set and derived so (the SQL twin of tracker.services.clock_rules.
    sides_of and derived_side: of the one part an organisation, a group shown as one or
    a member of a group of Parties)."""
    derived = or_(
        Ratification.party_id.in_(
            select(Party.id)
            .where(Party.kind.in_([PartyKind.ORGANISATION, PartyKind.GROUP]))
            .correlate(None)
        ),
        Ratification.party_id.in_(  # of one of the agreement's own groups (h16j)
            select(party_group_members.c.party_id)
            .join(PartyGroup, PartyGroup.id == party_group_members.c.group_id)
            .where(PartyGroup.agreement_id == Ratification.agreement_id)
        ),
    )
    return or_(
        Ratification.side == side,
        and_(
            Ratification.side.is_(None),
            derived if side is PartySide.ONE_PART else ~derived,
        ),
    )


def _side_left(today: date) -> ColumnElement[bool]:
    """SQL: a mixed agreement with Parties of both parts recorded, every Party of one part
    having left by `today` (a denunciation or withdrawal recorded to take effect on or
    before it; tracker.domain.termination.ending with its sides)."""
    gone = _row_has(LEAVING, PartyAction.effective_on <= today)
    one, other = _of_the_part(PartySide.ONE_PART), _of_the_part(PartySide.OTHER_PART)
    return and_(
        Agreement.kind == AgreementKind.MIXED,
        _rows_where(one) > 0,
        _rows_where(other) > 0,
        or_(_rows_where(one, ~gone) == 0, _rows_where(other, ~gone) == 0),
    )


def _signatures_disagree(rows: Any) -> ColumnElement[bool]:
    """SQL twin of tracker.domain.signature_consistency.signature_contradictions: a date of
    signature, and a Party's dated signature act on another day (two Parties or fewer) or
    before it (more)."""

    def signature(*where: Any) -> ColumnElement[bool]:
        return exists(
            select(PartyAction.id).where(
                PartyAction.agreement_id == Agreement.id,
                PartyAction.kind.in_(sorted(SIGNATURES)),
                *where,
            )
        )

    return and_(
        Agreement.signed_on.is_not(None),
        or_(
            and_(rows <= 2, signature(PartyAction.on != Agreement.signed_on)),
            and_(rows > 2, signature(PartyAction.on < Agreement.signed_on)),
        ),
    )


def _rows_where(*where: Any) -> Any:
    """SQL: how many Party rows of the agreement (correlated) meet `where`."""
    return (
        select(func.count(Ratification.id))
        .where(Ratification.agreement_id == Agreement.id, *where)
        .scalar_subquery()
    )


def _loaded(ids: list[int]) -> dict[int, Agreement]:
    """The agreements `ids` with their rows, acts and rules, by id."""
    found: dict[int, Agreement] = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        query = (
            select(Agreement)
            .where(Agreement.id.in_(part))
            .options(
                selectinload(Agreement.clock_rules),
                selectinload(Agreement.ratifications).joinedload(Ratification.party),
                selectinload(Agreement.ratifications).selectinload(Ratification.actions),
                selectinload(Agreement.party_groups).selectinload(PartyGroup.members),
            )
        )
        found.update((a.id, a) for a in db.session.scalars(query))
    return found


def _flagged(agreement: Agreement, today: date) -> FlaggedAgreement:
    return FlaggedAgreement(
        agreement.id, agreement.display_title, agreement_contradictions(agreement, today)
    )


class FlaggedPage(Pagination):
    """A page of the flagged agreements: the ordered ids are known (`ids`); the
    agreements of the page are loaded and worked out when the page is read."""

    def _query_items(self) -> list[Any]:
        ids: list[int] = self._query_args["ids"]
        worked: dict[int, FlaggedAgreement] = self._query_args["worked"]
        today: date = self._query_args["today"]
        start = (self.page - 1) * self.per_page
        shown = ids[start : start + self.per_page]
        loaded = _loaded([i for i in shown if i not in worked])
        return [worked[i] if i in worked else _flagged(loaded[i], today) for i in shown]

    def _query_count(self) -> int:
        return len(self._query_args["ids"])


def _flagged_ids(today: date) -> tuple[list[int], dict[int, FlaggedAgreement]]:
    """The flagged agreements' ids by title, and those already worked out (the ones with
    rules, which only Python can tell)."""
    has_rules = or_(  # or an objection, a withdrawal or an act's dates to tell in Python
        exists(select(ClockRule.id).where(ClockRule.agreement_id == Agreement.id)),
        _objection_out_of_time(),
        _withdrawal_may_be_alone(),
        act_dates_may_disagree(),
    )
    rows = db.session.execute(
        select(Agreement.id, has_rules)
        .where(may_be_flagged(today))
        .order_by(Agreement.title, Agreement.id)
    ).all()
    with_rules = _loaded([agreement_id for agreement_id, ruled in rows if ruled])
    worked = {i: _flagged(a, today) for i, a in with_rules.items()}
    ids = [i for i, ruled in rows if not ruled or worked[i].contradictions]
    return ids, worked


def flagged_agreements(today: date) -> list[FlaggedAgreement]:
    """Every agreement with a contradiction as of `today`, by title."""
    ids, worked = _flagged_ids(today)
    loaded = _loaded([i for i in ids if i not in worked])
    return [worked[i] if i in worked else _flagged(loaded[i], today) for i in ids]


def contradictions_page(today: date, at: PageRequest) -> Pagination:
    """Page `at` of the flagged agreements (items: FlaggedAgreement)."""
    ids, worked = _flagged_ids(today)
    return FlaggedPage(
        page=at.number,
        per_page=at.size,
        max_per_page=100,
        error_out=False,
        count=True,
        ids=ids,
        worked=worked,
        today=today,
    )
