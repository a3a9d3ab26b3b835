"""ISO weeks, as the weekly report names them: "2025-W49"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
#: the ISO years a week may name: a weekly report looks back (stale tracks, anniversaries)
#: and four weeks ahead of its week, which must stay inside Python's dates (years 1 to
#: 9999); 0001-W01 and 9999-W52 answered 500 (issue 14, item 12)
WEEK_YEARS = range(1900, 9999)


def parse_iso_week(text: str) -> tuple[date, date]:
    """ "2025-W49" -> (Monday 1 Dec 2025, Sunday 7 Dec 2025); ValueError if no such week,
    or if its year is outside WEEK_YEARS."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise ValueError(f"“{text[:20]}” is not an ISO week like 2025-W49.")
    year, week = int(match.group(1)), int(match.group(2))
    if year not in WEEK_YEARS:
        raise ValueError(f"Weeks go from {WEEK_YEARS.start} to {WEEK_YEARS.stop - 1}, not {year}.")
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise ValueError(f"{year} has no week {week}.") from exc
    return monday, monday + timedelta(days=6)


def parse_report_week(text: str, today: date) -> tuple[date, date]:
    """parse_iso_week() for a weekly report as of `today`: a week up to the end of next
    year, since the report reads every anniversary between its events and its week (a
    report of 9998-W52 was a query too large for the database); ValueError otherwise."""
    monday, sunday = parse_iso_week(text)
    if sunday.year > today.year + 1:
        raise ValueError(f"Weekly reports go up to the end of {today.year + 1}.")
    return monday, sunday


@dataclass(frozen=True)
class ReportWindow:
    """The days a weekly report covers: its events from `starts_on` to the end of
    `through`; what is still open is open as of `through`, and late from `after`."""

    starts_on: date
    ends_on: date
    #: the last day whose events count: the week's Sunday, or today in the running week
    through: date
    #: the first day whose deadlines are not late yet: the day after the week, or today in
    #: the running week (what falls due today is not late yet, as the dashboard counts it)
    after: date

    @property
    def running(self) -> bool:
        """Whether this is the week still running: its preview is the week so far."""
        return self.after <= self.ends_on

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.through


def report_window(iso_week: str, today: date | None) -> ReportWindow:
    """The days the report of `iso_week` covers as of `today`, for the preview and the
    report sent alike (README: "the week still running is a live preview of the week so
    far"): a week still running up to now, its events of today included, with lateness as
    the dashboard counts it; any other week, or no `today`, whole. ValueError as
    parse_iso_week."""
    starts_on, ends_on = parse_iso_week(iso_week)
    if today is not None and starts_on <= today <= ends_on:
        return ReportWindow(starts_on, ends_on, through=today, after=today)
    return ReportWindow(starts_on, ends_on, through=ends_on, after=ends_on + timedelta(days=1))


def iso_week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def previous_iso_week(day: date) -> str:
    """The last complete ISO week before the week of `day`."""
    return iso_week_of(day - timedelta(days=7))


def neighbour_weeks(iso_week: str, today: date) -> tuple[str | None, str | None]:
    """The weeks before and after `iso_week` that have a report as of `today` (None at
    either end of parse_report_week's range). Raises ValueError for a week that has none."""
    monday, _ = parse_report_week(iso_week, today)
    found: list[str | None] = []
    for step in (-7, 7):
        week = iso_week_of(monday + timedelta(days=step))
        try:
            parse_report_week(week, today)
        except ValueError:
            found.append(None)
        else:
            found.append(week)
    return found[0], found[1]
