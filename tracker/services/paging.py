"""One page of a list: the lists' pager (web) and a plain page of rows (API).

The view says which page it wants (a PageRequest: the number from the query string, the
size from the configuration); the list's service builds the query and hands it here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, UnaryExpression, func, select
from sqlalchemy.sql import operators

from tracker.orm import db
from tracker.services import read_cache


@dataclass(frozen=True)
class PageRequest:
    """Page `number` (from 1) of `size` rows."""

    number: int = 1
    size: int = 50


class ListPagination(Pagination):
    """Flask-SQLAlchemy's pagination with two changes, each measured on a large archive.

    The total is counted on the filtered table itself rather than over a subquery of
    every column, so the database can count from an index. A page in the second half of
    a list is read from its end, in the reverse order with a smaller OFFSET, so the last
    page costs what the first does (the middle one costs the most, half the old last).
    """

    def _query_count(self) -> int:
        if getattr(self, "_total", None) is None:
            count = self._query_args.get("count_with") or self._count
            kept_as = self._query_args.get("kept_as")
            self._total: int | None = (
                count() if kept_as is None else read_cache.remember(("total", kept_as), count)
            )
        return self._total or 0

    def _count(self) -> int:
        query = self._query_args["select"]
        counted = query.with_only_columns(func.count(), maintain_column_froms=True)
        return db.session.scalar(counted.order_by(None)) or 0

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
    query: Select[Any],
    order: tuple[Any, ...],
    at: PageRequest,
    *,
    count_with: Callable[[], int] | None = None,
    kept_as: Hashable | None = None,
) -> Pagination:
    """Page `at` of `query` in `order` (which should end in a unique column), with the
    total and the links a list page shows; the total from `count_with` when the service
    counts its list a cheaper way than the query would. A page past the end is empty.

    With `kept_as` (a key naming the list, its filter and its reader), the total is kept a
    short while (tracker.services.read_cache, dropped by any committed write): counting
    every visible row is most of a list page's cost on a large archive (bench/results.md,
    session 11), and it is the same for every page of the list."""
    return ListPagination(
        page=at.number,
        per_page=at.size,
        max_per_page=100,
        error_out=False,
        count=True,
        select=query,
        order=order,
        count_with=count_with,
        kept_as=kept_as,
    )


@dataclass(frozen=True)
class Rows:
    """A plain page of rows and the total over every page (the API's pages)."""

    items: list[Any]
    total: int


def rows_page(query: Select[Any], at: PageRequest) -> Rows:
    """Page `at` of `query` in the query's own order, counted over a subquery."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(query.limit(at.size).offset((at.number - 1) * at.size)).unique()
    return Rows(items=list(rows), total=total or 0)
