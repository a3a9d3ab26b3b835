"""The SQL window of the anniversary scan never drops or adds an anniversary."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.anniversaries import DatedEvent, anniversaries_between
from tracker.services.anniversaries import (
    count_upcoming_anniversaries,
    upcoming_anniversaries,
)

#: dates where month-and-day arithmetic goes wrong: leap days, year ends, month ends
TRICKY = [
    date(2000, 2, 29),
    date(2012, 2, 29),
    date(2011, 2, 28),
    date(2013, 3, 1),
    date(2014, 12, 31),
    date(2015, 1, 1),
    date(2015, 12, 21),
    date(2019, 6, 30),
    date(2020, 7, 1),
    date(2024, 2, 29),
    date(2025, 1, 10),
    # in the windows' own years: an anniversary needs one year or more
    date(2026, 2, 28),
    date(2026, 12, 30),
    date(2027, 1, 2),
]


def _archive(make) -> list[DatedEvent]:
    """One agreement signed on each tricky date (in force a day later) and a track
    launched on each; returns the same events as the pure domain sees them."""
    events = []
    for n, day in enumerate(TRICKY):
        agreement = make.agreement(
            title=f"Agreement {n}", signed_on=day, in_force_on=day + timedelta(days=1)
        )
        track = make.track(since=day, name=f"Track {n}")
        in_force = day + timedelta(days=1)
        events += [
            DatedEvent("signature", agreement.title, day, "Agreement", agreement.id),
            DatedEvent("entry_into_force", agreement.title, in_force, "Agreement", agreement.id),
            DatedEvent("launch", track.name, day, "NegotiationTrack", track.id),
        ]
    return events


def _facts(found) -> list[tuple]:
    return sorted(
        (a.event.object_type, a.event.object_id, a.event.kind, a.falls_on, a.years) for a in found
    )


def test_sql_window_matches_the_full_scan_for_every_window(make) -> None:
    events = _archive(make)
    starts = [date(2026, 1, 1) + timedelta(days=d) for d in range(0, 800, 13)]
    starts += [date(2027, 2, 27), date(2027, 2, 28), date(2028, 2, 28), date(2028, 2, 29)]
    for start in starts:
        for length in (0, 7, 90, 364, 400):
            end = start + timedelta(days=length)
            expected = anniversaries_between(events, start, end)
            found = upcoming_anniversaries(start, end)
            assert _facts(found) == _facts(expected), (start, end)
            assert _facts(upcoming_anniversaries(start, end, jubilees_only=True)) == _facts(
                [a for a in expected if a.is_jubilee]
            ), (start, end)
            # The soonest three; on the last day shown, ties may be broken either way.
            soonest = upcoming_anniversaries(start, end, limit=3)
            assert set(_facts(soonest)) <= set(_facts(expected))
            assert [a.falls_on for a in soonest] == [a.falls_on for a in expected[:3]]
            if length >= 365:
                continue  # counted for windows under a year only
            # exact, 29 February events included (stored month-days: Window.month_day_parts)
            assert count_upcoming_anniversaries(start, end) == len(expected), (start, end)


def test_epca_jubilee_is_found_from_the_launch_date_kept_on_the_track(make) -> None:
    make.agreement(title="EPCA", short_title="EPCA", signed_on=date(2015, 12, 21))
    found = upcoming_anniversaries(date(2025, 12, 1), date(2025, 12, 31), jubilees_only=True)
    assert [(a.title, a.falls_on) for a in found] == [
        ("10th anniversary of the signature of the EPCA", date(2025, 12, 21))
    ]
