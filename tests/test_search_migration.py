"""The migration that makes the full-text index fills it from the records already there,
on SQLite and (with TRACKER_TEST_DATABASE_URL) PostgreSQL; its downgrade drops it."""

from __future__ import annotations

from datetime import date

from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from tests.test_casefold_migration import (  # noqa: F401  (scratch_url is a fixture)
    _app,
    _insert_old_rows,
    scratch_url,
)
from tracker.database import MIGRATIONS_DIR
from tracker.models import User
from tracker.orm import db
from tracker.services import search_index
from tracker.services.search import search

BEFORE = "e6a1d4b8c372"  # the revision before the index


def test_the_upgrade_indexes_the_records_already_there(scratch_url) -> None:  # noqa: F811
    app = _app(scratch_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert_old_rows(["Ынтымақтастық кеңесі"])
        upgrade(directory=str(MIGRATIONS_DIR))
        reader = db.session.scalar(select(User))
        found = {
            query: [(g.kind, [r.id for r in g.records]) for g in search(reader, query).groups]
            for query in ("СРПС", "визов", "раунд астана", "КЕҢЕС")
        }
        assert found == {
            "СРПС": [("agreement", [1])],
            "визов": [("track", [1])],
            "раунд астана": [("milestone", [1])],
            "КЕҢЕС": [("body", [1])],
        }
        db.session.rollback()
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert not search_index.index_exists()
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()


def test_the_list_fields_migration_indexes_them_for_the_records_already_there(
    scratch_url,  # noqa: F811
) -> None:
    """c19a3e5f7b20 (issue 19 #3): an index built before it lacks an agreement's summary,
    a track's next step and description, a milestone's outcome; the upgrade rebuilds it."""
    from tracker.domain.workflow import TrackStatus
    from tracker.models import Agreement, Milestone, MilestoneKind, NegotiationTrack, Role
    from tracker.services.search import words_begin

    app = _app(scratch_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="a15d5f0c7e21")
        track = NegotiationTrack(
            name="Caspian talks",
            next_step="Ұсыныс жіберу",
            description="Ихтиологи",
            status=TrackStatus.NEGOTIATING,
            status_since=date(2026, 1, 5),
        )
        db.session.add_all(
            [
                User(email="m@test.example", name="M", role=Role.ADMIN, password_hash="x"),
                Agreement(title="Sturgeon agreement", summary="Квоты вылова"),
                track,
                Milestone(
                    track=track,
                    title="Round",
                    kind=MilestoneKind.ROUND,
                    outcome="Хаттама келісілді",
                    planned_on=date(2026, 1, 20),
                ),
            ]
        )
        db.session.commit()
        search_index.clear()  # as an index built before the revision would lack them
        db.session.commit()
        upgrade(directory=str(MIGRATIONS_DIR))
        for kind, model, word in (
            ("agreement", Agreement, "квот"),
            ("track", NegotiationTrack, "ұсыныс"),
            ("track", NegotiationTrack, "ихтиолог"),
            ("milestone", Milestone, "хаттама"),
        ):
            assert db.session.scalars(select(model.id).where(words_begin(kind, word))).all(), word
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()
