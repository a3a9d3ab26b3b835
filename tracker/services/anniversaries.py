"""Load the dated events the anniversary rules work on.

The month and day are tested in SQL, so a scan of a few weeks reads the events of those
weeks, not the whole archive; tracker.domain.anniversaries then does the exact date
arithmetic (29 February, the number of years) on what is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
)

from tracker.domain.anniversaries import (
    JUBILEE_EVERY,
    Anniversary,
    DatedEvent,
    anniversaries_between,
)
from tracker.extensions import db
from tracker.models import Agreement, NegotiationTrack, User
from tracker.services.visibility import visible_tracks


@dataclass(frozen=True)
class Window:
    """Which anniversaries falling in [start, end] to read."""

    start: date
    end: date
    jubilees_only: bool = False

    @property
    def is_short(self) -> bool:
        """Short enough for the (month, day) test: under a year, over at most a new year."""
        return self.end.year - self.start.year <= 1 and (self.end - self.start).days < 365

    def admits(self, column: ColumnElement[date]) -> ColumnElement[bool]:
        # At least one year old when the window closes.
        conditions = [column.is_not(None), column <= self.end - relativedelta(years=1)]
        if not self.is_short:
            return and_(*conditions)
        day = _month_day(column)
        first, last = _md(self.start), _md(self.end)
        if first <= last:
            within = day.between(first, last)
            has_28_february = first <= 228 <= last
        else:  # over a new year
            within = or_(day >= first, day <= last)
            has_28_february = first <= 228 or last >= 228
        # 29 February falls on 28 February in common years.
        conditions.append(or_(within, day == 229) if has_28_february else within)
        if self.jubilees_only:
            year = cast(extract("year", column), Integer)
            years = sorted({self.start.year, self.end.year})
            conditions.append(or_(*((literal(y) - year) % JUBILEE_EVERY == 0 for y in years)))
        return and_(*conditions)

    def order(self, column: ColumnElement[date]) -> ColumnElement[int]:
        """Soonest in the window first (29 February, on the 28th in common years, still
        comes after every 28 February and before 1 March)."""
        day = _month_day(column)
        if _md(self.start) <= _md(self.end):
            return day
        return case((day >= _md(self.start), day), else_=day + 1300)


def _md(day: date) -> int:
    return day.month * 100 + day.day


def _month_day(column: ColumnElement[date]) -> ColumnElement[int]:
    return cast(extract("month", column), Integer) * 100 + cast(extract("day", column), Integer)


def dated_events(
    window: Window,
    track_condition: ColumnElement[bool] | None = None,
    limit: int | None = None,
) -> list[DatedEvent]:
    """Signatures, entries into force, and launches (of the tracks the condition admits)
    that may have an anniversary in the window; with a limit, about the soonest `limit`
    of each kind."""
    if not window.is_short:
        limit = None  # (month, day) order is date order only within a short window
    events: list[DatedEvent] = []
    for kind, column in (
        ("signature", Agreement.signed_on),
        ("entry_into_force", Agreement.in_force_on),
    ):
        query = select(Agreement.id, Agreement.title, Agreement.short_title, column).where(
            window.admits(column)
        )
        if limit is not None:
            query = query.order_by(window.order(column), Agreement.id).limit(limit)
        for agreement_id, title, short_title, happened_on in db.session.execute(query):
            subject = f"the {short_title}" if short_title else title
            events.append(DatedEvent(kind, subject, happened_on, "Agreement", agreement_id))
    launched = NegotiationTrack.launched_on
    query = select(NegotiationTrack.id, NegotiationTrack.name, launched).where(
        window.admits(launched)
    )
    if track_condition is not None:
        query = query.where(track_condition)
    if limit is not None:
        query = query.order_by(window.order(launched), NegotiationTrack.id).limit(limit)
    for track_id, name, launched_on in db.session.execute(query):
        events.append(
            DatedEvent(
                "launch", f"negotiations on the {name}", launched_on, "NegotiationTrack", track_id
            )
        )
    return events


def count_dated_events(window: Window, track_condition: ColumnElement[bool] | None = None) -> int:
    """How many events dated_events() would return without a limit: in a window under a
    year, its anniversaries (29 February events counted in a window that ends on 28
    February, though in a leap year they fall on the 29th)."""
    total = 0
    for column in (Agreement.signed_on, Agreement.in_force_on):
        total += db.session.scalar(select(func.count()).where(window.admits(column))) or 0
    query = (
        select(func.count())
        .select_from(NegotiationTrack)
        .where(window.admits(NegotiationTrack.launched_on))
    )
    if track_condition is not None:
        query = query.where(track_condition)
    return total + (db.session.scalar(query) or 0)


def _track_condition(viewer: User | None, public_only: bool) -> ColumnElement[bool] | None:
    if public_only:
        return visible_tracks(None)
    if viewer is not None:
        return visible_tracks(viewer)
    return None


def upcoming_anniversaries(
    start: date,
    end: date,
    *,
    viewer: User | None = None,
    public_only: bool = False,
    jubilees_only: bool = False,
    limit: int | None = None,
) -> list[Anniversary]:
    """Anniversaries in [start, end], soonest first: of what `viewer` may see, of public
    records only (shared reports), or, with neither, of everything (reminders filter per
    recipient). With a limit, the soonest `limit` of them."""
    window = Window(start, end, jubilees_only)
    events = dated_events(window, _track_condition(viewer, public_only), limit)
    found = anniversaries_between(events, start, end)
    if jubilees_only:
        found = [a for a in found if a.is_jubilee]
    return found if limit is None else found[:limit]


def count_upcoming_anniversaries(
    start: date, end: date, *, viewer: User | None = None, public_only: bool = False
) -> int:
    """How many upcoming_anniversaries() would return without a limit, for a window under
    a year (over a longer one an event has several)."""
    return count_dated_events(Window(start, end), _track_condition(viewer, public_only))
