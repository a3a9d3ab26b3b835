"""The migration that lets an objection name the reservation it objects to (issue 16,
found by a fresh check): every row is kept through upgrade and downgrade (on SQLite the
table is re-created in batch mode, which is safe only because no table refers to
party_actions), and the reference is ON DELETE SET NULL: removing the reservation keeps
the objection. On SQLite and (with TRACKER_TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.migration_rows import row_counts, rows
from tests.test_party_actions_migration import scratch_url  # noqa: F401 (a fixture)
from tracker import create_app
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "d9b3f7a1c5e3"  # main's head when the column was added
AFTER = "e16f2b8c4d61"
STAMP = "'2026-01-01 00:00:00'"


def _insert() -> None:
    statements = [
        "INSERT INTO parties (id, name, name_key, short_name, kind) VALUES "
        "(1, 'Atlantis', 'atlantis', '', 'state'), (2, 'Republic', 'republic', '', 'state')",
        "INSERT INTO agreements (id, title, title_key, search_key, short_title, kind, "
        "status, signed_at, summary, reference_url, version, created_at, updated_at) "
        f"VALUES (1, 'A1', 'a1', 'a1', 'A1', 'multilateral', 'in_force', '', '', '', 1, "
        f"{STAMP}, {STAMP})",
        "INSERT INTO ratifications (id, agreement_id, party_id, version) VALUES "
        "(1, 1, 1, 1), (2, 1, 2, 1)",
    ]
    for n, (party, kind) in enumerate(((1, "reservation"), (2, "objection"), (2, "signature")), 1):
        statements.append(
            "INSERT INTO party_actions (id, agreement_id, party_id, kind, instrument_ref, "
            "notification_ref, note, document_url, version, created_at, updated_at) VALUES "
            f"({n}, 1, {party}, '{kind}', '', '', '', '', 1, {STAMP}, {STAMP})"
        )
    for statement in statements:
        db.session.execute(text(statement))
    db.session.commit()


def test_the_rows_are_kept_and_a_removed_reservation_leaves_its_objection(
    scratch_url,  # noqa: F811
) -> None:
    app = create_app({"DATABASE_URL": scratch_url, "SECRET_KEY": "x", "SCHEDULER": "off"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert()
        counts = row_counts()
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        assert row_counts() == counts
        db.session.execute(text("UPDATE party_actions SET objects_to_id = 1 WHERE id = 2"))
        db.session.commit()
        db.session.remove()
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert row_counts() == counts
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        db.session.execute(text("UPDATE party_actions SET objects_to_id = 1 WHERE id = 2"))
        db.session.execute(text("DELETE FROM party_actions WHERE id = 1"))
        db.session.commit()
        assert rows("SELECT id, kind, objects_to_id FROM party_actions ORDER BY id") == [
            (2, "objection", None),
            (3, "signature", None),
        ]
        db.session.remove()
        db.engine.dispose()
