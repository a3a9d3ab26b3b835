"""The database connection settings the web and scheduler processes rely on."""

from __future__ import annotations

from sqlalchemy import text

from tracker import create_app
from tracker.models.search import is_index_table
from tracker.orm import db


def test_sqlite_runs_wal_with_busy_timeout_and_foreign_keys(tmp_path) -> None:
    # Its own SQLite app, so this runs whichever database the suite is on.
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'pragmas.db'}", "SECRET_KEY": "x"})
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        # longer than the longest allowed import holds the write lock (issue 14 #7)
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 60_000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with app.app_context():
        db.engine.dispose()


def test_migrations_are_at_head_and_match_the_models() -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        # the full-text index's tables are the migration's alone (tracker.models.search)
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, type_, parent: (
                    not (type_ == "table" and is_index_table(name))
                )
            },
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []
