"""Issue 16 #4 (legal clocks): ONE convention for a term's last day. A term includes the
day of entry into force (its first day) and its last day is the day before the
anniversary; each term N starts on entry into force plus (N-1) periods (relativedelta,
never chained from a clipped date); the last day to give notice "N months before the
end" is counted from the term's last day in force, so no deadline is later than the
treaty's words allow."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.clocks import Anchor, Clause, Mode, Unit
from tracker.domain.terms import Duration, notice_deadline, takes_effect, terms


def _years(n: int) -> Clause:
    return Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, n, Unit.YEARS)


def _renewal(n: int, unit: Unit = Unit.YEARS) -> Clause:
    return Clause(Mode.AFTER, Anchor.END_OF_TERM, n, unit)


SIX_MONTHS_BEFORE = Clause(Mode.BEFORE, Anchor.END_OF_TERM, 6)


def test_a_seven_year_term_from_1_sep_2020_runs_through_31_aug_2027() -> None:
    duration = Duration(_years(7), _renewal(5), SIX_MONTHS_BEFORE)
    found = terms(duration, date(2020, 9, 1), date(2027, 9, 1))
    assert [(t.number, t.starts_on, t.ends_on) for t in found] == [
        (1, date(2020, 9, 1), date(2027, 8, 31)),
        (2, date(2027, 9, 1), date(2032, 8, 31)),
    ]
    deadline = notice_deadline(duration, date(2020, 9, 1), date(2026, 11, 30))
    assert deadline is not None and deadline.term.number == 1
    assert deadline.last_day == date(2027, 2, 28)


def test_the_issue_example_five_years_from_1_mar_2020() -> None:
    duration = Duration(_years(5), _renewal(5), SIX_MONTHS_BEFORE)
    [first] = terms(duration, date(2020, 3, 1), date(2021, 1, 1))
    assert first.ends_on == date(2025, 2, 28)
    deadline = notice_deadline(duration, date(2020, 3, 1), date(2021, 1, 1))
    assert deadline is not None and deadline.last_day == date(2024, 8, 31)
    # a denunciation "at the end of the term" takes effect with the term's last day
    assert takes_effect(SIX_MONTHS_BEFORE, date(2024, 8, 31), duration, date(2020, 3, 1)) == (
        date(2025, 2, 28)
    )
    assert takes_effect(SIX_MONTHS_BEFORE, date(2024, 9, 1), duration, date(2020, 3, 1)) == (
        date(2030, 2, 28)
    )


def test_a_notice_period_after_the_notification_must_end_by_the_last_day() -> None:
    # "notice given six months before the end" as a period after the notification
    duration = Duration(_years(5), _renewal(5), Clause(Mode.AFTER, Anchor.NOTIFICATION, 6))
    deadline = notice_deadline(duration, date(2020, 3, 1), date(2021, 1, 1))
    assert deadline is not None and deadline.last_day == date(2024, 8, 31)


def test_renewals_from_29_feb_keep_the_anniversary() -> None:
    duration = Duration(_years(1), _renewal(1))
    found = terms(duration, date(2024, 2, 29), date(2028, 3, 1))
    assert [t.starts_on for t in found] == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]
    assert found[3].number == 4 and found[3].ends_on == date(2028, 2, 28)
    assert found[4].number == 5 and found[4].starts_on == date(2028, 2, 29)


def test_six_month_terms_from_31_aug_do_not_drift() -> None:
    six = Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 6, Unit.MONTHS)
    duration = Duration(six, _renewal(6, Unit.MONTHS))
    found = terms(duration, date(2020, 8, 31), date(2022, 9, 1))
    assert [t.starts_on for t in found] == [
        date(2020, 8, 31),
        date(2021, 2, 28),
        date(2021, 8, 31),
        date(2022, 2, 28),
        date(2022, 8, 31),
    ]
    assert [t.ends_on for t in found[:4]] == [
        date(2021, 2, 27),
        date(2021, 8, 30),
        date(2022, 2, 27),
        date(2022, 8, 30),
    ]


@given(
    in_force=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    initial=st.integers(min_value=1, max_value=24),
    period=st.integers(min_value=1, max_value=24),
    unit=st.sampled_from([Unit.MONTHS, Unit.YEARS]),
)
def test_every_term_starts_on_an_anniversary_and_the_terms_are_contiguous(
    in_force: date, initial: int, period: int, unit: Unit
) -> None:
    step = relativedelta(months=period) if unit is Unit.MONTHS else relativedelta(years=period)
    first = relativedelta(months=initial) if unit is Unit.MONTHS else relativedelta(years=initial)
    duration = Duration(
        Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, initial, unit), _renewal(period, unit)
    )
    found = terms(duration, in_force, in_force + first + step * 6)
    assert found[0].starts_on == in_force
    for k, term in enumerate(found[1:], start=1):
        assert term.starts_on == in_force + (first + step * (k - 1))
    for before, after in zip(found, found[1:], strict=False):
        assert after.starts_on == before.ends_on + timedelta(days=1)
