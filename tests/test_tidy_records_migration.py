"""The migration of tidy records (f7c2a9e1b461, issue #15 item 7) adds the cancellation of
action items and the archiving of tracks and agreements as plain columns, on SQLite and
(with TRACKER_TEST_DATABASE_URL) PostgreSQL: the rows already there stay, current (not
cancelled, not archived), and the downgrade drops the columns without touching a row that
the tables' cascades reach."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from tests.migration_rows import row_counts as _counts
from tests.migration_rows import rows as _rows
from tests.test_casefold_migration import (  # noqa: F401  (scratch_url is a fixture)
    _app,
    _insert_old_rows,
    scratch_url,
)
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "e17d4c2a9b51"  # our side and cross-references, the revision before
AFTER = "f7c2a9e1b461"
NEW = {
    "action_items": {"cancelled_on", "cancel_reason"},
    "negotiation_tracks": {"archived_on", "archive_reason", "archived_by_id"},
    "agreements": {"archived_on", "archive_reason", "archived_by_id"},
}


def _columns(table: str) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns(table)}


def test_the_upgrade_keeps_every_row_current_and_the_downgrade_keeps_the_rows(
    scratch_url,  # noqa: F811
) -> None:
    app = _app(scratch_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert_old_rows(["Cooperation Council"])
        for statement in (
            "INSERT INTO action_items (id, meeting_id, title, status, version, notes, due_on, "
            "created_at, updated_at) VALUES (1, 1, 'Send the draft', 'open', 1, '', "
            "'2026-02-20', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            "INSERT INTO ratifications (id, agreement_id, party_id, version) VALUES (1, 1, 1, 1)",
        ):
            db.session.execute(text(statement))
        db.session.commit()
        before = _counts()
        db.session.remove()

        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        for table, columns in NEW.items():
            assert columns <= _columns(table), table
        assert _rows("SELECT id, cancelled_on, cancel_reason FROM action_items") == [(1, None, "")]
        for table in ("negotiation_tracks", "agreements"):
            assert _rows(f"SELECT archived_on, archive_reason, archived_by_id FROM {table}") == [
                (None, "", None)
            ]
        assert _counts() == before
        db.session.remove()

        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        for table, columns in NEW.items():
            assert not columns & _columns(table), table
        assert _counts() == before
        db.session.remove()
        db.engine.dispose()
