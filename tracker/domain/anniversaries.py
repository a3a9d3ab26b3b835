"""Anniversaries of signature, entry into force and the launch of negotiations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

#: every 5th anniversary is a jubilee, shown prominently
JUBILEE_EVERY = 5


@dataclass(frozen=True)
class DatedEvent:
    """Something that happened on a date and is remembered every year."""

    kind: str  # "signature", "entry_into_force", "launch"
    subject: str  # "the EPCA", "negotiations on visa facilitation"
    happened_on: date
    object_type: str
    object_id: int
    #: the bare name (short title, title or track name), for titles in other languages
    name: str = ""
    #: its official names in Russian and Kazakh, when the name has them (issue 15#11)
    name_ru: str = ""
    name_kk: str = ""
    #: when the record it comes from (the agreement, the track) was last changed: the
    #: stable moment a calendar stamps its anniversaries with (RFC 5545 3.8.7.2; h19g1 #6);
    #: None when not read. Not part of the event's identity.
    updated_at: datetime | None = field(default=None, compare=False)

    @property
    def has_article(self) -> bool:
        """Whether the English title says "the" before the name (short titles, tracks)."""
        return self.kind == "launch" or self.subject != self.name


@dataclass(frozen=True)
class Anniversary:
    event: DatedEvent
    falls_on: date
    years: int

    @property
    def is_jubilee(self) -> bool:
        return self.years % JUBILEE_EVERY == 0

    @property
    def title(self) -> str:
        what = {
            "signature": "the signature of",
            "entry_into_force": "the entry into force of",
            "launch": "the launch of",
        }.get(self.event.kind, "")
        return f"{ordinal(self.years)} anniversary of {what} {self.event.subject}".replace(
            "  ", " "
        )


def anniversary_in_year(happened_on: date, year: int) -> date:
    """The date in `year`; 29 February falls on 28 February in common years (dateutil does this)."""
    return happened_on + relativedelta(years=year - happened_on.year)


def anniversaries_between(
    events: Iterable[DatedEvent], start: date, end: date
) -> list[Anniversary]:
    """Every anniversary (1 year or more) falling in [start, end], soonest first."""
    found: list[Anniversary] = []
    short_window = end.year - start.year <= 1 and (end - start).days < 366
    for event in events:
        # A cheap test on (month, day) first: most events have no anniversary in a window
        # of weeks, and relativedelta is the slow part of a scan over many thousands.
        if short_window and not _may_fall_between(event.happened_on, start, end):
            continue
        for year in range(start.year, end.year + 1):
            years = year - event.happened_on.year
            if years < 1:
                continue
            falls_on = anniversary_in_year(event.happened_on, year)
            if start <= falls_on <= end:
                found.append(Anniversary(event, falls_on, years))
    return soonest_first(found)


def soonest_first(anniversaries: Iterable[Anniversary]) -> list[Anniversary]:
    """Without repeats, by date; on the same day jubilees first."""
    return sorted(
        set(anniversaries),
        key=lambda a: (
            a.falls_on,
            not a.is_jubilee,
            a.event.subject,
            a.event.kind,
            a.event.object_id,
        ),
    )


def _may_fall_between(happened_on: date, start: date, end: date) -> bool:
    """Whether the (month, day) lies in the window; 29 February is always checked fully."""
    if (happened_on.month, happened_on.day) == (2, 29):
        return True
    day = (happened_on.month, happened_on.day)
    first, last = (start.month, start.day), (end.month, end.day)
    if start.year == end.year:
        return first <= day <= last
    return day >= first or day <= last


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
