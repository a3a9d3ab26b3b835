"""Helpers for list pages: reading filters from the query string, paginating."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, UnaryExpression, func
from sqlalchemy.sql import operators

from tracker.orm import db
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


class ListPagination(Pagination):
    """Flask-SQLAlchemy's pagination with two changes, each measured on a large archive.

    The total is counted on the filtered table itself rather than over a subquery of
    every column, so the database can count from an index. A page in the second half of
    a list is read from its end, in the reverse order with a smaller OFFSET, so the last
    page costs what the first does (the middle one costs the most, half the old last).
    """

    def _query_count(self) -> int:
        if getattr(self, "_total", None) is None:
            count = self._query_args.get("count_with")
            if count is not None:
                self._total: int | None = count()
            else:
                query = self._query_args["select"]
                self._total = (
                    db.session.scalar(
                        query.with_only_columns(func.count(), maintain_column_froms=True).order_by(
                            None
                        )
                    )
                    or 0
                )
        return self._total or 0

    def _query_items(self) -> list[Any]:
        query: Select[Any] = self._query_args["select"]
        order: tuple[Any, ...] = self._query_args["order"]
        total = self._query_count()
        first = (self.page - 1) * self.per_page
        if first >= total:
            return []
        size = min(self.per_page, total - first)
        after = total - first - size  # rows after this page
        backwards = reverse_order(order) if after < first else None
        if backwards is None:
            page = query.order_by(None).order_by(*order).offset(first).limit(size)
            return list(db.session.execute(page).unique().scalars())
        page = query.order_by(None).order_by(*backwards).offset(after).limit(size)
        return list(db.session.execute(page).unique().scalars())[::-1]


def reverse_order(order: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The exact reverse of an ORDER BY (NULLs placed at the other end too), or None
    for a clause this does not understand."""
    reversed_clauses = []
    for clause in order:
        nulls = None
        if isinstance(clause, UnaryExpression) and clause.modifier in (
            operators.nulls_first_op,
            operators.nulls_last_op,
        ):
            nulls = clause.modifier
            clause = clause.element
        if isinstance(clause, UnaryExpression) and clause.modifier is operators.desc_op:
            flipped = clause.element.asc()
        elif isinstance(clause, UnaryExpression) and clause.modifier is operators.asc_op:
            flipped = clause.element.desc()
        elif isinstance(clause, ColumnElement) and not isinstance(clause, UnaryExpression):
            flipped = clause.desc()
        else:
            return None
        if nulls is operators.nulls_last_op:
            flipped = flipped.nulls_first()
        elif nulls is operators.nulls_first_op:
            flipped = flipped.nulls_last()
        reversed_clauses.append(flipped)
    return tuple(reversed_clauses)


def paginate(
    query: Select[Any], order: tuple[Any, ...], *, count_with: Callable[[], int] | None = None
) -> Pagination:
    """One page of `query` in `order` (which should end in a unique column); the total from
    `count_with` when the service counts its list a cheaper way than the query would."""
    return ListPagination(
        page=query_int("page") or 1,
        per_page=current_app.config["PAGE_SIZE"],
        max_per_page=100,
        error_out=False,
        count=True,
        select=query,
        order=order,
        count_with=count_with,
    )
