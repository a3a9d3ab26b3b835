"""Backups: a consistent SQLite copy, restored; PostgreSQL points to pg_dump.

These tests use their own SQLite app, so they run whichever database the suite is on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from tracker import create_app
from tracker.database import upgrade_to_head
from tracker.models import Milestone, NegotiationTrack, Position, Provision, ProvisionVersion
from tracker.orm import db
from tracker.services.demo import seed_demo_data


@pytest.fixture
def sqlite_app(tmp_path) -> Iterator[Flask]:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'live.db'}", "SECRET_KEY": "k"})
    with app.app_context():
        upgrade_to_head()
        yield app
        db.session.remove()
        db.engine.dispose()


def snapshot() -> dict[str, list[tuple]]:
    return {
        table.name: [
            tuple(row)
            for row in db.session.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in db.metadata.sorted_tables
    }


def test_backup_then_restore_finds_every_record(sqlite_app, tmp_path) -> None:
    runner = sqlite_app.test_cli_runner()
    seed_demo_data()
    db.session.commit()  # the services only flush: the test ends the request here
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 50

    result = runner.invoke(args=["backup", str(tmp_path / "tracker-backup.db")])
    assert result.exit_code == 0, result.output

    # Disaster: most of the data is gone (the negotiating text first: a round's frozen
    # text keeps its milestone from being deleted).
    for model in (ProvisionVersion, Position, Provision):
        db.session.query(model).delete()
    db.session.query(Milestone).delete()
    db.session.query(NegotiationTrack).delete()
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(NegotiationTrack)) == 0

    result = runner.invoke(args=["restore", str(tmp_path / "tracker-backup.db"), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert snapshot() == before


def test_backup_refuses_to_overwrite_and_restore_checks_the_file(sqlite_app, tmp_path) -> None:
    runner = sqlite_app.test_cli_runner()
    existing = tmp_path / "exists.db"
    existing.write_text("")
    result = runner.invoke(args=["backup", str(existing)])
    assert result.exit_code != 0 and "exists already" in result.output
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database" * 100)
    result = runner.invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0


def test_postgresql_backups_point_to_pg_dump(tmp_path) -> None:
    app = create_app(
        {"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none", "SECRET_KEY": "k"}
    )
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.dump")])
    assert result.exit_code != 0
    assert "pg_dump --format=custom" in result.output


def test_restore_rebuilds_the_search_index(sqlite_app, tmp_path) -> None:
    """A backup's index may lag its records (copied by an older version, or emptied):
    restore indexes the restored records again (issue 15 #1)."""
    from tracker.models import User
    from tracker.services import search_index
    from tracker.services.search import search

    runner = sqlite_app.test_cli_runner()
    seed_demo_data()
    search_index.clear()
    db.session.commit()
    result = runner.invoke(args=["backup", str(tmp_path / "no-index.db")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["restore", str(tmp_path / "no-index.db"), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    officer = db.session.scalar(select(User).where(User.email == "officer@example.org"))
    kinds = [g.kind for g in search(officer, "EPCA").groups]
    assert kinds[:2] == ["agreement", "track"]
