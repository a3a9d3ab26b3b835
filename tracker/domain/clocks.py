"""Legal clocks: the dates a treaty's final clauses imply, computed from the clause (as
data) and the acts the parties have recorded. Pure functions: no Flask, no session;
"today" is an argument where it matters.

The vocabulary covers the common final clauses:

- ``ON``: "on the date of <event>";
- ``AFTER``: "N days / months / years after <event>";
- ``FIRST_DAY_OF_NTH_MONTH_FOLLOWING``: "on the first day of the Nth month following
  <event>" (the EPCA, Art. 281(2): "the first day of the second month following the date
  on which the Parties have notified each other of the completion of the procedures");
- ``FIRST_DAY_OF_MONTH_AFTER_PERIOD``: "on the first day of the month following the
  expiry of a period of N months after <event>";
- ``BEFORE``: "N days / months / years before the end of the term", for notice of
  non-renewal and a denunciation that must be given a period before a term ends (counted
  as the period from the notice to the end: the last day to give it is
  ``latest_event_for``'s, with the same month-end convention).

The <event> is an anchor: signature, the last Party's notification of completion of its
procedures, the deposit of the Nth instrument (ratification, acceptance, approval or
accession), the Nth Party's consent to be bound (an instrument or a definitive signature),
entry into force, or a notification (of denunciation or non-renewal); for a
Party that joins after entry into force, the deposit of its own instrument ("for each
State ratifying or acceding after entry into force, on the first day of the second month
after the deposit of its instrument").

**Periods** follow Regulation (EEC, Euratom) No 1182/71 (rules applicable to periods,
dates and time limits), Art. 3: the day of the event is not counted (Art. 3(1)); a
period of months or years ends at the end of the day in its last month that has the same
date as the event, or of that month's last day when it has no such date (Art. 3(2)(c)).
So the date an entry-into-force or denunciation clock gives is that same date: one month
after 31 Jan 2024 is 29 Feb 2024. Month arithmetic is dateutil's ``relativedelta``, which
clips to the month's end exactly as Art. 3(2)(c) does.

Terms (an initial term, tacit renewal, notice before the end of a term) are
tracker.domain.terms'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta


class Mode(StrEnum):
    """How a clause turns its event's date into the date it fixes."""

    ON = "on"
    AFTER = "after"
    FIRST_DAY_OF_NTH_MONTH_FOLLOWING = "first_day_of_nth_month_following"
    FIRST_DAY_OF_MONTH_AFTER_PERIOD = "first_day_of_month_after_period"
    #: a period before the end of the term (notice given at least N months before it)
    BEFORE = "before"


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class Anchor(StrEnum):
    """The event a clause counts from."""

    SIGNATURE = "signature"
    LAST_NOTIFICATION = "last_notification"
    NTH_INSTRUMENT = "nth_instrument"
    #: "after the Nth Party has consented to be bound": instruments and definitive
    #: signatures alike (CONSENTS)
    NTH_CONSENT = "nth_consent"
    ENTRY_INTO_FORCE = "entry_into_force"
    NOTIFICATION = "notification"
    #: a renewal's event: the end of the term before it (tacit renewal)
    END_OF_TERM = "end_of_term"
    #: a later Party's event: the deposit of its own instrument (or its notification of
    #: completed procedures), for the clause on Parties that join after entry into force
    OWN_INSTRUMENT = "own_instrument"


class Purpose(StrEnum):
    """What a clause fixes (DESIGN.md, "Treaty law": ClockRule.purpose)."""

    ENTRY_INTO_FORCE = "entry_into_force"
    INITIAL_TERM = "initial_term"
    RENEWAL = "renewal"
    NOTICE_OF_NON_RENEWAL = "notice_of_non_renewal"
    DENUNCIATION_EFFECT = "denunciation_effect"
    #: entry into force for a Party whose instrument comes after the agreement's entry
    #: into force, counted from that Party's own instrument
    ENTRY_INTO_FORCE_FOR_LATER = "entry_into_force_for_later"


#: the acts by which a Party expresses its consent to be bound by depositing an instrument
INSTRUMENTS = frozenset({"ratification", "acceptance", "approval", "accession"})
#: a signature not subject to ratification: consent to be bound by signature (VCLT Art. 12),
#: which every clock that waits for a Party's consent takes as it (issue 16 #4)
DEFINITIVE_SIGNATURE = "signature"
#: a Party's consent to be bound by an act of its own: an instrument or a definitive
#: signature (as "X of N" counts it). "After the deposit of the Nth instrument" counts
#: INSTRUMENTS only: a signature is not deposited (the usual clause: "the Nth instrument
#: of ratification, acceptance, approval or accession"; found by a fresh check of issue 16)
CONSENTS = INSTRUMENTS | {DEFINITIVE_SIGNATURE}
#: the anchors that wait for the Nth of some acts, and the acts each counts (a Party's
#: first such act): the deposit of the Nth instrument, the Nth Party's consent to be bound
NTH_ANCHORS: dict[Anchor, frozenset[str]] = {
    Anchor.NTH_INSTRUMENT: INSTRUMENTS,
    Anchor.NTH_CONSENT: CONSENTS,
}


@dataclass(frozen=True)
class Clause:
    """One final clause as data: `offset` counts `unit`s (days, months, years); for
    FIRST_DAY_OF_NTH_MONTH_FOLLOWING it is N (months); for NTH_INSTRUMENT (NTH_CONSENT),
    `nth` is the number of instruments (Parties' consents) the clause waits for."""

    mode: Mode
    anchor: Anchor
    offset: int = 0
    unit: Unit = Unit.MONTHS
    nth: int | None = None

    def __post_init__(self) -> None:
        if self.offset < 0:
            raise ValueError("A clause counts forwards: its offset cannot be negative.")
        if self.mode is Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING and self.offset < 1:
            raise ValueError("'The first day of the Nth month following' needs N of 1 or more.")
        if self.mode is Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD and self.unit is Unit.DAYS:
            raise ValueError("A period before 'the first day of the month' is in months or years.")
        if self.anchor in NTH_ANCHORS and (self.nth is None or self.nth < 1):
            raise ValueError("A clause on the Nth instrument or consent needs N of 1 or more.")


@dataclass(frozen=True)
class Act:
    """A Party's dated act under the agreement (the domain's view of a PartyAction):
    `kind` as in DESIGN.md (signature, ratification, accession, notification_of_completion,
    denunciation, ...), `on` its date (None: the act happened, its date is not recorded);
    for a denunciation or withdrawal, `takes_effect_on` the day it takes effect when known
    (VCLT Art. 56(2): the Party stays bound until then)."""

    party: str
    kind: str
    on: date | None
    takes_effect_on: date | None = None


@dataclass(frozen=True)
class Basis:
    """Why a computed date is what it is: the clause, the event it counted from and that
    event's date, and the Parties whose acts made the event."""

    clause: Clause
    event_on: date
    parties: tuple[str, ...] = ()
    #: under a clause on a Party's own instrument (OWN_INSTRUMENT), the kind of the act it
    #: counted from when it is no instrument: "signature" (a definitive signature) or
    #: "notification_of_completion"; the basis then names that act (h16m #3c)
    act: str = ""


@dataclass(frozen=True)
class Computed:
    """A date a clause implies, with its basis; `on` is None while the event has not
    happened, and `waiting_for` then names the Parties whose act is still missing (or,
    for an Nth-instrument clause, how many instruments are still missing)."""

    on: date | None
    basis: Basis | None = None
    waiting_for: tuple[str, ...] = ()
    #: under an Nth-instrument (Nth-consent) clause, how many are still missing
    instruments_missing: int = 0
    #: True when those missing are Parties' consents to be bound (NTH_CONSENT)
    consents: bool = False
    #: the Party acts that count but carry no date: the clock cannot run without them
    undated: tuple[str, ...] = ()
    #: while `on` is not known, the latest its event can be and why: under an Nth-instrument
    #: clause with instruments undated, the Nth dated one (an undated one can only come
    #: before it, making the Nth earlier); `on_or_before` is the clause applied to it
    at_latest: Basis | None = None
    #: a Party that has expressed no consent to be bound: not yet, nothing to compute
    no_consent: bool = False

    @property
    def on_or_before(self) -> date | None:
        """The latest `on` can be when it is not known (None: no bound, or `on` known)."""
        if self.on is not None or self.at_latest is None:
            return None
        return apply(self.at_latest.clause, self.at_latest.event_on)

    def differs_from(self, recorded_on: date | None) -> bool:
        """True when both dates are known and disagree (an unknown date is no contradiction)."""
        return self.on is not None and recorded_on is not None and self.on != recorded_on


def _period(event_on: date, offset: int, unit: Unit) -> date:
    """The last day of a period of `offset` `unit`s that runs from `event_on` (1182/71, Art. 3)."""
    if unit is Unit.DAYS:
        return event_on + timedelta(days=offset)
    if unit is Unit.MONTHS:
        return event_on + relativedelta(months=offset)
    return event_on + relativedelta(years=offset)


def apply(clause: Clause, event_on: date) -> date:
    """The date `clause` fixes when its event happens on `event_on`.

    Worked examples (tests/domain/test_clocks.py): the first day of the second month
    following 15 Jan 2020 is 1 Mar 2020, following 31 Dec 2019 is 1 Feb 2020; one month
    after 31 Jan 2024 is 29 Feb 2024; the first day of the month following the expiry of
    three months after 15 Jan 2020 is 1 May 2020; six months before the end of a term on
    28 Feb 2025 is 31 Aug 2024.
    """
    if clause.mode is Mode.ON:
        return event_on
    if clause.mode is Mode.AFTER:
        return _period(event_on, clause.offset, clause.unit)
    if clause.mode is Mode.BEFORE:
        # the latest day a period of that length, starting then, still ends by the event
        return latest_event_for(clause, event_on)
    if clause.mode is Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING:
        return event_on.replace(day=1) + relativedelta(months=clause.offset)
    period_ends = _period(event_on, clause.offset, clause.unit)
    return period_ends.replace(day=1) + relativedelta(months=1)


def latest_event_for(clause: Clause, deadline: date) -> date:
    """The latest day an event may happen for `clause` to fix a date on or before `deadline`
    (the last day to give notice, when notice must be given a period before a term ends).

    At month ends this is not `deadline` minus the period: with six months' notice and a
    term ending on 28 Feb 2025 it is 31 Aug 2024 (six months after 31 Aug 2024 is
    28 Feb 2025 under Art. 3(2)(c)), not 28 Aug 2024. Found as the latest day whose result
    still falls on or before `deadline`, starting from a day that certainly does.
    """
    if clause.mode is Mode.ON:
        return deadline
    if clause.mode is Mode.BEFORE:
        # notice N months before the end: the period runs from the notice to the end
        clause = replace(clause, mode=Mode.AFTER)
    if clause.mode is Mode.AFTER and clause.unit is Unit.DAYS:
        return deadline - timedelta(days=clause.offset)
    # a safe start: a result never runs more than a month past the plain subtraction
    months = clause.offset * (12 if clause.unit is Unit.YEARS else 1)
    if clause.mode is not Mode.AFTER:
        months += 1
    candidate = deadline - relativedelta(months=months + 1)
    # step forwards by whole months while the result still fits, then by days
    while apply(clause, candidate + relativedelta(months=1)) <= deadline:
        candidate += relativedelta(months=1)
    while apply(clause, candidate + timedelta(days=1)) <= deadline:
        candidate += timedelta(days=1)
    return candidate


def _event(
    clause: Clause, acts: Sequence[Act], parties: Sequence[str]
) -> tuple[date | None, tuple[str, ...], Computed | None]:
    """The date of the clause's event, the Parties that made it, or why it has not happened."""
    if clause.anchor is Anchor.SIGNATURE:
        kinds = ("signature", "signature_subject_to_ratification")
    elif clause.anchor is Anchor.LAST_NOTIFICATION:
        kinds = ("notification_of_completion",)
    elif clause.anchor in NTH_ANCHORS:
        return _nth_event(clause, acts, parties, NTH_ANCHORS[clause.anchor])
    else:
        raise ValueError(f"{clause.anchor} is not an event the Parties' acts make.")
    # "each Party has done it": the event is the last Party's (first) act
    dated: dict[str, list[date | None]] = {}
    for act in acts:
        if act.kind in kinds and act.party in parties:
            dated.setdefault(act.party, []).append(act.on)
    if clause.anchor is Anchor.LAST_NOTIFICATION:
        # a Party bound by its definitive signature has no procedures left to notify: its
        # signature is its consent (issue 16 #4), where it has notified nothing
        signed = [a for a in acts if a.kind == DEFINITIVE_SIGNATURE and a.party not in dated]
        for act in signed:
            if act.party in parties:
                dated.setdefault(act.party, []).append(act.on)
    waiting = tuple(p for p in parties if p not in dated)
    undated = tuple(p for p in parties if p in dated and all(d is None for d in dated[p]))
    if waiting or undated or not parties:
        return None, (), Computed(on=None, waiting_for=waiting, undated=undated)
    event_on = max(min(d for d in dated[p] if d is not None) for p in parties)
    return event_on, tuple(parties), None


def _nth_event(
    clause: Clause, acts: Sequence[Act], parties: Sequence[str], kinds: frozenset[str]
) -> tuple[date | None, tuple[str, ...], Computed | None]:
    """The event of an Nth-instrument (Nth-consent) clause: the day the Nth Party made its
    first act of `kinds`, and the Parties that had by then (in their order)."""
    deposits = sorted(
        (a for a in acts if a.kind in kinds and a.party in parties and a.on is not None),
        key=lambda a: a.on,  # type: ignore[arg-type,return-value]
    )
    firsts: dict[str, date] = {}
    for act in deposits:
        firsts.setdefault(act.party, act.on)  # type: ignore[arg-type]
    nth = clause.nth or 1
    # an act whose date is not recorded may have been any of them: the Nth is not known
    # (issue 16 #3), though it counts towards the N made
    undated = tuple(
        p
        for p in parties
        if p not in firsts and any(a.party == p and a.kind in kinds for a in acts)
    )
    ordered = sorted(firsts.items(), key=lambda item: item[1])
    if len(firsts) < nth or undated:
        missing = max(nth - len(firsts) - len(undated), 0)
        # with N dated already, the Nth is on or before the Nth dated one (h16d #1)
        at_latest = (
            Basis(clause, ordered[nth - 1][1], tuple(p for p, _ in ordered[:nth]))
            if len(ordered) >= nth
            else None
        )
        pending = Computed(
            on=None,
            instruments_missing=missing,
            undated=undated,
            consents=clause.anchor is Anchor.NTH_CONSENT,
            at_latest=at_latest,
        )
        return None, (), pending
    return ordered[nth - 1][1], tuple(p for p, _ in ordered[:nth]), None


def entry_into_force(clause: Clause, acts: Sequence[Act], parties: Sequence[str]) -> Computed:
    """The agreement's entry into force under `clause`, from the acts of `parties` (the
    Parties that consent to be bound; in a mixed EU agreement, the Union, each Member
    State and the partner). Raises ValueError for an anchor the acts cannot make."""
    event_on, made_by, pending = _event(clause, acts, parties)
    if pending is not None or event_on is None:
        return pending or Computed(on=None)
    return Computed(on=apply(clause, event_on), basis=Basis(clause, event_on, made_by))


def denunciation_takes_effect(clause: Clause, notified_on: date) -> Computed:
    """The day a denunciation notified on `notified_on` takes effect under `clause`."""
    return Computed(on=apply(clause, notified_on), basis=Basis(clause, notified_on))


@dataclass(frozen=True)
class ClockCheck:
    """A computed date set beside the recorded one (both may be unknown)."""

    purpose: Purpose
    computed: Computed
    recorded_on: date | None

    @property
    def differs(self) -> bool:
        return self.computed.differs_from(self.recorded_on)
