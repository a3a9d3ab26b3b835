"""An agreement's final clauses as rules, and the dates they give from the Parties' acts:
which events each purpose may count from, the basis of a date in words ("on the first day
of the second month following the last notification of completed procedures, 15 Jan
2020"), and everything computed for one agreement beside what is recorded. Pure: no Flask, no
session; `today` is an argument. The date arithmetic is tracker.domain.clocks'; the dates of
the terms, notices and denunciations are tracker.domain.term_dates'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker.domain.clock_words import (
    awaited_words,
    basis_clause_words,
    basis_words,
    event_words,
)
from tracker.domain.clocks import (
    DEFINITIVE_SIGNATURE,
    INSTRUMENTS,
    NTH_ANCHORS,
    Act,
    Anchor,
    Clause,
    Computed,
    Purpose,
    entry_into_force,
)
from tracker.domain.joining import (
    acceding,
    entry_into_force_for,
    notifying,
    original_parties,
)
from tracker.domain.messages import Message, Names, counted_message
from tracker.domain.party_actions import Contradiction
from tracker.domain.term_dates import ClockDate, denunciation_dates, term_dates
from tracker.domain.termination import (
    MINIMUM_PARTIES,
    Denunciation,
    Departure,
    Ending,
    departures,
    ending,
)
from tracker.domain.terms import Duration, Term, takes_effect, terms

__all__ = ["AgreementClocks", "ClockDate", "Denunciation", "agreement_clocks"]


@dataclass(frozen=True)
class AgreementClocks:
    """What an agreement's rules give: its entry into force (and per Party, under an
    Nth-instrument clause or a clause for Parties that join later), the term running and
    its end, the last day to give notice of non-renewal or of denunciation, and the day
    each notified denunciation takes effect."""

    entry_into_force: ClockDate | None = None
    per_party: list[ClockDate] = field(default_factory=list)
    term: Term | None = None
    term_end: ClockDate | None = None
    notice_deadline: ClockDate | None = None
    #: the last day to denounce with effect at the end of the term running, when it is
    #: shown beside the last day to give notice of non-renewal (the agreement has both
    #: clauses: issue 16 #1); without a notice deadline, that last day is notice_deadline
    denunciation_deadline: ClockDate | None = None
    #: the notice or denunciation already given for the term the last day to give notice
    #: was for (then no notice_deadline when it ends the agreement: nothing is left to
    #: remind of; in a multilateral agreement that goes on for the others, the deadline
    #: stays beside it: issue 16 #6)
    notice_given: ClockDate | None = None
    denunciations: list[ClockDate] = field(default_factory=list)
    #: the Parties that may join later and have not (no instrument yet, the agreement in
    #: force for others): not bound, so no contradiction
    not_yet_bound: tuple[str, ...] = ()
    #: each notified denunciation or withdrawal with the day it takes effect (recorded,
    #: else computed from the denunciation clause; None: not known)
    departures: list[Departure] = field(default_factory=list)
    #: the day the departures leave fewer than two Parties bound, or no Party of one side
    #: of a mixed agreement (tracker.domain.termination)
    ended: Ending | None = None
    #: why the entry into force clause cannot be met with the Parties recorded (an Nth
    #: instrument beyond their number: out_of_reach), for the consistency panel
    out_of_reach: Message | None = None
    #: a notice of non-renewal clause that gives no date, and why: no initial
    #: term recorded (h16m #2b); never a deadline to remind of
    notice_unknown: ClockDate | None = None

    @property
    def joining_later(self) -> list[ClockDate]:
        """The entry into force for each Party that joins after the agreement's own (its
        own date, or None while it waits for its act)."""
        return [d for d in self.per_party if d.joins_later]

    @property
    def dates(self) -> list[ClockDate]:
        """Every computed date, in the order a page shows them."""
        found = [
            self.entry_into_force,
            *self.per_party,
            self.term_end,
            self.notice_deadline,
            self.denunciation_deadline,
            self.notice_given,
            self.notice_unknown,
        ]
        return [d for d in [*found, *self.denunciations] if d is not None]

    def dates_in_brief(self, at_most: int = 3) -> tuple[list[ClockDate], list[str]]:
        """`dates`, but when more than `at_most` Parties' own entries into force are still
        to come (not yet computed, nothing recorded), those rows left out and their
        Parties returned apart, for the page to say in one row (a convention of 30 Parties
        showed 24 rows of "not yet" with the same basis: found by a fresh check)."""
        waiting = [
            d
            for d in self.per_party
            if d.on is None and not d.cannot_compute and d.recorded_on is None
        ]
        if len(waiting) <= at_most:
            return self.dates, []
        left_out = {id(d) for d in waiting}
        return [d for d in self.dates if id(d) not in left_out], [d.party or "" for d in waiting]

    def contradictions(self) -> list[Contradiction]:
        """A computed date that differs from the recorded one (the agreement's entry into
        force is the status panel's own check; these are the others), and an entry into
        force clause the Parties recorded cannot meet (out_of_reach)."""
        reach = [Contradiction(None, self.out_of_reach)] if self.out_of_reach else []
        return reach + [
            Contradiction(
                d.party,
                Message(
                    "%(what)s: the final clauses give %(computed)s, but %(recorded)s is recorded.",
                    what=d.what,
                    computed=d.on,
                    recorded=d.recorded_on,
                ),
            )
            for d in [*self.per_party, *self.denunciations]
            if d.differs
        ]


def out_of_reach(clause: Clause, parties: Sequence[str]) -> tuple[Message, Message] | None:
    """Under an Nth-instrument (Nth-consent) clause with fewer `parties` than N: (what the
    computed date says instead of "instruments still missing", the consistency panel's
    flag); None when the clause can be met. Not refused when the clause is saved: a
    multilateral convention's Parties are recorded as they join, so a clause waiting for
    more Parties than are recorded yet may be right; it is said and flagged (h16m #2a)."""
    count = len(set(parties))
    if clause.anchor not in NTH_ANCHORS or (clause.nth or 1) <= count:
        return None
    waiting = counted_message(
        "cannot be reached with the Parties recorded: the clause waits for %(event)s and "
        "only %(num)s Party is recorded",
        "cannot be reached with the Parties recorded: the clause waits for %(event)s and "
        "only %(num)s Parties are recorded",
        event=event_words(clause),
        num=count,
    )
    flag = counted_message(
        "The entry into force clause waits for %(event)s, but only %(num)s Party is recorded: "
        "record the Parties that will join, or correct the clause.",
        "The entry into force clause waits for %(event)s, but only %(num)s Parties are "
        "recorded: record the Parties that will join, or correct the clause.",
        event=event_words(clause),
        num=count,
    )
    return waiting, flag


def signatures_not_counted(
    clause: Clause, acts: Sequence[Act], parties: Sequence[str]
) -> Message | None:
    """Under a clause on the deposit of the Nth instrument, the Parties bound by their
    definitive signature alone (VCLT Art. 12) whose consent the clause does not count: a
    signature is not deposited (tracker.domain.clocks.INSTRUMENTS), said beside the date
    so that "2 of 3 have consented" and "instruments still missing: 1" do not read as a
    contradiction (h19g1 #7); None under another clause, or with no such Party."""
    if clause.anchor is not Anchor.NTH_INSTRUMENT:
        return None
    deposited = {a.party for a in acts if a.kind in INSTRUMENTS}
    signed = {a.party for a in acts if a.kind == DEFINITIVE_SIGNATURE}
    named = [p for p in parties if p in signed and p not in deposited]
    if not named:
        return None
    return counted_message(
        "The definitive signature of %(parties)s is not counted: it is consent to be bound, "
        "but no instrument is deposited.",
        "The definitive signatures of %(parties)s are not counted: they are consent to be "
        "bound, but no instrument is deposited.",
        num=len(named),
        parties=Names(named),
    )


def _waiting(computed: Computed, awaited: Anchor | None = None) -> Message | None:
    if computed.no_consent:
        return Message("not yet (no consent to be bound recorded)")
    if computed.undated and computed.at_latest is not None and not computed.instruments_missing:
        return Message(
            "cannot be computed: the dates of the acts of %(parties)s are not recorded; on or "
            "before %(on)s (%(clause)s, %(event_on)s at the latest)",
            parties=Names(computed.undated),
            on=computed.on_or_before,
            clause=basis_clause_words(computed.at_latest),
            event_on=computed.at_latest.event_on,
        )
    if computed.instruments_missing and computed.consents:
        return Message(
            "consents to be bound still missing: %(num)s", num=computed.instruments_missing
        )
    if computed.instruments_missing:
        return Message("instruments still missing: %(num)s", num=computed.instruments_missing)
    if computed.undated:
        return Message(
            "cannot be computed: the dates of the acts of %(parties)s are not recorded",
            parties=Names(computed.undated),
        )
    if computed.waiting_for:
        return awaited_words(awaited, Names(computed.waiting_for))
    return None


def _joins_later(party: str, computed: Computed, bound: Sequence[str] | None) -> bool:
    """The Party joins after the agreement's own entry into force: it is not among those
    bound from the start or, while they are not known (an undated instrument, h16d #1),
    its date is computed from its own act."""
    if bound is not None:
        return party not in bound
    return computed.basis is not None and computed.basis.clause.anchor is Anchor.OWN_INSTRUMENT


def _dated(
    what: Message,
    computed: Computed,
    recorded_on: date | None = None,
    *,
    awaited: Anchor | None = None,
    beyond: Message | None = None,
    **kw: object,
) -> ClockDate:
    """`computed` as a row: `awaited`, the anchor of the clause whose acts it waits for
    (the words of "waiting for ..."); `beyond`, what to say instead of the instruments
    still missing when the Parties recorded cannot make them (out_of_reach)."""
    beyond = beyond if computed.on is None and computed.instruments_missing else None
    return ClockDate(
        what=what,
        on=computed.on,
        basis=basis_words(computed.basis) if computed.basis is not None else None,
        event_on=computed.basis.event_on if computed.basis is not None else None,
        waiting=beyond or (None if computed.on is not None else _waiting(computed, awaited)),
        cannot_compute=beyond is not None
        or (computed.on is None and bool(computed.undated) and not computed.instruments_missing),
        recorded_on=recorded_on,
        on_or_before=computed.on_or_before,
        **kw,  # type: ignore[arg-type]
    )


def agreement_clocks(
    rules: Mapping[Purpose, Clause],
    acts: Sequence[Act],
    parties: Sequence[str],
    *,
    recorded_in_force_on: date | None,
    denunciations: Sequence[Denunciation] = (),
    today: date,
    sides: Sequence[Sequence[str]] | None = None,
) -> AgreementClocks:
    """The dates `rules` give from `acts` of `parties` as of `today`.

    The terms count from the recorded entry into force when there is one (the fact), else
    from the computed one. Without an initial term there is no term, no notice deadline.
    When the denunciations end the agreement (fewer than two Parties left bound; with
    `sides`, a mixed agreement's, no Party of one side: tracker.domain.termination), no
    term that ends after that day, and no notice for it, is given: the clocks stop there.
    """
    result: dict[str, object] = {}
    in_force_on = recorded_in_force_on
    eif = rules.get(Purpose.ENTRY_INTO_FORCE)
    if eif is not None:
        later = rules.get(Purpose.ENTRY_INTO_FORCE_FOR_LATER)
        joining = acceding(eif, acts, parties)
        bound = original_parties(
            eif, acts, parties, later, recorded_in_force_on=recorded_in_force_on
        )
        first: Sequence[str] = parties
        if eif.anchor not in NTH_ANCHORS and (later is not None or joining):
            # the agreement's own date counts the Parties bound from the start only
            first = bound or parties
        overall = entry_into_force(eif, acts, notifying(eif, acts, first))
        reach = out_of_reach(eif, parties)
        beyond = reach[0] if reach else None
        result["out_of_reach"] = reach[1] if reach else None
        result["entry_into_force"] = _dated(
            Message("Entry into force"),
            overall,
            recorded_in_force_on,
            awaited=eif.anchor,
            beyond=beyond,
            kind="entry_into_force",
            note=signatures_not_counted(eif, acts, parties),
        )
        in_force_on = in_force_on or overall.on
        if eif.anchor in NTH_ANCHORS or later is not None or joining:
            per_party = entry_into_force_for(
                eif, acts, parties, later, recorded_in_force_on=recorded_in_force_on
            )
            if bound:  # some Party is bound: the others without their own act are not yet
                result["not_yet_bound"] = tuple(
                    p for p, c in per_party.items() if p not in bound and c.on is None
                )
            elif overall.at_latest is not None:  # bound, though on a day not known (h16d #1)
                result["not_yet_bound"] = tuple(p for p, c in per_party.items() if c.no_consent)
            result["per_party"] = [
                _dated(
                    Message("Entry into force for %(party)s", party=party),
                    computed,
                    awaited=eif.anchor,
                    beyond=beyond,
                    party=party,
                    kind="entry_into_force_for",
                    joins_later=_joins_later(party, computed, bound),
                )
                for party, computed in per_party.items()
            ]
    initial = rules.get(Purpose.INITIAL_TERM)
    duration = None
    if initial is not None:
        notice = rules.get(Purpose.NOTICE_OF_NON_RENEWAL)
        duration = Duration(initial, rules.get(Purpose.RENEWAL), notice)
    elif Purpose.NOTICE_OF_NON_RENEWAL in rules:
        # saved, it gives nothing: the page says why (h16m #2b)
        result["notice_unknown"] = ClockDate(
            what=Message("Last day to give notice of non-renewal"),
            on=None,
            waiting=Message("cannot be computed: no initial term recorded"),
            cannot_compute=True,
            kind="notice_deadline",
        )
    clause = rules.get(Purpose.DENUNCIATION_EFFECT)
    left = departures(
        [(d.party, d.kind, d.notified_on, d.recorded_effective_on) for d in denunciations],
        None if clause is None else lambda on: takes_effect(clause, on, duration, in_force_on),
    )
    ended = ending(parties, left, sides=sides)
    result.update(departures=left, ended=ended, denunciations=denunciation_dates(clause, left))
    if duration is not None and in_force_on is not None:
        term = terms(duration, in_force_on, today)[-1]
        if ended is None or term.ends_on <= ended.on:  # else the agreement ends first
            bilateral = len(set(parties)) <= MINIMUM_PARTIES
            result.update(
                term_dates(duration, rules, in_force_on, term, today, ended, left, bilateral)
            )
    return AgreementClocks(**result)  # type: ignore[arg-type]
