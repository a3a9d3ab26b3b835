"""The migrations that store milestones' liveness (f7c2a9d4b1e8), the month-days of
signatures, entries into force and launches (f7c2a9d4b1e9) and tracks' milestone counts
(f7c2a9d4b1ea) fill them from the rows already
there, on SQLite and (with TRACKER_TEST_DATABASE_URL) PostgreSQL, and their downgrades drop
them without touching the rows the tables' cascades reach."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.migration_rows import row_counts as _counts
from tests.migration_rows import rows as _rows
from tests.test_casefold_migration import (  # noqa: F401  (scratch_url is a fixture)
    _app,
    _insert_old_rows,
    scratch_url,
)
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "e16b7d4a9c21"  # the revision before the three
AFTER = "f7c2a9d4b1ea"


def test_the_upgrade_fills_liveness_and_month_days_and_the_downgrade_keeps_the_rows(
    scratch_url,  # noqa: F811
) -> None:
    app = _app(scratch_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert_old_rows(["Cooperation Council"])
        for statement in (
            # track 1 (launched, live) has milestone 1; track 2 is suspended
            "UPDATE negotiation_tracks SET launched_on = '2025-12-02' WHERE id = 1",
            "INSERT INTO negotiation_tracks (id, name, description, status, status_since, "
            "next_step, classification, version, created_at, updated_at, launched_on) VALUES "
            "(2, 'Readmission', '', 'suspended', '2026-01-05', '', 'public', 1, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '2024-02-29')",
            "INSERT INTO milestones (id, track_id, title, kind, planned_on, date_precision, "
            "location, outcome, notes, version, created_at, updated_at) VALUES (2, 2, "
            "'Round 1', 'round', '2026-02-10', 'day', '', '', '', 1, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00')",
            # agreement 1 terminated: its own milestone (no track) is not live
            "UPDATE agreements SET status = 'terminated', signed_on = '2015-12-21', "
            "in_force_on = '2020-03-01' WHERE id = 1",
            "INSERT INTO milestones (id, agreement_id, title, kind, planned_on, "
            "date_precision, location, outcome, notes, version, created_at, updated_at) VALUES "
            "(3, 1, 'Cooperation Council', 'meeting', '2026-02-10', 'day', '', '', '', 1, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            # rows the tables' cascades reach: a rebuilt table would lose them on SQLite
            "INSERT INTO action_items (id, meeting_id, title, status, version, notes, due_on, "
            "created_at, updated_at) VALUES (1, 3, 'Send the draft', 'open', 1, '', "
            "'2026-02-20', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            "INSERT INTO ratifications (id, agreement_id, party_id, version) VALUES (1, 1, 1, 1)",
        ):
            db.session.execute(text(statement))
        db.session.commit()
        before = _counts()
        db.session.remove()  # PostgreSQL: the counts' transaction would hold the ALTERs back

        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        assert _rows("SELECT id, live FROM milestones ORDER BY id") == [
            (1, True),
            (2, False),
            (3, False),
        ]
        assert _rows("SELECT signed_month_day, in_force_month_day FROM agreements") == [(1221, 301)]
        assert _rows("SELECT id, launched_month_day FROM negotiation_tracks ORDER BY id") == [
            (1, 1202),
            (2, 229),
        ]
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR))  # and on to head: every migration after them
        after = _counts()
        assert {t: after[t] for t in before} == before
        db.session.remove()

        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert _counts() == before
        db.session.remove()
        db.engine.dispose()
