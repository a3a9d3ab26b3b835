"""Rows and row counts, for the migration tests: a migration must keep every row, and a
downgrade too (on SQLite a table rebuilt by batch mode loses the rows its cascades reach;
see the brief's rule and tests/test_derived_columns_migration.py)."""

from __future__ import annotations

from sqlalchemy import inspect, text

from tracker.orm import db


def rows(sql: str) -> list[tuple]:
    """The rows `sql` (a trusted literal query) answers, as tuples."""
    return [tuple(r) for r in db.session.execute(text(sql))]


def row_counts() -> dict[str, int]:
    """Every table's number of rows (but the full-text index's, which a later migration
    rebuilds from the rows)."""
    tables = [t for t in inspect(db.engine).get_table_names() if not t.startswith("search_")]
    return {t: db.session.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in tables}
