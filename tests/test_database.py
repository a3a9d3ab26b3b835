"""The database connection settings the web and scheduler processes rely on."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.conftest import TEST_DATABASE_URL
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


#: indexes a migration makes on PostgreSQL only, which the models do not declare
POSTGRESQL_ONLY_INDEXES = {"ix_agreements_list_order"}


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
                    # PostgreSQL's alone, in migration e19h5a1b2c3d (SQLite has no NULLS LAST)
                    and not (type_ == "index" and name in POSTGRESQL_ONLY_INDEXES)
                )
            },
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


# --- PostgreSQL session settings and the pool (issue 19 #3) -----------------------------


def _own_app(url: str, **config: object) -> object:
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "x", **config})


def test_the_pool_is_sized_from_the_configuration(tmp_path) -> None:
    app = _own_app(
        f"sqlite:///{tmp_path / 'pool.db'}", DATABASE_POOL_SIZE=3, DATABASE_MAX_OVERFLOW=1
    )
    with app.app_context():
        assert db.engine.pool.size() == 3
        assert db.engine.pool._max_overflow == 1
        db.engine.dispose()


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="PostgreSQL only (TRACKER_TEST_DATABASE_URL)")
def test_postgresql_connections_run_without_jit_and_with_the_configured_work_mem() -> None:
    # JIT compilation cost 27-28 ms of the 34-40 ms of each anniversary query at bench
    # scale 10, for plans that run in a few milliseconds (bench/notes.md).
    defaults = _own_app(TEST_DATABASE_URL)
    chosen = _own_app(TEST_DATABASE_URL, POSTGRES_JIT="on", POSTGRES_WORK_MEM="24MB")
    # options already in the URL are kept beside the app's
    in_url = _own_app(TEST_DATABASE_URL + "?options=-c%20statement_timeout%3D7000")
    for app, jit, work_mem in (
        (defaults, "off", "16MB"),
        (chosen, "on", "24MB"),
        (in_url, "off", "16MB"),
    ):
        with app.app_context(), db.engine.connect() as connection:
            assert connection.execute(text("SHOW jit")).scalar() == jit
            assert connection.execute(text("SHOW work_mem")).scalar() == work_mem
            if app is in_url:
                assert connection.execute(text("SHOW statement_timeout")).scalar() == "7s"
        with app.app_context():
            db.engine.dispose()
