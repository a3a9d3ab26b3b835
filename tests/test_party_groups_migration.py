"""The migration that makes each group of Parties belong to an agreement (issue 16, h16j):
an existing (global) group becomes one group of that name on each agreement with at least
one of its members as a Party, with all its members; the global rows go. A downgrade
merges the groups of one name back into one global group. No other row is touched. On
SQLite and (with TRACKER_TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.migration_rows import row_counts, rows
from tests.test_party_actions_migration import scratch_url  # noqa: F401 (a fixture)
from tracker import create_app
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "c19a4b7d2e10"  # the revision before the groups were made per agreement
AFTER = "e16j4a7b2c93"

GROUPS = (
    "SELECT a.short_title, g.name, p.name FROM party_groups g "
    "JOIN agreements a ON a.id = g.agreement_id "
    "JOIN party_group_members m ON m.group_id = g.id JOIN parties p ON p.id = m.party_id "
    "ORDER BY a.short_title, g.name, p.name"
)
GLOBAL_GROUPS = (
    "SELECT g.name, p.name FROM party_groups g "
    "JOIN party_group_members m ON m.group_id = g.id JOIN parties p ON p.id = m.party_id "
    "ORDER BY g.name, p.name"
)


def _insert() -> None:
    statements = [
        "INSERT INTO parties (id, name, name_key, short_name, kind) VALUES "
        "(1, 'European Union', 'european union', 'EU', 'organisation'), "
        "(2, 'Mongolia', 'mongolia', '', 'state'), "
        "(3, 'France', 'france', '', 'state'), "
        "(4, 'Japan', 'japan', '', 'state'), "
        "(5, 'Atlantis', 'atlantis', '', 'state')",
        "INSERT INTO party_groups (id, name, version) VALUES (1, 'Observer States', 1), "
        "(2, 'EU Member States', 3), (3, 'Lost', 1)",
        "INSERT INTO party_group_members (group_id, party_id) VALUES (1, 2), (2, 3), (2, 5), "
        "(3, 5)",
    ]
    for n, (short, kind) in enumerate((("TMM", "mixed"), ("CBTC", "multilateral")), 1):
        statements.append(
            "INSERT INTO agreements (id, title, title_key, search_key, short_title, kind, "
            "status, signed_at, summary, reference_url, version, created_at, updated_at) "
            f"VALUES ({n}, '{short}', '{short.lower()}', '{short.lower()}', '{short}', "
            f"'{kind}', 'in_force', '', '', '', 1, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00')"
        )
    # TMM: the Union, Mongolia and France; CBTC: Mongolia and Japan
    for n, (agreement, party) in enumerate(((1, 1), (1, 2), (1, 3), (2, 2), (2, 4)), 1):
        statements.append(
            "INSERT INTO ratifications (id, agreement_id, party_id, version) VALUES "
            f"({n}, {agreement}, {party}, 1)"
        )
    for statement in statements:
        db.session.execute(text(statement))
    db.session.commit()


def test_each_group_goes_to_the_agreements_of_its_members(scratch_url) -> None:  # noqa: F811
    app = create_app({"DATABASE_URL": scratch_url, "SECRET_KEY": "x", "SCHEDULER": "off"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert()
        counts = row_counts()
        before = rows(GLOBAL_GROUPS)
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        assert rows(GROUPS) == [
            ("CBTC", "Observer States", "Mongolia"),
            ("TMM", "EU Member States", "Atlantis"),
            ("TMM", "EU Member States", "France"),
            ("TMM", "Observer States", "Mongolia"),
        ]  # "Lost": no member is a Party to any agreement
        after = row_counts()
        assert after.pop("party_groups") == 3 and after.pop("party_group_members") == 4
        assert after == {k: v for k, v in counts.items() if not k.startswith("party_group")}
        # one name per agreement; the same name on two agreements
        with pytest.raises(Exception, match="(?i)unique"):
            db.session.execute(
                text("INSERT INTO party_groups (agreement_id, name) VALUES (1, 'Observer States')")
            )
        db.session.rollback()
        db.session.execute(
            text("INSERT INTO party_groups (agreement_id, name) VALUES (2, 'EU Member States')")
        )
        db.session.execute(text("DELETE FROM agreements WHERE id = 2"))  # its groups go too
        assert rows("SELECT name FROM party_groups WHERE agreement_id = 2") == []
        db.session.rollback()
        db.session.remove()
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert rows(GLOBAL_GROUPS) == [r for r in before if r[0] != "Lost"]
        db.session.remove()
        db.engine.dispose()
