"""An import run on a private copy of a SQLite database, so that it never locks others out.

SQLite lets one connection write at a time, from its first write to its commit. Applying
5,000 rows through the services takes seconds; done on the live database, the preview
(rolled back at the end) and the confirmation held the write lock all that while, and
another officer's save failed with "database is locked" (issue 14 #7).

So the rows are applied to an in-memory copy of the database (SQLite's online backup,
which only reads the live file), by the same services, in a session that stands in for
the request's while the import runs. The preview stops there: the live database was only
read. A confirmation records every change the rows made to the copy, as the SQL
statements that made them, and replays them on the live database in one IMMEDIATE
transaction: the write lock is held for the replay only, all or nothing. If another
connection committed after the copy was taken (PRAGMA data_version tells), the replay
is not attempted and the import runs again, this time holding the write lock from before
the copy to the end, so that it completes however busy the database is (others wait
their turn: the busy timeout is longer than the longest allowed import,
tracker.database.DEFAULT_BUSY_TIMEOUT_MS).

PostgreSQL needs none of this: a transaction's writes there lock only the rows it writes,
and readers never wait, so the import runs in the request's own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from tracker.orm import db

T = TypeVar("T")

#: statements that change the copy, replayed on the live database on a confirmation
_CHANGES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "RELEASE", "ROLLBACK")


class LiveDatabaseChanged(Exception):
    """Another connection committed after the copy was taken: the replay would not match."""


@dataclass
class _Recorder:
    statements: list[tuple[str, Any, bool]] = field(default_factory=list)

    def __call__(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        words = statement.lstrip().split(None, 2)
        verb = words[0].upper() if words else ""
        if verb == "ROLLBACK" and (len(words) < 2 or words[1].upper() != "TO"):
            return  # the whole transaction's rollback: nothing to replay
        if verb in _CHANGES:
            self.statements.append((statement, parameters, many))


def sqlite_file() -> str | None:
    """The live database's file when it is a SQLite file, else None."""
    url = make_url(db.engine.url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return url.database


@contextmanager
def _copy_session(live: sqlite3.Connection) -> Iterator[tuple[Session, _Recorder]]:
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    live.backup(memory)
    memory.execute("PRAGMA foreign_keys=ON")
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    recorder = _Recorder()
    event.listen(engine, "before_cursor_execute", recorder)
    session = Session(bind=engine, autoflush=True)
    registry = db.session.registry
    had = registry.has()
    request_session = registry() if had else None
    registry.set(session)  # the services' db.session is the copy's while the rows run
    try:
        yield session, recorder
    finally:
        session.close()
        if request_session is not None:
            registry.set(request_session)
        else:
            registry.clear()
        engine.dispose()
        memory.close()


def run_on_copy(path: str, work: Callable[[], T], *, keep: Callable[[T], bool]) -> T:
    """Run `work` (which uses db.session) on a private copy of the SQLite file at `path`;
    when `keep(result)`, replay its changes on the live file in one transaction.

    The request's own session is left as it was. When other connections committed while
    `work` ran, it runs once more with the live database's write lock held throughout.
    """
    with db.engine.connect() as connection:  # every connection's, tracker.database
        timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar() / 1000
    for locked in (False, True):
        live = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        try:
            live.execute("PRAGMA foreign_keys=ON")
            if locked:
                live.execute("BEGIN IMMEDIATE")  # waits its turn, then no one commits meanwhile
            version = live.execute("PRAGMA data_version").fetchone()[0]
            with _copy_session(live) as (_session, recorder):
                result = work()
            if not keep(result):
                return result
            try:
                _replay(live, version, recorder.statements, locked=locked)
            except LiveDatabaseChanged:
                continue
            return result
        finally:
            if live.in_transaction:
                live.execute("ROLLBACK")
            live.close()
    raise AssertionError("unreachable: the locked run cannot meet a change")  # pragma: no cover


def _replay(
    live: sqlite3.Connection, version: int, statements: list[tuple[str, Any, bool]], *, locked: bool
) -> None:
    if not locked:
        live.execute("BEGIN IMMEDIATE")  # waits its turn (busy timeout), then holds the lock
    try:
        if live.execute("PRAGMA data_version").fetchone()[0] != version:
            raise LiveDatabaseChanged
        cursor = live.cursor()
        for statement, parameters, many in statements:
            if many:
                cursor.executemany(statement, parameters)
            else:
                cursor.execute(statement, parameters)
                if cursor.description is not None:
                    cursor.fetchall()  # INSERT ... RETURNING: read to the end
        live.execute("COMMIT")
    except BaseException:
        live.execute("ROLLBACK")
        raise
