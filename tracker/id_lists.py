"""Long lists in a query on PostgreSQL as one array parameter: `column = ANY(:ids)` (on
SQLite `column IN (...)`), and text_array, a text[] literal of many strings.

Measured (issue 19 #4, bench/session15-h19d.md): psycopg rewrites every `%(name)s`
placeholder of a statement in Python and keeps no statement over 4 KB, so an IN of
10,000 ids (the tracks framed by a 5,000-agreement import's agreements) took 0.6–1 s
before PostgreSQL saw it, which then answered in 16 ms. The rows are the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY, INTEGER


def among(column: Any, ids: Iterable[int], connection: Connection) -> Any:
    """The condition `column` is one of `ids`, written for `connection`'s database."""
    wanted = list(ids)
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, wanted, type_=ARRAY(INTEGER)))
    return column.in_(wanted)


def text_array(values: list[str | None]) -> str:
    """A text[] literal of `values` (each quoted, its backslashes and quotes escaped; None
    is NULL), sent as one text parameter and cast in SQL (`CAST(:p AS TEXT[])`):
    psycopg's own list dumper escapes each element with a regular expression in Python,
    which cost more than the insert it fed (5,000 audit rows: 0.7 s against 0.3 s)."""
    return (
        "{"
        + ",".join(
            "NULL" if value is None else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            for value in values
        )
        + "}"
    )
