"""Database wiring: Flask-SQLAlchemy, Flask-Migrate, and SQLite connection settings."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from sqlalchemy import event

from tracker import ROOT
from tracker.extensions import migrate
from tracker.orm import db

MIGRATIONS_DIR = ROOT / "migrations"


def init_app(app: Flask) -> None:
    import tracker.models  # noqa: F401  (register every table on the metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Let the web process and the scheduler write at once, and keep foreign keys honest."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    cursor.close()
    if mode.lower() != "wal":
        # e.g. an in-memory database: it still works, but readers and writers block each other
        logging.getLogger(__name__).warning("SQLite journal_mode is %s, not WAL", mode)


def upgrade_to_head() -> None:
    from flask_migrate import upgrade

    upgrade(directory=str(MIGRATIONS_DIR))
