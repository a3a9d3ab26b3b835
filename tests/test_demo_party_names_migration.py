"""A database created by an earlier `make run` gets the demo Parties' Russian and Kazakh
names (issue 16, found by a fresh check, task h16a): the demo loader runs on first start
only, so the migration after a16d0b2c4e6f fills Party.name_ru/name_kk where they are empty,
for the demo's Parties only (matched by English name and short name); a name someone typed
is kept, and another Party is left alone. On SQLite and (with TRACKER_TEST_DATABASE_URL)
PostgreSQL."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.migration_rows import rows
from tests.test_party_actions_migration import scratch_url  # noqa: F401 (a fixture)
from tracker import create_app
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "a16d0b2c4e6f"  # main's head when the demo Parties were named in three languages
AFTER = "b16a7d3e9c21"


def test_the_demo_parties_get_their_names_and_nothing_else_changes(
    scratch_url,  # noqa: F811
) -> None:
    app = create_app({"DATABASE_URL": scratch_url, "SECRET_KEY": "x", "SCHEDULER": "off"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        db.session.execute(
            text(
                "INSERT INTO parties (id, name, name_key, short_name, kind, name_ru, name_kk) "
                "VALUES (1, 'European Union', 'european union', 'EU', 'organisation', '', ''), "
                "(2, 'Kazakhstan', 'kazakhstan', 'KZ', 'state', 'Казахстан', ''), "
                "(3, 'EU Member States', 'eu member states', 'EU MS', 'group', '', ''), "
                "(4, 'Atlantis', 'atlantis', 'EU', 'state', '', '')"
            )
        )
        db.session.commit()
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        named = rows("SELECT id, name, short_name, name_ru, name_kk FROM parties ORDER BY id")
        assert named == [
            (1, "European Union", "EU", "Европейский союз", "Еуропалық Одақ"),
            (2, "Kazakhstan", "KZ", "Казахстан", "Қазақстан Республикасы"),
            (3, "EU Member States", "EU MS", "государства — члены ЕС", "ЕО мүше мемлекеттері"),
            (4, "Atlantis", "EU", "", ""),
        ]
        db.session.remove()
        # a data step: going down keeps the names (a typed name and a filled one look alike)
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert rows("SELECT id, name_ru FROM parties ORDER BY id")[0] == (1, "Европейский союз")
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)
        assert rows("SELECT id, name, short_name, name_ru, name_kk FROM parties ORDER BY id") == (
            named
        )
        db.session.remove()
        db.engine.dispose()


def test_the_migration_names_the_parties_as_the_demo_does() -> None:
    """The migration's names are the demo loader's (a later change to one is a change to
    both: the migration keeps its own copy, as a migration must)."""
    import importlib.util

    from tracker.services import demo

    path = next(MIGRATIONS_DIR.glob("versions/b16a7d3e9c21_*.py"))
    spec = importlib.util.spec_from_file_location("names_migration", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.DEMO_PARTY_NAMES == demo.DEMO_PARTY_NAMES
