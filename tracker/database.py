"""Database wiring: Flask-SQLAlchemy, Flask-Migrate, and SQLite connection settings."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event, make_url

from tracker import ROOT
from tracker.extensions import migrate
from tracker.orm import db

MIGRATIONS_DIR = ROOT / "migrations"


#: how long a SQLite connection waits for another's write to end before it gives up with
#: "database is locked". Longer than the longest allowed import holds the write lock (a
#: 5,000-row confirmation writes in bulk and holds it about a second, bench/imports.py;
#: the whole confirmation, its rows worked out first, takes seconds), so that a save made meanwhile
#: waits its turn and succeeds (issue 14 #7). TRACKER_SQLITE_BUSY_TIMEOUT_MS overrides it.
DEFAULT_BUSY_TIMEOUT_MS = 60_000


def busy_timeout_ms() -> int:
    """The configured SQLite busy timeout, in milliseconds."""
    return int(current_app.config.get("SQLITE_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS))


def init_app(app: Flask) -> None:
    import tracker.models  # noqa: F401  (register every table on the metadata)
    import tracker.services.search_index  # noqa: F401  (keeps the full-text index at flush)
    from tracker.services import read_cache

    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **engine_options(app.config),
        **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
    }
    db.init_app(app)
    read_cache.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            timeout = busy_timeout_ms()
            event.listen(db.engine, "connect", lambda conn, record: _sqlite_pragmas(conn, timeout))


def engine_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """SQLAlchemy engine options from the configuration: the pool's size and, on
    PostgreSQL, the session settings every connection starts with.

    The settings go in libpq's `options` ("-c jit=off -c work_mem=16MB"), read by the
    server at connection start-up: no statement per connection or per request. Options
    already in DATABASE_URL (`?options=...`) are kept, before the app's."""
    options: dict[str, Any] = {
        "pool_size": int(config.get("DATABASE_POOL_SIZE", 5)),
        "max_overflow": int(config.get("DATABASE_MAX_OVERFLOW", 5)),
    }
    url = make_url(config["DATABASE_URL"])
    if url.get_backend_name() != "postgresql":
        return options
    settings = [
        # libpq splits `options` at spaces: a space inside a value is escaped
        "-c " + f"{name}={value}".strip().replace("\\", "\\\\").replace(" ", "\\ ")
        for name, value in (
            ("jit", config.get("POSTGRES_JIT", "")),
            ("work_mem", config.get("POSTGRES_WORK_MEM", "")),
        )
        if str(value).strip()
    ]
    given = url.query.get("options")
    given = " ".join(given) if isinstance(given, tuple) else given
    if settings:
        options["connect_args"] = {"options": " ".join([*([given] if given else []), *settings])}
    return options


def _sqlite_pragmas(dbapi_connection: Any, busy_timeout: int) -> None:
    """Let the web process and the scheduler write at once, and keep foreign keys honest."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout)}")
    mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    cursor.close()
    if mode.lower() != "wal":
        # e.g. an in-memory database: it still works, but readers and writers block each other
        logging.getLogger(__name__).warning("SQLite journal_mode is %s, not WAL", mode)


def upgrade_to_head() -> None:
    from flask_migrate import upgrade

    upgrade(directory=str(MIGRATIONS_DIR))
