"""The migration that adds folded keys fills them for the rows already there, and stops,
naming them, when two existing names differ only by case (issue 14 #5)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import TEST_DATABASE_URL
from tracker import create_app
from tracker.database import MIGRATIONS_DIR
from tracker.orm import db

BEFORE = "c4d82f6a1e97"  # the revision before the folded keys


def _databases() -> list[str]:
    return ["sqlite", "postgresql"] if TEST_DATABASE_URL.startswith("postgresql") else ["sqlite"]


@pytest.fixture(params=_databases())
def scratch_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'upgrade.db'}"
        return
    url = make_url(TEST_DATABASE_URL)
    name = f"{url.database}_upgrade"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _insert_old_rows(bodies: list[str]) -> None:
    statements = [
        "INSERT INTO users (id, email, name, role, password_hash, active, created_at, "
        "reminders_enabled, reminder_lead_days, weekly_report_enabled) VALUES "
        "(1, 'Ерлан@МИД.kz', 'Ерлан', 'officer', 'x', true, '2026-01-01 00:00:00', true, "
        "'30', true)",
        "INSERT INTO parties (id, name, short_name, kind) VALUES (1, 'Қазақстан', '', 'state')",
        "INSERT INTO agreements (id, title, short_title, kind, status, signed_at, summary, "
        "reference_url, version, created_at, updated_at) VALUES (1, 'Соглашение о "
        "партнёрстве', 'СРПС', 'bilateral', 'draft', '', 'Ынтымақтастық', '', 1, "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
        "INSERT INTO agreement_areas (id, agreement_id, position, name, status_note, version) "
        "VALUES (1, 1, 1, 'Энергетика', '', 1)",
        "INSERT INTO negotiation_tracks (id, name, description, status, status_since, "
        "next_step, classification, version, created_at, updated_at) VALUES (1, "
        "'ЕС–Казахстан: визовое упрощение', '', 'launched', '2025-12-02', 'Раунд 2', "
        "'public', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
        "INSERT INTO milestones (id, track_id, title, kind, planned_on, date_precision, "
        "location, outcome, notes, version, created_at, updated_at) VALUES (1, 1, 'Раунд 1', "
        "'round', '2026-02-10', 'day', 'Астана', '', '', 1, '2026-01-01 00:00:00', "
        "'2026-01-01 00:00:00')",
    ]
    statements += [
        f"INSERT INTO bodies (id, name, short_name, description, version) VALUES "
        f"({n}, '{name}', '', '', 1)"
        for n, name in enumerate(bodies, start=1)
    ]
    for statement in statements:
        db.session.execute(text(statement))
    db.session.commit()


def _app(url: str):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "x", "SCHEDULER": "off"})


def test_the_upgrade_folds_the_names_already_there(scratch_url) -> None:
    app = _app(scratch_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert_old_rows(["Совет сотрудничества ЕС–Казахстан"])
        upgrade(directory=str(MIGRATIONS_DIR))
        row = db.session.execute(
            text(
                "SELECT u.email_key, p.name_key, b.name_key, a.title_key, a.search_key, "
                "ar.name_key, t.name_key, t.search_key, m.search_key FROM users u, parties p, "
                "bodies b, agreements a, agreement_areas ar, negotiation_tracks t, milestones m"
            )
        ).one()
        assert tuple(row) == (
            "ерлан@мид.kz",
            "қазақстан",
            "совет сотрудничества ес–казахстан",
            "соглашение о партнёрстве",
            "соглашение о партнёрстве\nсрпс\nынтымақтастық",
            "энергетика",
            "ес–казахстан: визовое упрощение",
            "ес–казахстан: визовое упрощение\nраунд 2\n",
            "раунд 1\nастана\n",
        )
        db.session.remove()
        db.engine.dispose()


def test_the_upgrade_stops_on_names_that_differ_only_by_case(scratch_url, capfd) -> None:
    app = _app(scratch_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        _insert_old_rows(["Совет сотрудничества", "СОВЕТ СОТРУДНИЧЕСТВА"])
        with pytest.raises(SystemExit):
            upgrade(directory=str(MIGRATIONS_DIR))
        said = capfd.readouterr().err
        assert "“СОВЕТ СОТРУДНИЧЕСТВА” (id 2) is “Совет сотрудничества” (id 1)" in said
        db.session.remove()
        revision = db.session.scalar(text("SELECT version_num FROM alembic_version"))
        assert revision == BEFORE  # nothing changed: rename one, then upgrade again
        db.session.remove()
        db.engine.dispose()
