"""The migration that gives each Party row an explicit side (issue 16, found by a fresh
check, #2): the rows of a mixed agreement take the side the old derivation gave them (of
the one part: an organisation or a member of a group of Parties; of the other part: the
rest), other agreements' rows none; a Party named as a group it belongs to ("EU Member
States", the demo's placeholder) becomes a group of Parties shown as one, not counted.
Plain op.add_column: no row is lost (ratifications are referenced with ON DELETE
CASCADE). On SQLite and (with TRACKER_TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.test_party_actions_migration import scratch_url  # noqa: F401 (a fixture)
from tracker import create_app
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "d4e8a2c6f1b3"  # main's head when the sides were added
AFTER = "e16e5a7c3b92"


def _insert() -> None:
    statements = [
        "INSERT INTO parties (id, name, name_key, short_name, kind) VALUES "
        "(1, 'European Union', 'european union', 'EU', 'organisation'), "
        "(2, 'EU Member States', 'eu member states', 'EU MS', 'state'), "
        "(3, 'Kazakhstan', 'kazakhstan', 'KZ', 'state'), "
        "(4, 'Croatia', 'croatia', 'HR', 'state')",
        "INSERT INTO party_groups (id, name, version) VALUES (1, 'EU Member States', 1), "
        "(2, 'Balkans', 1)",
        "INSERT INTO party_group_members (group_id, party_id) VALUES (1, 2), (2, 4)",
    ]
    for n, kind in ((1, "mixed"), (2, "bilateral")):
        statements.append(
            "INSERT INTO agreements (id, title, title_key, search_key, short_title, kind, "
            "status, signed_at, summary, reference_url, version, created_at, updated_at) "
            f"VALUES ({n}, 'A{n}', 'a{n}', 'a{n}', 'A{n}', '{kind}', 'in_force', '', '', '', 1, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    for n, (agreement, party) in enumerate(((1, 1), (1, 2), (1, 3), (2, 3), (2, 4)), 1):
        statements.append(
            "INSERT INTO ratifications (id, agreement_id, party_id, version) VALUES "
            f"({n}, {agreement}, {party}, 1)"
        )
    statements.append(
        "INSERT INTO party_actions (agreement_id, party_id, kind, instrument_ref, "
        "notification_ref, note, document_url, version, created_at, updated_at) VALUES "
        "(1, 2, 'notification_of_completion', '', '', '', '', 1, '2026-01-01 00:00:00', "
        "'2026-01-01 00:00:00')"
    )
    for statement in statements:
        db.session.execute(text(statement))
    db.session.commit()


def _counts() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(text(f"SELECT COUNT(*) FROM {table}"))
        for table in ("ratifications", "party_actions", "parties")
    )


def _kinds() -> list[tuple[int, str]]:
    return [tuple(r) for r in db.session.execute(text("SELECT id, kind FROM parties ORDER BY id"))]


def test_existing_rows_take_the_derived_side_and_the_placeholder_becomes_a_group(
    scratch_url,  # noqa: F811
) -> None:
    app = create_app({"DATABASE_URL": scratch_url, "SECRET_KEY": "x", "SCHEDULER": "off"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert()
        counts, kinds = _counts(), _kinds()
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        sides = db.session.execute(text("SELECT id, side FROM ratifications ORDER BY id")).all()
        assert [tuple(r) for r in sides] == [
            (1, "one_part"),
            (2, "one_part"),
            (3, "other_part"),
            (4, None),
            (5, None),
        ]
        assert _kinds() == [(1, "organisation"), (2, "group"), (3, "state"), (4, "state")]
        assert _counts() == counts
        db.session.remove()
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert _kinds() == kinds
        assert _counts() == counts
        db.session.remove()
        db.engine.dispose()
