"""Consistent copies of the database, and the way back.

SQLite: the online backup API copies a consistent snapshot while the web and scheduler
processes keep writing (WAL). PostgreSQL: pg_dump / pg_restore are the tools for the job,
and these functions say so rather than imitate them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from tracker.orm import db
from tracker.services import search_index
from tracker.services.errors import ServiceError

PG_HINT = (
    "This database is PostgreSQL: back it up with "
    "`pg_dump --format=custom --file=tracker.dump DATABASE` and restore with "
    "`pg_restore --clean --if-exists --dbname=DATABASE tracker.dump`."
)


def _sqlite_path() -> Path:
    url = make_url(db.engine.url)
    if url.get_backend_name() != "sqlite":
        raise ServiceError(PG_HINT)
    if not url.database or url.database == ":memory:":
        raise ServiceError("An in-memory database cannot be backed up.")
    return Path(url.database)


def backup_database(target: Path) -> Path:
    """Write a consistent copy of the live SQLite database to `target`."""
    source_path = _sqlite_path()
    if target.exists():
        raise ServiceError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    _check(target)
    return target


def restore_database(backup: Path) -> None:
    """Replace the live SQLite database's content with the backup's (checked first), then
    rebuild the full-text index from the restored records (when the backup has its
    tables; `init-db` makes and fills them otherwise). The caller commits."""
    target_path = _sqlite_path()
    if not backup.exists():
        raise ServiceError(f"There is no backup at {backup}.")
    _check(backup)
    db.session.remove()
    db.engine.dispose()
    with sqlite3.connect(backup) as source, sqlite3.connect(target_path) as live:
        source.backup(live)
    if search_index.index_exists():
        search_index.rebuild()


def _check(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise ServiceError(f"{path} is not a sound SQLite database: {result}")
