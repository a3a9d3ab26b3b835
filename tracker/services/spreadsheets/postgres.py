"""PostgreSQL's way of sending an import's thousands of values: one array parameter per
column instead of one parameter per value.

Measured (issue 19 #4, bench/session15-h19d.md): psycopg rewrites every statement's
`%(name)s` placeholders in Python, and does not cache a statement longer than 4 KB, so a
5,000-row multi-row INSERT (SQLAlchemy's insertmanyvalues: 150,000 placeholders for an
agreement file) or an `IN (...)` of 5,000 ids spent seconds there before PostgreSQL saw
it. Here a table's rows go in as `INSERT ... SELECT FROM unnest(<one text[] per
column>)` (and a list of ids as `= ANY(<one array>)`, tracker.id_lists): a short
statement whatever the rows.

What a Core insert would add is added: the columns' Python-side defaults and each type's
bind processing (an enum's value, JSON's text), so the rows written are those
`connection.execute(insert(table), rows)` writes (tests/services/test_import_same_as_saves.py
on PostgreSQL). SQLite keeps the plain statements (its parameters cost nothing alike).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import text as sql_text
from sqlalchemy.sql import sqltypes

from tracker.id_lists import run_with_arrays


def on_postgresql(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def new_ids(connection: Connection, table: Any, count: int) -> list[int]:
    """`count` ids from the sequence of `table`'s `id` (as the INSERT would take them),
    in the order given: the rows are then inserted with their ids, so each row's id is
    known without relying on the order of a RETURNING."""
    if count == 0:
        return []
    statement = sql_text(
        "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"
    )
    made = connection.execute(statement, {"table": table.name, "count": count})
    return [int(i) for i in made.scalars()]


def _text_of(column: Any, connection: Connection) -> Any:
    """How a Python value of `column` becomes the text PostgreSQL casts to the column's
    type: the type's bind processing first (an enum's stored value, a TypeDecorator's
    conversion), JSON serialised as SQLAlchemy's JSON type does (None is JSON's null
    unless the type says none_as_null)."""
    dialect = connection.dialect
    impl = column.type.dialect_impl(dialect)
    if isinstance(impl, sqltypes.JSON):
        # psycopg's Json wraps json.dumps unless the engine names another serialiser
        return impl._make_bind_processor(None, dialect._json_serializer or json.dumps)
    process = column.type._cached_bind_processor(dialect)

    def text(value: Any) -> str | None:
        if process is not None:
            value = process(value)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return text


class NotPlain(Exception):
    """A default this module does not compute (a SQL expression, a context's): the caller
    inserts the usual way."""


def _defaults(table: Any, given: set[str]) -> dict[str, Any]:
    """The Python-side defaults a Core insert would fill for the columns not `given`."""
    filled: dict[str, Any] = {}
    for column in table.columns:
        if column.key in given or column.default is None or column.primary_key:
            continue
        default = column.default
        if default.is_scalar:
            filled[column.key] = default.arg
        elif default.is_callable:
            try:
                filled[column.key] = default.arg(None)
            except Exception as error:  # a default that reads the statement's context
                raise NotPlain(column.key) from error
        else:
            raise NotPlain(column.key)
    return filled


def insert_rows(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (dicts of column keys, the same keys in each) into `table` in one
    statement. Raises NotPlain before writing when a missing column's default cannot be
    computed here."""
    if not rows:
        return
    keys = list(rows[0])
    if any(len(row) != len(keys) or row.keys() != rows[0].keys() for row in rows):
        raise NotPlain("rows of different columns")
    defaults = _defaults(table, set(keys))
    columns = [table.c[key] for key in keys] + [table.c[key] for key in defaults]
    arrays: dict[str, list[Any]] = {}
    for n, column in enumerate(columns):
        text = _text_of(column, connection)
        if column.key in defaults:
            value = text(defaults[column.key])
            arrays[f"c{n}"] = [value] * len(rows)
        else:
            arrays[f"c{n}"] = [text(row[column.key]) for row in rows]
    preparer = connection.dialect.identifier_preparer
    names = ", ".join(preparer.quote(c.name) for c in columns)
    casts = ", ".join(
        f"u.c{n}::{column.type.compile(dialect=connection.dialect)}"
        for n, column in enumerate(columns)
    )
    sources = ", ".join(f"%(c{n})b::text[]" for n in range(len(columns)))
    aliases = ", ".join(f"c{n}" for n in range(len(columns)))
    run_with_arrays(
        connection,
        # only names and types from the table's metadata are written in; values are parameters
        f"INSERT INTO {preparer.format_table(table)} ({names}) "  # noqa: S608
        f"SELECT {casts} FROM unnest({sources}) AS u({aliases})",
        arrays,
    )


__all__ = ["NotPlain", "insert_rows", "new_ids", "on_postgresql"]
