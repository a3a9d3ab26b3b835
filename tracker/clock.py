"""The one clock. Stored timestamps are UTC; "today" is in TRACKER_TIMEZONE.

Tests move time with time-machine, which patches datetime.now() underneath.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context


def zone() -> ZoneInfo:
    name = current_app.config["TIMEZONE"] if has_app_context() else "UTC"
    return ZoneInfo(name)


def now_utc() -> datetime:
    return datetime.now(UTC)


def now_local() -> datetime:
    return now_utc().astimezone(zone())


def today() -> date:
    return now_local().date()
