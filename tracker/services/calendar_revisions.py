"""The stored revision of each computed date an agreement's calendar feed serves (h16h #1).

A computed event (entry into force, a term's end, the last day for notice, a Party's
denunciation taking effect, ...) has no row of its own, so its SEQUENCE and LAST-MODIFIED
are kept in CalendarRevision: SEQUENCE is 0 when the date is first served and one more each
time its date or its basis changes (RFC 5545 3.8.7.4: it only grows; a client ignores an
update whose SEQUENCE is lower than the one it holds), and `revised_at` is when that was.

The feed's GET writes these rows (as other reads write their audit rows; the request
commits them). Two readers of the same feed at once are safe on PostgreSQL and SQLite:
a new row is inserted with ON CONFLICT DO NOTHING (the loser of the race takes the
winner's row), and a change is an UPDATE guarded by the values it read (compare and set:
the loser of that race re-reads and bumps only if its values still differ), so neither
fails on the unique key nor counts one change twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tracker.models import CalendarRevision
from tracker.orm import db

_INSERTS = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}
#: how many times a reader that lost a compare-and-set race reads again before it gives up
#: and serves the stored revision (another reader keeps moving the same date meanwhile)
_RETRIES = 3


@dataclass(frozen=True)
class Key:
    """A computed date's place: its kind, and the id of the Party it is for (0: the
    agreement's own date)."""

    kind: str
    party_key: int


@dataclass(frozen=True)
class Served:
    """What a computed date is served as: its date and basis (the English sentence)."""

    on: date
    basis: str


@dataclass(frozen=True)
class Revision:
    """A computed event's SEQUENCE and the moment its date or basis last changed."""

    sequence: int
    revised_at: datetime


Row = tuple[date, str, int, datetime]


def _stored(agreement_id: int) -> dict[Key, Row]:
    """The agreement's stored revisions: (on, basis, sequence, revised_at) by Key."""
    table = CalendarRevision.__table__
    rows = db.session.execute(
        select(
            table.c.kind,
            table.c.party_key,
            table.c.on,
            table.c.basis,
            table.c.sequence,
            table.c.revised_at,
        ).where(table.c.agreement_id == agreement_id)
    )
    return {Key(r.kind, r.party_key): (r.on, r.basis, r.sequence, r.revised_at) for r in rows}


def _read_one(agreement_id: int, key: Key) -> Row | None:
    table = CalendarRevision.__table__
    row = db.session.execute(
        select(table.c.on, table.c.basis, table.c.sequence, table.c.revised_at).where(
            table.c.agreement_id == agreement_id,
            table.c.kind == key.kind,
            table.c.party_key == key.party_key,
        )
    ).first()
    return None if row is None else (row.on, row.basis, row.sequence, row.revised_at)


def _insert_new(agreement_id: int, key: Key, served: Served, now: datetime) -> bool:
    """Store the first revision; False when another reader stored one first."""
    table = CalendarRevision.__table__
    statement = (
        _INSERTS[db.session.get_bind().dialect.name](table)
        .values(
            agreement_id=agreement_id,
            kind=key.kind,
            party_key=key.party_key,
            on=served.on,
            basis=served.basis,
            sequence=0,
            revised_at=now,
        )
        .on_conflict_do_nothing(index_elements=["agreement_id", "kind", "party_key"])
        .returning(table.c.id)  # a row back when inserted (rowcount is -1 on psycopg here)
    )
    return db.session.execute(statement).first() is not None


def _bump(agreement_id: int, key: Key, seen: Row, served: Served, now: datetime) -> bool:
    """Move the stored revision from `seen` to `served`, one SEQUENCE up; False when
    another reader changed it since `seen` was read (nothing written then)."""
    table = CalendarRevision.__table__
    result: Any = db.session.execute(
        update(table)
        .where(
            table.c.agreement_id == agreement_id,
            table.c.kind == key.kind,
            table.c.party_key == key.party_key,
            table.c.on == seen[0],
            table.c.basis == seen[1],
            table.c.sequence == seen[2],
        )
        .values(on=served.on, basis=served.basis, sequence=seen[2] + 1, revised_at=now)
    )
    return bool(result.rowcount)


def _revise(
    agreement_id: int, key: Key, served: Served, seen: Row | None, now: datetime
) -> Revision:
    for _ in range(_RETRIES):
        if seen is None:
            if _insert_new(agreement_id, key, served, now):
                return Revision(0, now)
        elif (seen[0], seen[1]) == (served.on, served.basis):
            return Revision(seen[2], seen[3])
        elif _bump(agreement_id, key, seen, served, now):
            return Revision(seen[2] + 1, now)
        seen = _read_one(agreement_id, key)  # another reader wrote it meanwhile
    if seen is None:  # pragma: no cover (inserted, then deleted by another, three times)
        return Revision(0, now)
    return Revision(seen[2], seen[3])


def revisions(
    agreement_id: int, served: Sequence[tuple[Key, Served]], *, now: datetime
) -> dict[Key, Revision]:
    """The revision of each computed date of the agreement `agreement_id` as `served` now
    (each Key once), storing what is new or changed; `now` is the moment (UTC) stamped on
    a change. Flushes nothing through the ORM: Core statements in the session's
    transaction, which the request commits."""
    stored = _stored(agreement_id)
    return {key: _revise(agreement_id, key, value, stored.get(key), now) for key, value in served}
