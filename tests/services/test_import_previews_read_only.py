"""A preview of an import writes nothing and copies nothing (issue 14 #7): it reads the
records the file names and works out each row's outcome, on SQLite and PostgreSQL alike.
Real second connections and threads on the real test database; no sleeps."""

from __future__ import annotations

import re
import sqlite3
import threading
from datetime import date

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine, make_url

from tests.conftest import TEST_DATABASE_URL
from tracker.models import Body, Milestone, MilestoneKind
from tracker.orm import db
from tracker.services.spreadsheets import run_import

#: issue 14 #7: today's preview still runs the import's writes
WRITES_TODAY = pytest.mark.xfail(
    strict=True,
    reason="issue14#7: a preview runs the rows' writes (SQLite: on a copy of the file; "
    "PostgreSQL: in a transaction it rolls back, holding row locks)",
)
on_postgresql = TEST_DATABASE_URL.startswith("postgresql")
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|SAVEPOINT|RELEASE|BEGIN|CREATE|DROP)\b", re.I)


def _milestone_file(track_name: str, rows: int, *, first: tuple[int, str] | None = None) -> str:
    """`rows` new rounds of the track; `first` = (id, title) puts an update of an existing
    milestone first."""
    lines = ["id,title,kind,planned_on,track"]
    if first is not None:
        lines.append(f"{first[0]},{first[1]},round,2026-02-01,{track_name}")
    lines += [f",Раунд {n},round,2026-03-{1 + n % 28:02d},{track_name}" for n in range(rows)]
    return "\r\n".join(lines) + "\r\n"


def test_a_preview_sends_no_write_to_any_connection(make, officer) -> None:
    """Not to the live database, and not to a copy of it either: every statement any
    engine runs during the preview is a read."""
    track = make.track(name="ЕС–Казахстан: визовое упрощение")
    existing = make.milestone(track, title="Раунд 1", kind=MilestoneKind.ROUND)
    text = _milestone_file(track.name, 30, first=(existing.id, "Раунд 1 (Астана)"))
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        result = run_import("milestones", text, officer, confirm=False)
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert result.ok, result.rows
    assert (result.count("create"), result.count("update")) == (30, 1)
    assert statements, "the preview reads the records the file names"
    assert [s for s in statements if WRITES.match(s)] == []
    assert len(statements) < 30, "a few set-based reads, not one per row"
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 1


@pytest.mark.skipif(on_postgresql, reason="SQLite's one-writer lock; see the row-lock test")
def test_another_connection_writes_while_a_5000_row_preview_reads(make, officer) -> None:
    """While the preview is in its read phase, another connection (in another thread, with
    no patience at all: busy timeout 0) writes and commits."""
    track = make.track(name="Visa facilitation")
    body = make.body("Совет сотрудничества")
    path, body_id = make_url(db.engine.url).database, body.id
    outcome: list[str] = []

    def other_officer_saves() -> None:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute(
                "UPDATE bodies SET description = 'saved meanwhile' WHERE id = ?", [body_id]
            )
            other.execute("COMMIT")
            outcome.append("written")
        except sqlite3.OperationalError as error:
            outcome.append(str(error))
        finally:
            other.close()

    def in_the_read_phase(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not outcome and "FROM milestones" in statement:
            saver = threading.Thread(target=other_officer_saves)
            saver.start()
            saver.join(30)

    event.listen(db.engine, "after_cursor_execute", in_the_read_phase)
    try:
        result = run_import("milestones", _milestone_file(track.name, 5000), officer, confirm=False)
    finally:
        event.remove(db.engine, "after_cursor_execute", in_the_read_phase)
    assert outcome == ["written"]
    assert result.ok
    assert result.count("create") == 5000
    db.session.rollback()
    assert db.session.scalar(select(Milestone.id).limit(1)) is None
    db.session.expire_all()
    assert db.session.get(Body, body_id).description == "saved meanwhile"


@pytest.mark.skipif(not on_postgresql, reason="row locks: PostgreSQL (SQLite: the test above)")
def test_a_preview_holds_no_row_lock(make, officer) -> None:
    """At every statement of the preview, another transaction can lock the previewed row at
    once (FOR UPDATE NOWAIT fails if any other transaction holds a lock on it)."""
    track = make.track(name="Visa facilitation")
    existing = make.milestone(
        track, title="Round 1", kind=MilestoneKind.ROUND, planned_on=date(2026, 2, 1)
    )
    milestone_id = existing.id
    outcomes: list[str] = []
    previewing = threading.get_ident()
    engine = db.engine

    def lock_it_now() -> None:
        with engine.connect() as other:
            try:
                other.exec_driver_sql(
                    f"SELECT id FROM milestones WHERE id = {int(milestone_id)} FOR UPDATE NOWAIT"
                ).all()
                outcomes.append("locked by the other transaction")
            except Exception as error:  # psycopg's LockNotAvailable, wrapped
                outcomes.append(type(getattr(error, "orig", error)).__name__)
            finally:
                other.rollback()

    def at_each_statement(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if threading.get_ident() != previewing:
            return  # the prober's own statements
        prober = threading.Thread(target=lock_it_now)
        prober.start()
        prober.join(30)

    text = _milestone_file(track.name, 3, first=(milestone_id, "Round 1 in Astana"))
    event.listen(engine, "after_cursor_execute", at_each_statement)
    try:
        result = run_import("milestones", text, officer, confirm=False)
    finally:
        event.remove(engine, "after_cursor_execute", at_each_statement)
    assert result.ok and result.count("update") == 1
    assert outcomes, "probed during the preview"
    assert set(outcomes) == {"locked by the other transaction"}


def test_a_preview_sees_what_the_rows_above_did_and_what_is_stored(make, officer) -> None:
    """Duplicates within the file and against the database, worked out without writing:
    a round number taken by a stored round or by a row above is refused; a row naming the
    same new milestone as a row above (its natural key) finds it; unnumbered rounds take
    the next numbers after the stored and the file's ones."""
    track = make.track(name="Visa facilitation")
    make.milestone(track, title="Round 1", kind=MilestoneKind.ROUND, number=1)
    text = "\r\n".join(
        [
            "title,kind,planned_on,track,number",
            "Round 2,round,2026-04-01,VISA FACILITATION,2",
            "Round 2 again,round,2026-04-02,Visa facilitation,2",
            "Round one more,round,2026-04-03,Visa facilitation,1",
            "Round 2,round,2026-04-01,Visa facilitation,2",
            "Round 3,round,2026-05-01,Visa facilitation,",
        ]
    )
    result = run_import("milestones", text, officer, confirm=False)
    outcomes = [(r.action, [str(m) for _, m in r.errors]) for r in result.rows]
    assert outcomes == [
        ("create", []),
        ("", ["Number 2 is already taken in this track's rounds."]),
        ("", ["Number 1 is already taken in this track's rounds."]),
        ("unchanged", []),
        ("create", []),
    ]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 1
