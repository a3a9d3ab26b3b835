"""The migration to party actions (issue 16 #1) turns every date of the old ratification
rows into an act, loses none, keeps expected_by; and its downgrade puts the matrix back.
On SQLite and (with TRACKER_TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import TEST_DATABASE_URL
from tracker import create_app
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "e1f4b6c8d0a2"  # the revision before party actions
AFTER = "e16a0c1d2b3f"


def _databases() -> list[str]:
    return ["sqlite", "postgresql"] if TEST_DATABASE_URL.startswith("postgresql") else ["sqlite"]


@pytest.fixture(params=_databases())
def scratch_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'actions.db'}"
        return
    url = make_url(TEST_DATABASE_URL)
    name = f"{url.database}_actions"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


#: (party id, signed, notified, deposited, provisionally applied, expected by)
OLD_ROWS = [
    (1, "2015-12-21", "2019-12-20", None, "2016-05-01", None),
    (2, "2015-12-21", None, "2017-03-01", None, "2026-06-30"),
    (3, None, None, None, None, "2026-12-31"),
]


def _insert_old_rows() -> None:
    statements = [
        "INSERT INTO parties (id, name, name_key, short_name, kind) VALUES "
        "(1, 'European Union', 'european union', 'EU', 'organisation'), "
        "(2, 'Kazakhstan', 'kazakhstan', 'KZ', 'state'), "
        "(3, 'Croatia', 'croatia', 'HR', 'state')",
        "INSERT INTO agreements (id, title, title_key, search_key, short_title, kind, status, "
        "signed_at, summary, reference_url, version, created_at, updated_at) VALUES "
        "(1, 'EPCA', 'epca', 'epca', 'EPCA', 'bilateral', 'in_force', 'Astana', '', '', 1, "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    ]
    for n, (party, signed, notified, deposited, applied, expected) in enumerate(OLD_ROWS, 1):
        values = ", ".join(
            "NULL" if v is None else f"'{v}'"
            for v in (signed, notified, deposited, applied, expected)
        )
        statements.append(
            "INSERT INTO ratifications (id, agreement_id, party_id, signed_on, notified_on, "
            f"deposited_on, provisionally_applied_on, expected_by, version) VALUES "
            f"({n}, 1, {party}, {values}, 1)"
        )
    for statement in statements:
        db.session.execute(text(statement))
    db.session.commit()


def _old_matrix() -> list[tuple]:
    rows = db.session.execute(
        text(
            "SELECT party_id, signed_on, notified_on, deposited_on, provisionally_applied_on, "
            "expected_by FROM ratifications ORDER BY party_id"
        )
    ).all()
    return [(row[0], *(None if v is None else str(v) for v in row[1:])) for row in rows]


def test_the_dates_become_acts_without_loss_and_come_back_on_downgrade(scratch_url) -> None:
    app = create_app({"DATABASE_URL": scratch_url, "SECRET_KEY": "x", "SCHEDULER": "off"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert_old_rows()
        before = _old_matrix()
        assert before == [tuple(r) for r in OLD_ROWS]
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR), revision=AFTER)

        acts = db.session.execute(
            text('SELECT party_id, kind, "on" FROM party_actions ORDER BY party_id, kind')
        ).all()
        assert [(p, k, str(d)) for p, k, d in acts] == [
            (1, "notification_of_completion", "2019-12-20"),
            (1, "provisional_application", "2016-05-01"),
            (1, "signature_subject_to_ratification", "2015-12-21"),
            (2, "ratification", "2017-03-01"),
            (2, "signature_subject_to_ratification", "2015-12-21"),
        ]
        kept = db.session.execute(
            text("SELECT party_id, expected_by FROM ratifications ORDER BY party_id")
        ).all()
        assert [(p, None if d is None else str(d)) for p, d in kept] == [
            (1, None),
            (2, "2026-06-30"),
            (3, "2026-12-31"),
        ]
        # the row's derived matrix reads the same dates through the model
        from sqlalchemy.orm import defer, joinedload, selectinload

        from tracker.models import Party, PartyAction, Ratification

        # (without the columns later revisions add: this is the schema of AFTER)
        names = (defer(Party.name_ru), defer(Party.name_kk))
        later = (
            defer(Ratification.side),
            joinedload(Ratification.party).options(*names),
            selectinload(Ratification.actions).options(
                defer(PartyAction.objects_to_id),
                joinedload(PartyAction.party).options(*names),
            ),
        )
        query = db.select(Ratification).options(*later)
        rows = {r.party_id: r for r in db.session.scalars(query)}
        # a row's steps name its Party in each language (Party.named): the names that
        # schema has not got yet are empty, as the later revision makes them
        from sqlalchemy.orm.attributes import set_committed_value

        for row in rows.values():
            for party in {row.party, *(a.party for a in row.actions)}:
                set_committed_value(party, "name_ru", "")
                set_committed_value(party, "name_kk", "")
        assert rows[1].notified_on.isoformat() == "2019-12-20" and rows[1].is_ratified
        assert rows[2].deposited_on.isoformat() == "2017-03-01" and rows[2].is_ratified
        assert not rows[3].is_ratified and rows[3].signed_on is None
        db.session.remove()

        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        assert _old_matrix() == before
        db.session.remove()
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR))  # and up again, to head
        count = db.session.scalar(text("SELECT COUNT(*) FROM party_actions"))
        assert count == 5
        db.session.remove()
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)  # from head, all the way
        assert _old_matrix() == before
        db.session.remove()
        db.engine.dispose()
