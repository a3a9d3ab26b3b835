"""Imports never lock others out (issue 14 #7): a preview holds no write transaction, a
save made while another connection writes waits its turn, and a job that meets a busy
database retries. Real second connections and threads, on the real SQLite file."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tests.conftest import TEST_DATABASE_URL
from tests.web.test_spreadsheets import confirm_token, preview
from tracker.models import AuditEvent, Body, Milestone, MilestoneKind
from tracker.orm import db

#: for the tests of SQLite's one-writer lock, which they take on the test database's own
#: file; PostgreSQL has no such lock (it locks rows, and readers never wait), so there they
#: have nothing to test. The job's retry and the preview's reading run on both databases.
sqlite_lock = pytest.mark.skipif(
    TEST_DATABASE_URL.startswith("postgresql"),
    reason="SQLite's one-writer lock; PostgreSQL locks rows, and readers never wait",
)


def _database_file() -> str:
    return make_url(db.engine.url).database


def _milestone_file(track_name: str, rows: int) -> bytes:
    lines = ["title,kind,planned_on,track"]
    lines += [f"Раунд {n},round,2026-03-{1 + n % 28:02d},{track_name}" for n in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode()


def _try_to_write_now(path: str) -> str:
    """What a second officer's save meets: a write from another connection, at once."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE bodies SET description = description")
        other.execute("COMMIT")
        return "written"
    except sqlite3.OperationalError as error:
        return str(error)
    finally:
        other.close()


@sqlite_lock
def test_a_confirmation_writes_all_or_nothing_and_waits_for_a_writer(client, make, officer) -> None:
    make.track(name="Visa facilitation")
    client.login(officer)
    response = preview(client, "milestones", _milestone_file("Visa facilitation", 200))
    token = confirm_token(response)
    # Another connection is writing when the confirmation comes, and commits a moment later.
    holder = sqlite3.connect(_database_file(), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE users SET name = name")
    releases = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    releases.start()
    try:
        confirmed = client.submit("/import/milestones/confirm", {"content": token})
    finally:
        releases.join()
        holder.close()
    assert confirmed.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 200
    audited = (
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "milestone.created")
    )
    assert db.session.scalar(audited) == 200


@sqlite_lock
def test_a_save_waits_for_another_writer_longer_than_five_seconds(client, make, admin) -> None:
    """The busy timeout was 5 s: a save behind a longer write answered 500 "database is
    locked". Now every connection waits longer than the longest allowed import."""
    body = make.body("Совет сотрудничества")
    client.login(admin)
    page = client.get(f"/bodies/{body.id}/edit")
    assert page.status_code == 200
    holder = sqlite3.connect(_database_file(), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE users SET name = name")
    releases = threading.Timer(5.5, lambda: holder.execute("COMMIT"))
    releases.start()
    try:
        saved = client.submit(
            f"/bodies/{body.id}/edit",
            {"name": "Совет сотрудничества ЕС–Казахстан", "version": str(body.version)},
        )
    finally:
        releases.join()
        holder.close()
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(Body, body.id).name == "Совет сотрудничества ЕС–Казахстан"


def test_a_job_that_meets_a_busy_database_retries(tmp_path) -> None:
    from tracker import create_app
    from tracker.database import upgrade_to_head
    from tracker.jobs import JobSpec, run_job

    path = tmp_path / "busy.db"
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{path}",
            "SECRET_KEY": "x",
            "SCHEDULER": "off",
            "SQLITE_BUSY_TIMEOUT_MS": 50,
            "JOB_BUSY_RETRY_SECONDS": 0.05,
        }
    )
    with app.app_context():
        upgrade_to_head()

    def write_something(now: datetime) -> str:
        db.session.add(AuditEvent(action="test.job", object_type="Job", object_id=1, summary="ran"))
        db.session.flush()
        return "wrote one row"

    job = JobSpec("test-writer", "writes one row", lambda tz: None, write_something, 60)
    retrying = threading.Event()
    handler = logging.Handler()
    handler.emit = lambda record: retrying.set() if "busy" in record.getMessage() else None  # type: ignore[method-assign]
    app.logger.addHandler(handler)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE users SET name = name")
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["summary"] = run_job(app, job, datetime(2026, 1, 12, 6, 30, tzinfo=UTC))
        except Exception as error:  # the fault: the run fails and the day is skipped
            outcome["error"] = error

    runner = threading.Thread(target=run)
    runner.start()
    try:
        assert retrying.wait(15), f"no retry: {outcome}"
    finally:
        holder.execute("COMMIT")
        holder.close()
        runner.join(30)
        app.logger.removeHandler(handler)
    assert outcome == {"summary": "wrote one row"}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1
        db.engine.dispose()


def test_the_milestones_of_a_preview_are_read_as_the_file_says(client, make, officer) -> None:
    """The preview reads the live database: lookups and the natural key find what it has.
    (That a preview writes nothing and locks nothing: tests/services/
    test_import_previews_read_only.py.)"""
    track = make.track(name="Visa facilitation")
    make.milestone(track, title="Раунд 0", kind=MilestoneKind.ROUND, planned_on=date(2026, 3, 1))
    client.login(officer)
    response = preview(client, "milestones", _milestone_file("VISA FACILITATION", 3))
    assert "0 to add, 0 to change, 1 unchanged" not in response.get_data(as_text=True)
    assert "2 to add, 0 to change, 1 unchanged" in response.get_data(as_text=True)
