"""Load the dated events the anniversary rules work on.

The month and day are tested in SQL, so a scan of a few weeks reads the events of those
weeks, not the whole archive; tracker.domain.anniversaries then does the exact date
arithmetic (29 February, the number of years) on what is left.
"""

from __future__ import annotations

import calendar
import operator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, reduce
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    cast,
    extract,
    false,
    func,
    or_,
    select,
    union_all,
)

from tracker.domain.anniversaries import (
    JUBILEE_EVERY,
    Anniversary,
    DatedEvent,
    anniversaries_between,
    anniversary_in_year,
)
from tracker.models import Agreement, NegotiationTrack, User
from tracker.orm import db
from tracker.services.visibility import track_is_visible


@dataclass(frozen=True)
class Window:
    """Which anniversaries falling in [start, end] to read."""

    start: date
    end: date
    jubilees_only: bool = False
    #: the oldest event's year, when the caller has read it already (see
    #: earliest_event_year); otherwise read when first needed
    earliest_year: int | None = None

    @property
    def is_short(self) -> bool:
        """Short enough to read as shifted date ranges: under a year, over at most a new year."""
        return self.end.year - self.start.year <= 1 and (self.end - self.start).days < 365

    @cached_property
    def _shifted(self) -> tuple[list[tuple[date, date]], list[date]]:
        """The window moved back by each whole number of years to the oldest event on
        record, and the 29 February events that fall in it (on the 28th in common years,
        which the shifted ranges miss)."""
        earliest = self.earliest_year or earliest_event_year()
        ranges = []
        for years in range(1, self.end.year - earliest + 1):
            if self.jubilees_only and years % JUBILEE_EVERY:
                continue
            low = self.start - relativedelta(years=years)
            high = self.end - relativedelta(years=years)
            if (self.start.month, self.start.day) == (2, 29) and low.day == 28:
                low += timedelta(days=1)  # 28 February is not in a window from the 29th
            if low <= high:
                ranges.append((low, high))
        leap_days = [
            date(y, 2, 29)
            for y in range(earliest, self.end.year)
            if calendar.isleap(y)
            and any(self._has(date(y, 2, 29), year) for year in {self.start.year, self.end.year})
        ]
        return ranges, leap_days

    @property
    def reads_month_days(self) -> bool:
        """Read through the stored month-days (Agreement.signed_month_day, ...): a short
        window of every anniversary. Jubilee windows keep the yearly date ranges, which
        admit the jubilee years only."""
        return self.is_short and not self.jubilees_only

    def month_day_parts(
        self, column: ColumnElement[date], month_day: ColumnElement[int]
    ) -> list[ColumnElement[bool]]:
        """The window as conditions on an event's date and its stored month-day, each
        read from the (month_day, date) index in month-day order (a window over a new year
        has a December part and a January part; 29 February is a part of its own where it
        falls in the window, on the 28th in common years: anniversary_in_year). Together
        exact: an event passes one of them iff it has an anniversary of one year or more
        in the window; the soonest `n` of each part hold the soonest `n` of the window."""
        low, high = _md(self.start), _md(self.end)
        if low <= high:
            spans = [(low, high, self.start.year)]
        else:
            spans = [(low, 1231, self.start.year), (101, high, self.end.year)]
        # at least one year old: the event happened before the year its anniversary falls in
        parts = [
            and_(month_day.between(first, last), month_day != 229, column < date(year, 1, 1))
            for first, last, year in spans
        ]
        for year in sorted({self.start.year, self.end.year}):
            if self.start <= anniversary_in_year(date(2000, 2, 29), year) <= self.end:
                parts.append(and_(month_day == 229, column < date(year, 1, 1)))
        return parts

    def admits(
        self, column: ColumnElement[date], month_day: ColumnElement[int] | None = None
    ) -> ColumnElement[bool]:
        """A condition on `column` (and its stored `month_day`, where given) that every event
        with an anniversary in the window passes; exact for a window that reads month-days."""
        if not self.is_short:
            # At least one year old when the window closes.
            return and_(column.is_not(None), column <= self.end - relativedelta(years=1))
        if month_day is not None and self.reads_month_days:
            return or_(*self.month_day_parts(column, month_day))
        # Date ranges the column's index answers, where a (month, day) expression would
        # be computed on every row of the archive.
        ranges, leap_days = self._shifted
        conditions = [column.between(low, high) for low, high in ranges]
        if leap_days:
            conditions.append(column.in_(leap_days))
        return and_(column.is_not(None), or_(false(), *conditions))

    def _has(self, happened_on: date, year: int) -> bool:
        years = year - happened_on.year
        if years < 1 or (self.jubilees_only and years % JUBILEE_EVERY):
            return False
        return self.start <= anniversary_in_year(happened_on, year) <= self.end

    def order(self, column: ColumnElement[date]) -> ColumnElement[int]:
        """Soonest in the window first (29 February, on the 28th in common years, still
        comes after every 28 February and before 1 March)."""
        day = _month_day(column)
        if _md(self.start) <= _md(self.end):
            return day
        return case((day >= _md(self.start), day), else_=day + 1300)


def earliest_event_year() -> int:
    """The year of the oldest signature, entry into force or launch on record."""
    oldest = db.session.execute(
        select(
            select(func.min(Agreement.signed_on)).scalar_subquery(),
            select(func.min(Agreement.in_force_on)).scalar_subquery(),
            select(func.min(NegotiationTrack.launched_on)).scalar_subquery(),
        )
    ).one()
    days = [d for d in oldest if d is not None]
    return min(days).year if days else date.max.year


def _md(day: date) -> int:
    return day.month * 100 + day.day


def _month_day(column: ColumnElement[date]) -> ColumnElement[int]:
    return cast(extract("month", column), Integer) * 100 + cast(extract("day", column), Integer)


def agreement_event(
    kind: str,
    agreement_id: int,
    title: str,
    short_title: str,
    happened_on: date,
    title_ru: str = "",
    title_kk: str = "",
    updated_at: datetime | None = None,
) -> DatedEvent:
    """An agreement's signature or entry into force ("signature", "entry_into_force") as
    an event remembered every year: "the EPCA" by its short title, else its title (with
    its official titles in Russian and Kazakh, for readers of those); `updated_at`, when
    the agreement was last changed (a calendar's stamp)."""
    if short_title:
        return DatedEvent(
            kind,
            f"the {short_title}",
            happened_on,
            "Agreement",
            agreement_id,
            short_title,
            updated_at=updated_at,
        )
    return DatedEvent(
        kind,
        title,
        happened_on,
        "Agreement",
        agreement_id,
        title,
        title_ru or "",
        title_kk or "",
        updated_at=updated_at,
    )


def dated_events(
    window: Window,
    track_condition: ColumnElement[bool] | None = None,
    limit: int | None = None,
) -> list[DatedEvent]:
    """Signatures and entries into force (of agreements not archived), and launches (of
    the live tracks the condition admits: NegotiationTrack.is_live) that may have an
    anniversary in the window; with a limit, about the soonest `limit` of each kind."""
    if not window.is_short:
        limit = None  # (month, day) order is date order only within a short window
    events: list[DatedEvent] = []
    for kind, column, month_day in (
        ("signature", Agreement.signed_on, Agreement.signed_month_day),
        ("entry_into_force", Agreement.in_force_on, Agreement.in_force_month_day),
    ):
        query = select(
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            column,
            Agreement.official_title_ru,
            Agreement.official_title_kk,
            Agreement.updated_at,
        ).where(
            Agreement.archived_on.is_(None)  # an archived agreement is not marked (#15 #7)
        )
        for agreement_id, title, short_title, happened_on, title_ru, title_kk, updated_at in _read(
            query, window, column, month_day, Agreement.id, limit
        ):
            events.append(
                agreement_event(
                    kind,
                    agreement_id,
                    title,
                    short_title,
                    happened_on,
                    title_ru,
                    title_kk,
                    updated_at,
                )
            )
    launched = NegotiationTrack.launched_on
    query = select(
        NegotiationTrack.id,
        NegotiationTrack.name,
        launched,
        NegotiationTrack.official_name_ru,
        NegotiationTrack.official_name_kk,
        NegotiationTrack.updated_at,
    ).where(
        NegotiationTrack.is_live,  # a closed or paused negotiation's launch is not marked
    )
    if track_condition is not None:
        query = query.where(track_condition)
    for track_id, name, launched_on, name_ru, name_kk, updated_at in _read(
        query, window, launched, NegotiationTrack.launched_month_day, NegotiationTrack.id, limit
    ):
        events.append(
            DatedEvent(
                "launch",
                f"negotiations on the {name}",
                launched_on,
                "NegotiationTrack",
                track_id,
                name,
                name_ru or "",
                name_kk or "",
                updated_at=updated_at,
            )
        )
    return events


def _read(
    query: Select[Any],
    window: Window,
    column: ColumnElement[date],
    month_day: ColumnElement[int],
    key: ColumnElement[int],
    limit: int | None,
) -> list[Any]:
    """The rows of `query` whose `column` may have an anniversary in `window`; with a
    limit, the soonest `limit` of each part of the window (Window.month_day_parts), each
    read from the month-day index in order, or of the yearly date ranges."""
    if limit is None:
        return list(db.session.execute(query.where(window.admits(column, month_day))))
    if not window.reads_month_days:
        ordered = query.where(window.admits(column)).order_by(window.order(column), key)
        return list(db.session.execute(ordered.limit(limit)))
    # one statement: each part's soonest rows, read in index order, side by side
    parts = [
        select(query.where(part).order_by(month_day, key).limit(limit).subquery())
        for part in window.month_day_parts(column, month_day)
    ]
    return list(db.session.execute(union_all(*parts)))


def count_dated_events(window: Window, track_condition: ColumnElement[bool] | None = None) -> int:
    """How many events dated_events() would return without a limit: in a window under a
    year, its anniversaries. One statement; a window that reads month-days is counted part
    by part (the parts are disjoint), so that each count is one range of a covering index."""
    launches = select(func.count()).select_from(NegotiationTrack).where(NegotiationTrack.is_live)
    current_agreements = (
        select(func.count()).select_from(Agreement).where(Agreement.archived_on.is_(None))
    )
    if track_condition is not None:
        launches = launches.where(track_condition)
    counts = []
    for query, column, month_day in (
        (current_agreements, Agreement.signed_on, Agreement.signed_month_day),
        (current_agreements, Agreement.in_force_on, Agreement.in_force_month_day),
        (launches, NegotiationTrack.launched_on, NegotiationTrack.launched_month_day),
    ):
        if window.reads_month_days:
            conditions = window.month_day_parts(column, month_day)
        else:
            conditions = [window.admits(column)]
        counts += [query.where(c).scalar_subquery() for c in conditions]
    return db.session.scalar(select(reduce(operator.add, counts))) or 0


def _track_condition(viewer: User | None, public_only: bool) -> ColumnElement[bool] | None:
    if public_only:
        return track_is_visible(None)
    if viewer is not None:
        return track_is_visible(viewer)
    return None


def upcoming_anniversaries(
    start: date,
    end: date,
    *,
    viewer: User | None = None,
    public_only: bool = False,
    jubilees_only: bool = False,
    limit: int | None = None,
    earliest_year: int | None = None,
) -> list[Anniversary]:
    """Anniversaries in [start, end], soonest first: of what `viewer` may see, of public
    records only (shared reports), or, with neither, of everything (reminders filter per
    recipient). With a limit, the soonest `limit` of them."""
    window = Window(start, end, jubilees_only, earliest_year)
    events = dated_events(window, _track_condition(viewer, public_only), limit)
    found = anniversaries_between(events, start, end)
    if jubilees_only:
        found = [a for a in found if a.is_jubilee]
    return found if limit is None else found[:limit]


def count_upcoming_anniversaries(
    start: date,
    end: date,
    *,
    viewer: User | None = None,
    public_only: bool = False,
    earliest_year: int | None = None,
) -> int:
    """How many upcoming_anniversaries() would return without a limit, for a window under
    a year (over a longer one an event has several)."""
    window = Window(start, end, earliest_year=earliest_year)
    return count_dated_events(window, _track_condition(viewer, public_only))
