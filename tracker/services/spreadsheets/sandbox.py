"""A preview of an import, run on a private copy of a SQLite database, so that it never
holds the live database's write lock.

SQLite lets one connection write at a time, from its first write to its commit. A preview
applies every row through the services (and rolls back): done on the live database it held
the write lock all that while, and another officer's save failed with "database is
locked" (issue 14 #7). So a preview's rows run on an in-memory copy of the database
(SQLite's online backup, which only reads the live file), by the same services, in a
session that stands in for the request's while the preview runs; the copy is thrown away.

A confirmation runs in the request's own transaction, all or nothing as the README
promises: it holds the write lock while its rows run, and other writers wait their turn
(every connection's busy timeout is longer than the longest allowed import,
tracker.database.DEFAULT_BUSY_TIMEOUT_MS). A first version also ran confirmations on the
copy and replayed their statements on the live file; under a steady stream of saves the
replay almost never applied and its fallback could wait on itself, so it was dropped.

PostgreSQL needs none of this: a transaction's writes there lock only the rows it writes,
and readers never wait, so previews and confirmations run in the request's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from tracker.orm import db

T = TypeVar("T")


def sqlite_file() -> str | None:
    """The live database's file when it is a SQLite file, else None."""
    url = make_url(db.engine.url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return url.database


@contextmanager
def _copy_session(live: sqlite3.Connection) -> Iterator[Session]:
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    live.backup(memory)
    memory.execute("PRAGMA foreign_keys=ON")
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    session = Session(bind=engine, autoflush=True)
    registry = db.session.registry
    had = registry.has()
    request_session = registry() if had else None
    registry.set(session)  # the services' db.session is the copy's while the rows run
    try:
        yield session
    finally:
        session.close()
        if request_session is not None:
            registry.set(request_session)
        else:
            registry.clear()
        engine.dispose()
        memory.close()


def preview_on_copy(path: str, work: Callable[[], T]) -> T:
    """Run `work` (which uses db.session) on a private copy of the SQLite file at `path`
    and throw the copy away: the live database is only read. The request's own session is
    left as it was."""
    with db.engine.connect() as connection:  # every connection's, tracker.database
        timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar() / 1000
    live = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        with _copy_session(live):
            return work()
    finally:
        live.close()
