"""An agreement's final clauses as rules, and the dates they give from the Parties' acts:
which events each purpose may count from, the basis of a date in words ("on the first day
of the second month following the last notification of completed procedures, 15 Jan
2020"), and everything computed for one agreement beside what is recorded. Pure: no Flask, no
session; `today` is an argument. The date arithmetic is tracker.domain.clocks'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker.domain.clock_words import basis_words, clause_words, period_words
from tracker.domain.clocks import (
    Act,
    Anchor,
    Basis,
    Clause,
    Computed,
    Mode,
    Purpose,
    entry_into_force,
    latest_event_for,
)
from tracker.domain.joining import (
    acceding,
    entry_into_force_for,
    notifying,
    original_parties,
)
from tracker.domain.messages import N_, Message
from tracker.domain.party_actions import Contradiction
from tracker.domain.termination import (
    MINIMUM_PARTIES,
    Denunciation,
    Departure,
    Ending,
    departures,
    ending,
    notice_given_for,
)
from tracker.domain.terms import Duration, Term, notice_deadline, takes_effect, terms


@dataclass(frozen=True)
class ClockDate:
    """One computed date: what it is (`what`, a Message), the `party` it is for (None: the
    agreement), `on` (None while its event has not happened), its `basis` in words, what
    it still waits for, the recorded date beside it and whether the two differ."""

    what: Message
    on: date | None
    basis: Message | None = None
    waiting: Message | None = None
    recorded_on: date | None = None
    party: str | None = None
    kind: str = ""
    event_on: date | None = None  #: the day of the event it counts from (its basis')
    #: a Party's own entry into force, for a Party that joins after the agreement's own
    #: (tracker.domain.joining): a date of its own, reminded of apart
    joins_later: bool = False

    #: no date because the acts it counts from are recorded without their dates: missing
    #: data, not an event still to come (the page says "cannot be computed", never "not yet")
    cannot_compute: bool = False

    @property
    def differs(self) -> bool:
        return self.on is not None and self.recorded_on is not None and self.on != self.recorded_on


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
        force is the status panel's own check; these are the others)."""
        return [
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


def _waiting(computed: Computed) -> Message | None:
    if computed.instruments_missing:
        return Message("instruments still missing: %(num)s", num=computed.instruments_missing)
    if computed.undated:
        return Message(
            "cannot be computed: the dates of the acts of %(parties)s are not recorded",
            parties=", ".join(computed.undated),
        )
    if computed.waiting_for:
        return Message("waiting for: %(parties)s", parties=", ".join(computed.waiting_for))
    return None


def _dated(
    what: Message, computed: Computed, recorded_on: date | None = None, **kw: object
) -> ClockDate:
    return ClockDate(
        what=what,
        on=computed.on,
        basis=basis_words(computed.basis) if computed.basis is not None else None,
        event_on=computed.basis.event_on if computed.basis is not None else None,
        waiting=None if computed.on is not None else _waiting(computed),
        cannot_compute=(
            computed.on is None and bool(computed.undated) and not computed.instruments_missing
        ),
        recorded_on=recorded_on,
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
        if eif.anchor is not Anchor.NTH_INSTRUMENT and (later is not None or joining):
            # the agreement's own date counts the Parties bound from the start only
            first = bound or parties
        overall = entry_into_force(eif, acts, notifying(eif, acts, first))
        result["entry_into_force"] = _dated(
            Message("Entry into force"), overall, recorded_in_force_on, kind="entry_into_force"
        )
        in_force_on = in_force_on or overall.on
        if eif.anchor is Anchor.NTH_INSTRUMENT or later is not None or joining:
            per_party = entry_into_force_for(
                eif, acts, parties, later, recorded_in_force_on=recorded_in_force_on
            )
            if bound:  # some Party is bound: the others without their own act are not yet
                result["not_yet_bound"] = tuple(
                    p for p, c in per_party.items() if p not in bound and c.on is None
                )
            result["per_party"] = [
                _dated(
                    Message("Entry into force for %(party)s", party=party),
                    computed,
                    party=party,
                    kind="entry_into_force_for",
                    joins_later=bound is not None and party not in bound,
                )
                for party, computed in per_party.items()
            ]
    initial = rules.get(Purpose.INITIAL_TERM)
    duration = None
    if initial is not None:
        notice = rules.get(Purpose.NOTICE_OF_NON_RENEWAL)
        duration = Duration(initial, rules.get(Purpose.RENEWAL), notice)
    clause = rules.get(Purpose.DENUNCIATION_EFFECT)
    left = departures(
        [(d.party, d.kind, d.notified_on, d.recorded_effective_on) for d in denunciations],
        None if clause is None else lambda on: takes_effect(clause, on, duration, in_force_on),
    )
    ended = ending(parties, left, sides=sides)
    result.update(departures=left, ended=ended, denunciations=_denunciations(clause, left))
    if duration is not None and in_force_on is not None:
        term = terms(duration, in_force_on, today)[-1]
        if ended is None or term.ends_on <= ended.on:  # else the agreement ends first
            bilateral = len(set(parties)) <= MINIMUM_PARTIES
            result.update(
                _term_dates(duration, rules, in_force_on, term, today, ended, left, bilateral)
            )
    return AgreementClocks(**result)  # type: ignore[arg-type]


def _term_dates(
    duration: Duration,
    rules: Mapping[Purpose, Clause],
    in_force_on: date,
    term: Term,
    today: date,
    ended: Ending | None,
    left: Sequence[Departure],
    bilateral: bool,
) -> dict[str, object]:
    """The term running, its end and the last day to give notice for it (or the notice
    already given for it)."""
    # a second term exists only under a renewal clause
    clause = duration.renewal if term.number > 1 and duration.renewal else duration.initial_term
    return {
        "term": term,
        "term_end": ClockDate(
            what=Message("End of term %(number)s", number=term.number),
            on=term.ends_on,
            # the term's first day is counted (tracker.domain.clocks, "Terms")
            basis=Message(
                "%(period)s from %(starts_on)s, the term's first day in force",
                period=period_words(clause.offset, clause.unit),
                starts_on=term.starts_on,
            ),
            kind="term_end",
        ),
        **_notice(
            duration, rules, in_force_on, term, today, ended.on if ended else None, left, bilateral
        ),
    }


def _notice(
    duration: Duration,
    rules: Mapping[Purpose, Clause],
    in_force_on: date,
    term: Term,
    today: date,
    ended_on: date | None,
    left: Sequence[Departure],
    bilateral: bool = True,
) -> dict[str, ClockDate]:
    """The last day to give notice of non-renewal (when the agreement renews tacitly) and
    the last day to denounce it so that it ends with the term running (when it has a
    denunciation clause): both when it has both clauses (issue 16 #1); none for a term
    that ends after `ended_on` (the day the agreement ends). When a Party has already
    given notice or denounced for that term (`left`: _given_for), no last day (nothing is
    left to remind of) but the notice given: {"notice_given": ...}."""
    found: dict[str, ClockDate] = {}
    notice = notice_deadline(duration, in_force_on, today)
    if notice is not None and ended_on is not None and notice.term.ends_on > ended_on:
        return {}
    if notice is not None and duration.notice is not None:
        deadline = ClockDate(
            what=Message("Last day to give notice of non-renewal"),
            on=notice.last_day,
            basis=_deadline_basis(duration.notice, notice.term),
            kind="notice_deadline",
        )
        ends = bilateral or (ended_on is not None and ended_on <= notice.term.ends_on)
        found.update(_unless_given(deadline, notice.term, left, ends))
    denunciation = rules.get(Purpose.DENUNCIATION_EFFECT)
    if denunciation is not None and (ended_on is None or term.ends_on <= ended_on):
        last_day = latest_event_for(denunciation, term.ends_on)
        if last_day >= today:
            deadline = ClockDate(
                what=Message("Last day to denounce with effect at the end of the term"),
                on=last_day,
                basis=_deadline_basis(denunciation, term),
                kind="denunciation_deadline",
            )
            ends = bilateral or (ended_on is not None and ended_on <= term.ends_on)
            given = _unless_given(deadline, term, left, ends)
            if "notice_deadline" in found and "notice_deadline" in given:
                given["denunciation_deadline"] = given.pop("notice_deadline")
            if "notice_given" in found:  # one notice given for the term is shown once
                given.pop("notice_given", None)
            found.update(given)
    return found


def _unless_given(
    deadline: ClockDate, term: Term, left: Sequence[Departure], ends: bool = True
) -> dict[str, ClockDate]:
    """{"notice_deadline": deadline}, or {"notice_given": ...} when notice was given for
    `term` and it ends the agreement (`ends`: a bilateral agreement, or the departures
    leave too few Parties, or one side of a mixed agreement empty, by the end of `term`):
    the deadline and its reminders stop (issue 16 #5). When it does not (a multilateral
    agreement goes on between the others: issue 16 #6), both: the deadline stays for the
    other Parties."""
    given = notice_given_for(term, deadline.on, left)  # type: ignore[arg-type]
    if given is None:
        return {"notice_deadline": deadline}
    return {
        **({} if ends else {"notice_deadline": deadline}),
        "notice_given": ClockDate(
            what=Message("Notice given for term %(number)s", number=term.number),
            on=given.notified_on,
            basis=Message(
                "by %(party)s, with effect at the end of term %(number)s, %(ends_on)s",
                party=given.party,
                number=term.number,
                ends_on=term.ends_on,
            ),
            party=given.party,
            kind="notice_given",
        ),
    }


def _deadline_basis(clause: Clause, term: Term) -> Message:
    """Why the last day to give notice for `term` is what it is."""
    if clause.mode is Mode.BEFORE:
        words = N_("%(clause)s; term %(number)s ends on %(ends_on)s")
    else:
        words = N_("%(clause)s must fall on or before the end of term %(number)s, %(ends_on)s")
    return Message(words, clause=clause_words(clause), number=term.number, ends_on=term.ends_on)


def _denunciations(clause: Clause | None, left: Sequence[Departure]) -> list[ClockDate]:
    """The day each notified denunciation or withdrawal takes effect, named after its own
    kind (a withdrawal is no denunciation: VCLT Arts. 54, 56 name both)."""
    if clause is None:
        return []
    return [
        ClockDate(
            what=(
                Message("Withdrawal by %(party)s takes effect", party=d.party)
                if d.kind == "withdrawal"
                else Message("Denunciation by %(party)s takes effect", party=d.party)
            ),
            on=d.computed_on,
            basis=_effect_basis(clause, d.notified_on),
            recorded_on=d.recorded_on,
            party=d.party,
            kind="denunciation_effect",
        )
        for d in left
        if d.notified_on is not None
    ]


def _effect_basis(clause: Clause, notified_on: date) -> Message:
    if clause.mode is Mode.BEFORE:
        return Message(
            "notified on %(notified_on)s, at least %(clause)s",
            clause=clause_words(clause),
            notified_on=notified_on,
        )
    return basis_words(Basis(clause, notified_on))
