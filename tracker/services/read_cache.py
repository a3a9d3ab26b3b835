"""A short-lived cache of what one reader's page shows, per process, dropped by any
committed write that could change it (issue 19 #3: "short-lived caching of per-reader
counts only where measured to help and invalidated by the services"; measured in
bench/results.md, session 11).

What is cached is computed from the database as of a *generation*: a number bumped after
every commit that wrote to a table a page shows (any table but those written by reading
or by the mail and audit machinery, WRITES_THAT_CHANGE_NO_PAGE). The generation is read
before an entry is computed, so an entry computed while a write commits is kept under the
old number and never served after the bump. The bump happens after the commit (when the
connection goes back to the pool), never before it: a reader that saw a new number before
the data would cache the old data under it.

Several workers: each keeps its own entries (no new server), and a bump in one is seen by
the others through a stamp file (config READ_CACHE_STAMP, by default instance/
read-cache-stamp): a write appends one byte, a read compares the file's size and inode
(one stat call). Entries also expire after READ_CACHE_SECONDS (default 30; 0 turns the
cache off), so a write made outside this app's engines (psql, another host) is seen within
that time. Several hosts would need the stamp in the database instead. The entries live in
a cachetools.TTLCache (the expiry and the cap on entries: a maintained library's, not ours);
this module adds only what decides staleness, the generation.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from cachetools import TTLCache
from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import Pool

from tracker.orm import db

T = TypeVar("T")

#: tables that reads and jobs write and no cached page shows: writes to them keep the cache
WRITES_THAT_CHANGE_NO_PAGE = frozenset(
    {
        "audit_events",
        "login_sessions",
        "failed_logins",
        "form_drafts",
        "outbox_messages",
        "weekly_reports",
        "api_tokens",
        "calendar_feeds",
        "calendar_revisions",  # the feed's computed dates' SEQUENCE, written by reading it
        "follow_events",
    }
)
#: at most this many entries per app and process; the least recently used go first
MAX_ENTRIES = 1000
#: kept pages (remember_page): at most this many characters of HTML per app and process
#: (about 16-32 MB; a track page is 30-100 kB), the least recently used go first
MAX_PAGE_CHARS = 16_000_000
#: the connection's note that it wrote something a page shows, and that it committed it
_WROTE = "tracker_read_cache_wrote"
_COMMITTED = "tracker_read_cache_committed"
#: the connection's note that its open transaction wrote an audit row (an audited read)
_AUDITED = "tracker_read_cache_audited"

_lock = threading.Lock()
_process_generation = 0


def _bump() -> None:
    """A committed write changed what pages show: every entry computed before is stale."""
    global _process_generation
    with _lock:
        _process_generation += 1
    for stamp in _stamps:
        try:
            with open(stamp, "ab") as file:  # one byte appended: the size grows at each bump
                file.write(b".")
            if stamp.stat().st_size > 1_000_000:
                stamp.unlink(missing_ok=True)  # started afresh (another inode) now and then
        except OSError:
            pass  # the other workers' entries then expire with READ_CACHE_SECONDS


#: the stamp files of the apps of this process (tests make many apps; production one)
_stamps: set[Path] = set()


def _after_cursor_execute(
    conn: Connection, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
) -> None:
    if context is None or not (context.isinsert or context.isupdate or context.isdelete):
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            conn.info[_WROTE] = True  # a text() write: its table unknown, so assume it matters
        return
    table = getattr(getattr(context.compiled, "statement", None), "table", None)
    name = getattr(table, "name", None)
    if name == "audit_events":  # an audited read: what it read is worked out at each read
        conn.info[_AUDITED] = True
    if name in WRITES_THAT_CHANGE_NO_PAGE or (name or "").startswith("search_"):
        return
    conn.info[_WROTE] = True


def _commit(conn: Connection) -> None:
    conn.info.pop(_AUDITED, None)
    if conn.info.pop(_WROTE, False):
        conn.info[_COMMITTED] = True


def _rollback(conn: Connection) -> None:
    conn.info.pop(_WROTE, None)
    conn.info.pop(_AUDITED, None)


def _checkin(dbapi_connection: Any, record: Any) -> None:
    # After the commit: the connection is back in the pool.
    if record is not None and record.info.pop(_COMMITTED, False):
        _bump()


def _listen() -> None:
    if event.contains(Engine, "after_cursor_execute", _after_cursor_execute):
        return
    event.listen(Engine, "after_cursor_execute", _after_cursor_execute)
    event.listen(Engine, "commit", _commit)
    event.listen(Engine, "rollback", _rollback)
    event.listen(Pool, "checkin", _checkin)


def init_app(app: Flask) -> None:
    """Give `app` its own entries and stamp file, and watch every engine's writes."""
    seconds = float(app.config["READ_CACHE_SECONDS"])
    stamp = app.config.get("READ_CACHE_STAMP") or str(Path(app.instance_path) / "read-cache-stamp")
    app.extensions["read_cache"] = _Entries(seconds, Path(stamp))
    app.extensions["read_cache_pages"] = _Entries(seconds, Path(stamp), MAX_PAGE_CHARS, _chars)
    _stamps.add(Path(stamp))
    _listen()


def generation() -> Hashable:
    """The current generation: this process's bumps and the stamp file's (the others')."""
    entries: _Entries = current_app.extensions["read_cache"]
    try:
        status = os.stat(entries.stamp)
        shared: tuple[int, int] = (status.st_ino, status.st_size)
    except OSError:
        shared = (0, 0)
    return (_process_generation, shared)


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned for `key` in this generation within the lifetime.

    `key` must name everything the value depends on besides the data (the reader, the
    day, the language). Nothing is kept when READ_CACHE_SECONDS is 0."""
    return _remember(current_app.extensions["read_cache"], key, compute)


def remember_page(key: Hashable, compute: Callable[[], tuple[str, ...]]) -> tuple[str, ...]:
    """As remember, for the rendered parts of a page (texts): kept apart from the other
    values, at most MAX_PAGE_CHARS characters of them per process, so that a few hundred
    pages cannot crowd out the counts nor take the worker's memory (tracker.web.kept)."""
    return _remember(current_app.extensions["read_cache_pages"], key, compute)


def _remember(entries: _Entries, key: Hashable, compute: Callable[[], T]) -> T:
    if entries.seconds <= 0 or _wrote_uncommitted():
        return compute()  # this transaction's own writes are not the others' to see
    current = generation()
    with _lock:
        found = entries.values.get(key)
    if found is not None and found[0] == current:
        return found[1]
    # One thread of the process works a key out at a time; the others wait for it and
    # take its value (under load, the threads that missed together did it each).
    with _lock:
        computing = entries.computing.setdefault(key, threading.Lock())
    try:
        with computing:
            current = generation()
            with _lock:
                found = entries.values.get(key)
            if found is not None and found[0] == current:
                return found[1]
            value = compute()
            if _wrote_uncommitted():  # it wrote (an audited read): worked out at each read
                return value
            # a value larger than the whole cache (getsizeof) is served, not kept
            with _lock, contextlib.suppress(ValueError):
                entries.values[key] = (current, value)
            return value
    finally:
        with _lock:
            if entries.computing.get(key) is computing:
                del entries.computing[key]


def _wrote_uncommitted() -> bool:
    """Whether the request's session wrote, in its open transaction, what pages show, or
    an audit row: a read that is audited (gate.audited_read, an administrator's read of a
    restricted record) must be audited at each read, so what it worked out is not kept."""
    session = db.session()
    if session.new or session.dirty or session.deleted:
        return True
    if not session.in_transaction():
        return False
    info = session.connection().info
    return bool(info.get(_WROTE) or info.get(_AUDITED))


def _chars(entry: tuple[Hashable, tuple[str, ...]]) -> int:
    """A kept page's size for its cache: its parts' characters (at least 1)."""
    return max(1, sum(len(part) for part in entry[1]))


class _Entries:
    def __init__(
        self,
        seconds: float,
        stamp: Path,
        maxsize: int = MAX_ENTRIES,
        getsizeof: Callable[[Any], int] | None = None,
    ) -> None:
        self.seconds = seconds
        self.stamp = stamp
        #: key -> (the generation it was computed in, the value); expired by the cache
        self.values: TTLCache[Hashable, tuple[Hashable, Any]] = TTLCache(
            maxsize=maxsize, ttl=max(seconds, 0.001), timer=time.monotonic, getsizeof=getsizeof
        )
        #: key -> the lock of the thread working it out now
        self.computing: dict[Hashable, threading.Lock] = {}
