"""The dates an agreement's duration and denunciation clauses give (split from
tracker.domain.clock_rules, behaviour unchanged): the term running and its end, the last
day to give notice of non-renewal or to denounce with effect at its end (or the notice
already given for it), and the day each notified denunciation or withdrawal takes effect;
and ClockDate, one computed date as a page shows it. Pure: no Flask, no session; `today`
is an argument. The date arithmetic is tracker.domain.clocks' and tracker.domain.terms'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.clock_words import basis_words, clause_words, period_words
from tracker.domain.clocks import Basis, Clause, Mode, Purpose, latest_event_for
from tracker.domain.messages import N_, Message
from tracker.domain.termination import Departure, Ending, notice_given_for
from tracker.domain.terms import Duration, Term, notice_deadline


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
    #: while `on` is not known, the latest it can be (an undated instrument under an
    #: Nth-instrument clause: h16d #1); `waiting` says it with its basis
    on_or_before: date | None = None
    #: a word beside the date on what its clause leaves out: under an Nth-instrument
    #: clause, the definitive signatures it does not count (h19g1 #7)
    note: Message | None = None

    @property
    def differs(self) -> bool:
        return self.on is not None and self.recorded_on is not None and self.on != self.recorded_on


def term_dates(
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


def denunciation_dates(clause: Clause | None, left: Sequence[Departure]) -> list[ClockDate]:
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
            on=d.recorded_on if _specified_later(d) else d.computed_on,
            basis=(
                Message(
                    "the date the notification specifies, later than the clause's %(computed)s",
                    computed=d.computed_on,
                )
                if _specified_later(d)
                else _effect_basis(clause, d.notified_on)
            ),
            recorded_on=d.recorded_on,
            party=d.party,
            kind="denunciation_effect",
        )
        for d in left
        if d.notified_on is not None
    ]


def _specified_later(d: Departure) -> bool:
    """The denunciation or withdrawal is recorded to take effect later than the clause's
    day: the clause gives the earliest day, and a notification may specify a later one
    ("or such later date as may be specified in the notification", a notice of
    non-renewal given early: VCLT Art. 56(2), common in final clauses; h16k #2). Only an
    earlier recorded day contradicts the clause."""
    return d.recorded_on is not None and d.computed_on is not None and d.recorded_on > d.computed_on


def _effect_basis(clause: Clause, notified_on: date) -> Message:
    if clause.mode is Mode.BEFORE:
        return Message(
            "notified on %(notified_on)s, at least %(clause)s",
            clause=clause_words(clause),
            notified_on=notified_on,
        )
    return basis_words(Basis(clause, notified_on))
