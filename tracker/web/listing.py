"""Helpers for list pages: reading filters and the page wanted from the query string.

The lists themselves (their queries and pages) are the services' (tracker.services.lists).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from flask import current_app, request, url_for

from tracker.services.paging import PageRequest
from tracker.web.forms import CONTROL_CHARACTERS

MAX_FILTER_TEXT = 200
E = TypeVar("E", bound=StrEnum)


def query_int(name: str) -> int | None:
    """A positive integer from the query string, or None for anything else."""
    raw = request.args.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 2**31 else None


def query_enum(name: str, enum: type[E]) -> E | None:
    """A member of `enum` named by its value in the query string, or None for anything else."""
    value = request.args.get(name, "")
    return enum(value) if value in {member.value for member in enum} else None


def query_text(name: str) -> str:
    """Search text from the query string, without control characters (PostgreSQL refuses NUL)."""
    return CONTROL_CHARACTERS.sub("", request.args.get(name, "")).strip()[:MAX_FILTER_TEXT]


def query_date(name: str) -> date | None:
    """A day written YYYY-MM-DD in the query string, or None for anything else."""
    raw = request.args.get(name, "")
    try:
        return date.fromisoformat(raw) if raw.isascii() and len(raw) == 10 else None
    except ValueError:
        return None


def page_wanted() -> PageRequest:
    """The page the query string asks for (`?page=`, from 1), of the configured size."""
    return PageRequest(number=query_int("page") or 1, size=current_app.config["PAGE_SIZE"])


def back_to_list(endpoint: str) -> str | None:
    """Where a form posted from a list goes back to: its field `back` (the list's path and
    query, as the list was filtered) when that is the list page at `endpoint`, else None.
    Never another site or another page (no open redirect)."""
    raw = request.form.get("back", "")
    parts = urlsplit(raw)
    if not raw or parts.scheme or parts.netloc or parts.fragment or "\\" in raw:
        return None
    return raw if parts.path == url_for(endpoint) else None
