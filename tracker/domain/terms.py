"""An agreement's terms: the initial term from entry into force, tacit renewal for periods
of the same kind, and the last day to give notice of non-renewal or denunciation before a
term ends. Pure: no Flask, no session; "today" is an argument. Periods are
tracker.domain.clocks' (Regulation 1182/71, dateutil's relativedelta).

**Terms: the one convention for a term's last day.** A term is the time the agreement is
in force, and the day of entry into force is its first day in force (an agreement enters
into force at the beginning of that day, as 1182/71 Art. 4(1) says of a fixed date). So a
term of N years from entry into force on 1 Sep 2020 is in force through **31 Aug 2027**, its
last day, included; the next term starts on 1 Sep 2027. Term k starts on the entry into
force plus the initial term plus (k - 2) renewal periods, one ``relativedelta`` from the
entry into force (anniversaries, clipped to the month's end only where the month has no
such day: from 29 Feb 2024, terms of a year start on 28 Feb 2025, ..., 29 Feb 2028), never
chained from a clipped date; each term ends the day before the next one starts.
``Term.ends_on`` is that last day in force; the last day to give notice "N months before
the end of the term" is the latest day from which a period of N months (1182/71) still
ends on or before it (``latest_event_for``: 28 Feb 2027 for the term ending 31 Aug 2027);
and a denunciation "with effect at the end of the term" takes effect at the end of that
last day.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from tracker.domain.clocks import Clause, Mode, Purpose, Unit, apply, latest_event_for


@dataclass(frozen=True)
class Term:
    """A period the agreement runs for: from `starts_on`, its first day in force, to the
    end of `ends_on`, its last day in force (the module's convention for terms)."""

    number: int
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Duration:
    """An agreement's duration clauses: an initial term counted from entry into force,
    then (when `renewal` is set) tacit renewal for periods of that length, unless a Party
    gives notice `notice` before the end of the term running."""

    initial_term: Clause
    renewal: Clause | None = None
    notice: Clause | None = None


def _span(clause: Clause, times: int = 1) -> relativedelta:
    """A term clause's period (`offset` `unit`s), `times` over, as one relativedelta."""
    n = clause.offset * times
    if clause.unit is Unit.DAYS:
        return relativedelta(days=n)
    if clause.unit is Unit.MONTHS:
        return relativedelta(months=n)
    return relativedelta(years=n)


def _terms(duration: Duration, in_force_on: date) -> Iterator[Term]:
    """The terms, each from its first day to its last day in force (the module's
    convention): term k starts on `in_force_on` plus the initial term plus k - 2 renewal
    periods, counted from `in_force_on` in one step (no drift at month ends)."""
    starts_on = in_force_on
    number = 1
    while True:
        following = in_force_on + _span(duration.initial_term)
        if duration.renewal is not None and number > 1:
            following = in_force_on + (
                _span(duration.initial_term) + _span(duration.renewal, number - 1)
            )
        yield Term(number, starts_on, following - timedelta(days=1))
        if duration.renewal is None:
            return
        starts_on, number = following, number + 1


def terms(duration: Duration, in_force_on: date, until: date) -> list[Term]:
    """The terms from entry into force to the one running on `until` (inclusive), each
    with its first and last day in force. The first term counts from entry into force;
    each renewal starts on the anniversary (entry into force plus the periods before it).
    Without a renewal clause, only the initial term.

    Worked examples (tests/domain/test_term_convention.py): seven years from 1 Sep 2020
    end on 31 Aug 2027, term 2 starts on 1 Sep 2027; yearly terms from 29 Feb 2024 start
    on 28 Feb 2025, 2026, 2027 and 29 Feb 2028."""
    found = []
    for term in _terms(duration, in_force_on):
        found.append(term)
        if term.ends_on >= until:
            break
    return found


@dataclass(frozen=True)
class NoticeDeadline:
    """The last day to give notice so that `term` is the agreement's last."""

    term: Term
    last_day: date


def notice_deadline(duration: Duration, in_force_on: date, today: date) -> NoticeDeadline | None:
    """The next last day (on or after `today`) to give notice of non-renewal, or None when
    the agreement has no notice clause or no renewal to prevent. When the day for the
    running term has passed, it is the day for the next term."""
    if duration.notice is None or duration.renewal is None:
        return None
    for term in _terms(duration, in_force_on):
        if term.ends_on < today:
            continue
        last_day = latest_event_for(duration.notice, term.ends_on)
        if last_day >= today:
            return NoticeDeadline(term, last_day)
    return None  # pragma: no cover (a renewal clause makes the terms endless)


def takes_effect(
    clause: Clause, notified_on: date, duration: Duration | None, in_force_on: date | None
) -> date | None:
    """The day a denunciation notified on `notified_on` takes effect under `clause`: a
    period after the notification; or, for notice given a period BEFORE the end of the
    term, the end of the first term whose last day for notice it meets (None when the
    terms are not known, or no term is left to end with)."""
    if clause.mode is not Mode.BEFORE:
        return apply(clause, notified_on)
    if duration is None or in_force_on is None:
        return None
    for term in _terms(duration, in_force_on):
        if latest_event_for(clause, term.ends_on) >= notified_on:
            return term.ends_on
    return None


def leaving_takes_effect(
    rules: Mapping[Purpose, Clause], notified_on: date, in_force_on: date | None
) -> date | None:
    """The day a denunciation or withdrawal notified on `notified_on` takes effect under
    the agreement's final clauses (`rules`, by purpose: the denunciation clause, and the
    terms it may count back from; `in_force_on`, the agreement's entry into force), or None
    without a denunciation clause or when the day cannot be computed. So every count of
    the Parties bound keeps a leaving Party until that day (VCLT Art. 70(1))."""
    clause = rules.get(Purpose.DENUNCIATION_EFFECT)
    if clause is None:
        return None
    initial = rules.get(Purpose.INITIAL_TERM)
    duration = None
    if initial is not None:
        notice = rules.get(Purpose.NOTICE_OF_NON_RENEWAL)
        duration = Duration(initial, rules.get(Purpose.RENEWAL), notice)
    try:
        return takes_effect(clause, notified_on, duration, in_force_on)
    except (OverflowError, ValueError):
        return None
