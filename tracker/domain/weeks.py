"""ISO weeks, as the weekly report names them: "2025-W49"."""

from __future__ import annotations

import re
from datetime import date, timedelta

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_iso_week(text: str) -> tuple[date, date]:
    """ "2025-W49" -> (Monday 1 Dec 2025, Sunday 7 Dec 2025); ValueError if no such week."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise ValueError(f"“{text[:20]}” is not an ISO week like 2025-W49.")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise ValueError(f"{year} has no week {week}.") from exc
    return monday, monday + timedelta(days=6)


def iso_week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def previous_iso_week(day: date) -> str:
    """The last complete ISO week before the week of `day`."""
    return iso_week_of(day - timedelta(days=7))
