"""Legal clocks (tracker.domain.clocks): the worked examples of the treaty-law issue, the
month-end and leap-year cases of Regulation 1182/71 Art. 3, and the reverse deadline
checked against its definition for generated clauses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.clocks import (
    Act,
    Anchor,
    Clause,
    Mode,
    Unit,
    apply,
    denunciation_takes_effect,
    entry_into_force,
    latest_event_for,
)
from tracker.domain.joining import entry_into_force_for
from tracker.domain.terms import Duration, notice_deadline, terms

SECOND_MONTH_FOLLOWING = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 2)


@pytest.mark.parametrize(
    ("clause", "event_on", "expected"),
    [
        # "the first day of the second month following the last notification" (EPCA Art. 281)
        (SECOND_MONTH_FOLLOWING, date(2020, 1, 15), date(2020, 3, 1)),
        (SECOND_MONTH_FOLLOWING, date(2019, 12, 31), date(2020, 2, 1)),
        (SECOND_MONTH_FOLLOWING, date(2020, 1, 1), date(2020, 3, 1)),
        # one month after the last day of January: the end of February, leap year or not
        (Clause(Mode.AFTER, Anchor.NOTIFICATION, 1), date(2024, 1, 31), date(2024, 2, 29)),
        (Clause(Mode.AFTER, Anchor.NOTIFICATION, 1), date(2023, 1, 31), date(2023, 2, 28)),
        (
            Clause(Mode.AFTER, Anchor.NOTIFICATION, 30, Unit.DAYS),
            date(2024, 2, 15),
            date(2024, 3, 16),
        ),
        (
            Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 10, Unit.YEARS),
            date(2020, 3, 1),
            date(2030, 3, 1),
        ),
        (
            Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 1, Unit.YEARS),
            date(2024, 2, 29),
            date(2025, 2, 28),
        ),
        (Clause(Mode.ON, Anchor.SIGNATURE), date(2015, 12, 21), date(2015, 12, 21)),
        # "the first day of the month following the expiry of a period of three months after"
        (
            Clause(Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD, Anchor.NTH_INSTRUMENT, 3, nth=1),
            date(2020, 1, 15),
            date(2020, 5, 1),
        ),
        (
            Clause(Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD, Anchor.NTH_INSTRUMENT, 3, nth=1),
            date(2019, 11, 30),
            date(2020, 3, 1),  # the period ends on 29 Feb 2020
        ),
    ],
)
def test_worked_examples(clause: Clause, event_on: date, expected: date) -> None:
    assert apply(clause, event_on) == expected


def test_the_last_day_to_give_notice_at_a_month_end() -> None:
    """Six months' notice before a term ending on 28 Feb 2025: 31 Aug 2024, not 28 Aug."""
    six_months = Clause(Mode.AFTER, Anchor.NOTIFICATION, 6)
    assert latest_event_for(six_months, date(2025, 2, 28)) == date(2024, 8, 31)
    assert latest_event_for(six_months, date(2024, 2, 29)) == date(2023, 8, 31)
    assert latest_event_for(six_months, date(2030, 3, 1)) == date(2029, 9, 1)
    thirty_days = Clause(Mode.AFTER, Anchor.NOTIFICATION, 30, Unit.DAYS)
    assert latest_event_for(thirty_days, date(2025, 3, 1)) == date(2025, 1, 30)


CLAUSES = st.builds(
    Clause,
    # the forward modes (BEFORE counts back from the end of the term: below)
    mode=st.sampled_from([m for m in Mode if m is not Mode.BEFORE]),
    anchor=st.just(Anchor.NOTIFICATION),
    offset=st.integers(1, 36),
    unit=st.sampled_from([Unit.MONTHS, Unit.YEARS]),
) | st.builds(
    Clause,
    mode=st.just(Mode.AFTER),
    anchor=st.just(Anchor.NOTIFICATION),
    offset=st.integers(0, 400),
    unit=st.just(Unit.DAYS),
)


@given(CLAUSES, st.dates(date(1950, 1, 1), date(2150, 12, 31)))
def test_the_last_day_is_the_latest_whose_result_still_fits(clause: Clause, deadline: date) -> None:
    last_day = latest_event_for(clause, deadline)
    assert apply(clause, last_day) <= deadline
    assert apply(clause, last_day + timedelta(days=1)) > deadline


@given(CLAUSES, st.dates(date(1950, 1, 1), date(2150, 12, 31)))
def test_notice_before_the_end_is_the_period_from_the_notice_to_the_end(
    clause: Clause, term_ends_on: date
) -> None:
    """'N months before the end of the term' gives the same last day as 'the end falls N
    months after the notice' (the reverse deadline's month-end convention kept)."""
    if clause.mode is not Mode.AFTER:
        return
    before = Clause(Mode.BEFORE, Anchor.END_OF_TERM, clause.offset or 1, clause.unit)
    after = Clause(Mode.AFTER, Anchor.NOTIFICATION, clause.offset or 1, clause.unit)
    assert latest_event_for(before, term_ends_on) == latest_event_for(after, term_ends_on)
    assert apply(before, term_ends_on) == latest_event_for(after, term_ends_on)


def notifications(*dated: tuple[str, date | None]) -> list[Act]:
    return [Act(party, "notification_of_completion", on) for party, on in dated]


def test_entry_into_force_after_the_last_notification_with_its_basis() -> None:
    """A test fixture, not the EPCA's real dates (which the demo records as known facts)."""
    acts = notifications(("EU", date(2019, 11, 20)), ("KZ", date(2020, 1, 15)))
    computed = entry_into_force(SECOND_MONTH_FOLLOWING, acts, ["EU", "KZ"])
    assert computed.on == date(2020, 3, 1)
    assert computed.basis is not None
    assert computed.basis.event_on == date(2020, 1, 15)
    assert computed.basis.parties == ("EU", "KZ")
    assert computed.differs_from(date(2020, 3, 1)) is False
    assert computed.differs_from(date(2020, 4, 1)) is True
    assert computed.differs_from(None) is False  # unknown is not a contradiction


def test_entry_into_force_waits_for_every_party_and_for_dates() -> None:
    waiting = entry_into_force(
        SECOND_MONTH_FOLLOWING, notifications(("EU", date(2019, 11, 20))), ["EU", "KZ", "DE"]
    )
    assert waiting.on is None
    assert waiting.waiting_for == ("KZ", "DE")
    undated = entry_into_force(
        SECOND_MONTH_FOLLOWING,
        notifications(("EU", date(2019, 11, 20)), ("KZ", None)),
        ["EU", "KZ"],
    )
    assert undated.on is None
    assert undated.undated == ("KZ",)
    assert undated.differs_from(date(2020, 3, 1)) is False


def test_after_the_nth_instrument_each_later_party_is_bound_from_its_own_deposit() -> None:
    """A convention in force on the 30th day after the third instrument; for each State
    depositing later, on the 30th day after its own deposit."""
    clause = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=3)
    acts = [
        Act("A", "signature", date(2019, 5, 1)),
        Act("A", "ratification", date(2020, 1, 10)),
        Act("B", "acceptance", date(2020, 2, 1)),
        Act("C", "approval", date(2020, 3, 2)),
        Act("D", "accession", date(2021, 6, 30)),
    ]
    parties = ["A", "B", "C", "D", "E"]
    overall = entry_into_force(clause, acts, parties)
    assert overall.on == date(2020, 4, 1)
    per_party = entry_into_force_for(clause, acts, parties)
    assert per_party["A"].on == per_party["C"].on == date(2020, 4, 1)
    assert per_party["D"].on == date(2021, 7, 30)
    assert per_party["D"].basis is not None and per_party["D"].basis.parties == ("D",)
    assert per_party["E"].on is None and per_party["E"].waiting_for == ("E",)
    two_only = entry_into_force(clause, acts[:3], parties)
    assert two_only.on is None and two_only.instruments_missing == 1


def test_terms_tacit_renewal_and_the_notice_deadline() -> None:
    duration = Duration(
        initial_term=Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 10, Unit.YEARS),
        renewal=Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 1, Unit.YEARS),
        notice=Clause(Mode.AFTER, Anchor.NOTIFICATION, 6),
    )
    in_force = date(2020, 3, 1)
    found = terms(duration, in_force, date(2031, 1, 1))
    # the day of entry into force is the term's first day; its last is the day before
    # the anniversary (tracker.domain.clocks, "Terms")
    assert [(t.starts_on, t.ends_on) for t in found] == [
        (date(2020, 3, 1), date(2030, 2, 28)),
        (date(2030, 3, 1), date(2031, 2, 28)),
    ]
    deadline = notice_deadline(duration, in_force, date(2026, 11, 30))
    assert deadline is not None
    assert deadline.last_day == date(2029, 8, 31)
    assert deadline.term.number == 1
    # the day has passed for the first term: the next deadline is the second term's
    later = notice_deadline(duration, in_force, date(2029, 9, 1))
    assert later is not None and later.term.number == 2 and later.last_day == date(2030, 8, 31)
    # no renewal, nothing to give notice of
    assert notice_deadline(Duration(duration.initial_term), in_force, date(2026, 1, 1)) is None


def test_a_denunciation_takes_effect_with_its_basis() -> None:
    clause = Clause(Mode.AFTER, Anchor.NOTIFICATION, 6)
    effect = denunciation_takes_effect(clause, date(2024, 8, 31))
    assert effect.on == date(2025, 2, 28)
    assert effect.basis is not None and effect.basis.event_on == date(2024, 8, 31)


def test_a_clause_that_cannot_count_is_refused() -> None:
    with pytest.raises(ValueError, match="N of 1 or more"):
        Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 0)
    with pytest.raises(ValueError, match="Nth instrument"):
        Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS)
    with pytest.raises(ValueError, match="cannot be negative"):
        Clause(Mode.AFTER, Anchor.NOTIFICATION, -1)
    with pytest.raises(ValueError, match="not an event"):
        entry_into_force(Clause(Mode.ON, Anchor.ENTRY_INTO_FORCE), [], ["EU"])
