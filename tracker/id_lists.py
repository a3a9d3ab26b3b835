"""Long lists in a query on PostgreSQL as one array parameter: `column = ANY(:ids)` (on
SQLite `column IN (...)`), and run_with_arrays, a statement whose lists go in PostgreSQL's
binary format.

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


def run_with_arrays(connection: Connection, statement: str, arrays: dict[str, list[Any]]) -> None:
    """Run `statement` on PostgreSQL, each of its `%(name)b` placeholders taking one Python
    list of `arrays`, sent in PostgreSQL's binary format by psycopg's own list dumper
    (SQLAlchemy's exec_driver_sql passes the placeholders through). Measured: psycopg's
    text format escapes each element in Python, 0.28 s for 60,000 strings (12 columns of a
    5,000-row file), against 0.03 s in the binary format, which needs no escaping."""
    connection.exec_driver_sql(statement, arrays)
