from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.anniversaries import (
    DatedEvent,
    anniversaries_between,
    anniversary_in_year,
    ordinal,
)

EPCA_SIGNATURE = DatedEvent("signature", "the EPCA", date(2015, 12, 21), "Agreement", 1)
EPCA_IN_FORCE = DatedEvent("entry_into_force", "the EPCA", date(2020, 3, 1), "Agreement", 1)


def test_epca_tenth_anniversary_of_signature_is_a_jubilee() -> None:
    found = anniversaries_between(
        [EPCA_SIGNATURE, EPCA_IN_FORCE], date(2025, 12, 1), date(2026, 3, 1)
    )
    assert [(a.falls_on, a.years, a.is_jubilee) for a in found] == [
        (date(2025, 12, 21), 10, True),
        (date(2026, 3, 1), 6, False),
    ]
    assert found[0].title == "10th anniversary of the signature of the EPCA"
    assert found[1].title == "6th anniversary of the entry into force of the EPCA"


def test_only_every_fifth_year_is_a_jubilee() -> None:
    found = anniversaries_between([EPCA_SIGNATURE], date(2016, 1, 1), date(2031, 1, 1))
    assert [a.years for a in found if a.is_jubilee] == [5, 10, 15]
    assert len(found) == 15


def test_window_bounds_are_inclusive_and_year_zero_is_not_an_anniversary() -> None:
    assert anniversaries_between([EPCA_SIGNATURE], date(2015, 1, 1), date(2015, 12, 31)) == []
    found = anniversaries_between([EPCA_SIGNATURE], date(2025, 12, 21), date(2025, 12, 21))
    assert [a.years for a in found] == [10]


def test_window_across_new_year() -> None:
    launch = DatedEvent("launch", "negotiations: visa", date(2025, 1, 3), "NegotiationTrack", 2)
    found = anniversaries_between([launch], date(2025, 12, 20), date(2026, 1, 10))
    assert [(a.falls_on, a.years) for a in found] == [(date(2026, 1, 3), 1)]


def test_29_february_falls_on_28_february_in_common_years() -> None:
    leap = date(2016, 2, 29)
    assert anniversary_in_year(leap, 2017) == date(2017, 2, 28)
    assert anniversary_in_year(leap, 2020) == date(2020, 2, 29)
    event = DatedEvent("signature", "the Leap Accord", leap, "Agreement", 9)
    found = anniversaries_between([event], date(2021, 2, 28), date(2021, 2, 28))
    assert [(a.falls_on, a.years, a.is_jubilee) for a in found] == [(date(2021, 2, 28), 5, True)]


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 10, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "10th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "101st",
        "111th",
    ]


@given(
    happened=st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    length=st.integers(min_value=0, max_value=800),
)
def test_the_quick_window_test_never_drops_an_anniversary(happened, start, length) -> None:
    """Against a plain scan of every year with dateutil, for any event and window."""
    end = start + timedelta(days=length)
    event = DatedEvent("signature", "the Accord", happened, "Agreement", 1)
    expected = []
    for year in range(start.year, end.year + 1):
        years = year - happened.year
        falls_on = happened + relativedelta(years=years)
        if years >= 1 and start <= falls_on <= end:
            expected.append(falls_on)
    assert [a.falls_on for a in anniversaries_between([event], start, end)] == expected
