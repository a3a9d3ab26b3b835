"""Helpers for list pages: reading filters from the query string, paginating."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func

from tracker.extensions import db
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


def paginate(query: Select[Any]) -> Pagination:
    page = query_int("page") or 1
    pagination = db.paginate(
        query,
        page=page,
        per_page=current_app.config["PAGE_SIZE"],
        max_per_page=100,
        error_out=False,
        count=False,
    )
    # COUNT(*) on the filtered table itself rather than over a subquery of every column
    # (Flask-SQLAlchemy's way), so the database can count from an index.
    pagination.total = db.session.scalar(
        query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    )
    return pagination
