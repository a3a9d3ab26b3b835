"""An agreement file is confirmed in bulk (issue 14 #7, issue 19 #4), as milestone files
are: the write lock is held for a few set-based statements, not for one service save per
row (5,000 new agreements took about 30 s under SQLite's write lock, and another officer's
save waited that long), and the outcome equals the same rows saved one by one through the
agreement service: agreements, their parties' rows and acts, areas, audit entries, follow
events, the full-text index and versions.

Real second connections and threads on the real test database; no sleeps, and no timed
assertion: how long the lock is held is bounded by the statements run while holding it."""

from __future__ import annotations

import re
import sqlite3
import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from tests.conftest import TEST_DATABASE_URL
from tracker.database import busy_timeout_ms
from tracker.models import (
    Agreement,
    AgreementArea,
    AuditEvent,
    Body,
    Follow,
    FollowEvent,
    Party,
    PartyAction,
    Ratification,
    User,
)
from tracker.models.search import index_table
from tracker.orm import db
from tracker.services import agreements as service
from tracker.services.spreadsheets import MAX_ROWS, run_import
from tracker.services.spreadsheets.agreement_rows import AgreementPlan
from tracker.services.spreadsheets.milestone_rows import MilestonePlan

MOMENT = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)
on_sqlite = not TEST_DATABASE_URL.startswith("postgresql")

#: the statements that write, or take SQLite's write lock (PostgreSQL's turn-taking
#: advisory lock blocks no other writer, so it does not count)
WRITING = re.compile(r"^\s*(BEGIN IMMEDIATE|INSERT|UPDATE|DELETE)\b", re.I)

#: statements a confirmation may run once it writes: set-based statements, each over pages
#: of rows (SQLAlchemy's insertmanyvalues pages, the full-text index's 500 ids), so one
#: per 50 rows of the file is generous; saving each row through the service ran several
#: per row
STATEMENTS_PER_ROW_AT_MOST = 1 / 50


def _agreement_file(rows: int) -> str:
    lines = ["title,short_title,kind,status,signed_on,parties,areas"]
    lines += [
        f"Соглашение № {n},С-{n},bilateral,signed,2015-12-21,EU;Kazakhstan,Торговля;Energy"
        for n in range(rows)
    ]
    return "\r\n".join(lines) + "\r\n"


def _write_now(path: str, timeout: float) -> str:
    """Another officer's save, from another connection, waiting at most `timeout` s."""
    other = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE bodies SET description = 'saved meanwhile'")
        other.execute("COMMIT")
        return "written"
    except sqlite3.OperationalError as error:
        return str(error)
    finally:
        other.close()


def test_a_5000_row_agreement_file_holds_the_write_lock_for_a_few_statements(make, officer) -> None:
    """The documented maximum, 5,000 new agreements with two parties and two areas each.
    While the confirmation works the rows out, another connection with no patience at all
    writes at once (SQLite); once it writes, it runs a few set-based statements, so a save
    that comes then waits for those only, and succeeds with the app's busy timeout."""
    make.party("EU")
    make.party("Kazakhstan")
    make.body("Совет сотрудничества")
    importing, engine = threading.get_ident(), db.engine
    path = make_url(engine.url).database if on_sqlite else ""
    while_reading: list[str] = []
    while_writing: list[str] = []
    writing: list[str] = []
    savers: list[threading.Thread] = []
    patience = busy_timeout_ms() / 1000  # every connection's, longer than any import

    def save_meanwhile() -> None:
        while_writing.append(_write_now(path, patience))

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if threading.get_ident() != importing:
            return
        if not writing and WRITING.match(statement):
            if on_sqlite:  # the save comes as the confirmation takes the write lock
                savers.append(threading.Thread(target=save_meanwhile))
                savers[0].start()
            writing.append(statement)
        elif writing:
            writing.append(statement)
        elif on_sqlite and not while_reading and "FROM agreements" in statement:
            reader = threading.Thread(target=lambda: while_reading.append(_write_now(path, 0)))
            reader.start()
            reader.join(30)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        result = run_import("agreements", _agreement_file(MAX_ROWS), officer, confirm=True)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    db.session.commit()
    for saver in savers:
        saver.join(patience)
    assert result.ok, result.file_errors
    assert result.count("create") == MAX_ROWS
    if on_sqlite:
        assert while_reading == ["written"]
        assert while_writing == ["written"]
    assert 0 < len(writing) <= MAX_ROWS * STATEMENTS_PER_ROW_AT_MOST, len(writing)
    assert db.session.scalar(select(func.count()).select_from(Agreement)) == MAX_ROWS
    assert db.session.scalar(select(func.count()).select_from(Ratification)) == 2 * MAX_ROWS
    assert db.session.scalar(select(func.count()).select_from(AgreementArea)) == 2 * MAX_ROWS
    created = select(func.count()).where(AuditEvent.action == "agreement.created")
    assert db.session.scalar(created) == MAX_ROWS
    if on_sqlite:
        assert db.session.scalar(select(Body.description)) == "saved meanwhile"


# --- the same outcome as saving the rows one by one ---------------------------------------

#: new rows of these tables get ids relative to the first new one (PostgreSQL's sequences
#: do not roll back); rows of the other tables keep theirs
NEW_IDS = (Agreement, Ratification, AgreementArea, PartyAction, AuditEvent, FollowEvent)


def _capture(before: dict[str, int]) -> dict[str, Any]:
    """Every row of the tables an agreement save touches, with new ids made relative."""
    db.session.flush()
    captured: dict[str, list[dict[str, Any]]] = {}
    for model in NEW_IDS:
        table = model.__table__
        rows = db.session.execute(select(table).order_by(table.c.id))
        captured[model.__name__] = [dict(r._mapping) for r in rows]
    words = index_table("agreement", db.engine.dialect.name)
    captured["index"] = [
        {"record_id": r.record_id, "words": str(r.words)}
        for r in db.session.execute(select(words).order_by(words.c.record_id))
    ]
    first_new = {
        name: min((r["id"] for r in rows if r["id"] > before[name]), default=0)
        for name, rows in captured.items()
        if name != "index"
    }

    def relative(name: str, value: Any) -> Any:
        if value is None or value <= before[name]:
            return value
        return ("new", value - first_new[name])

    for name, rows in captured.items():
        for row in rows:
            if "id" in row:
                row["id"] = relative(name, row["id"])
            if "agreement_id" in row:
                row["agreement_id"] = relative("Agreement", row["agreement_id"])
            if name == "AuditEvent" and row["object_type"] == "Agreement":
                row["object_id"] = relative("Agreement", row["object_id"])
            if name == "index":
                row["record_id"] = relative("Agreement", row["record_id"])
    # A party's row and an area are named by nothing else by their ids, and which ids the
    # database gives new ones depends on the order of the statements (a save that makes one
    # a later row drops again spends an id; SQLite gives a dropped row's id again): they
    # are compared by what they hold, in the agreement's order.
    for name, order in (("Ratification", "party_id"), ("AgreementArea", "position")):
        for row in captured[name]:
            del row["id"]
        captured[name].sort(key=lambda r: (str(r["agreement_id"]), r[order]))
    return captured


def test_a_confirmed_agreement_file_equals_the_same_saves_one_by_one(make, officer) -> None:
    with time_machine.travel(MOMENT, tick=False):
        eu, kz, ru = make.party("EU"), make.party("Kazakhstan"), make.party("Россия")
        owner = make.user()
        epca = make.agreement(parties=[eu, kz], title="EU–Kazakhstan EPCA", short_title="EPCA")
        epca.areas = [
            AgreementArea(name="Trade", position=1),
            AgreementArea(name="Energy", position=2, owner_id=owner.id, status_note="Talks"),
        ]
        # the EU has no act recorded: a Party with acts is not taken off an agreement
        # (tests/web/test_party_removal_keeps_acts.py), here the file takes it off and back
        visas = make.agreement(parties=[kz], title="Visa facilitation", short_title="VFA")
        visas.areas = [AgreementArea(name="Visas", position=1)]
        same = make.agreement(parties=[kz], title="Readmission", short_title="RA")
        follower = make.user()
        db.session.add(Follow(user_id=follower.id, agreement_id=visas.id))
        db.session.commit()
        ids = {a: a.id for a in (epca, visas, same)}
        parties = {p.name: p.id for p in (eu, kz, ru)}
        csv_text = "\r\n".join(
            [
                "id,title,short_title,kind,status,signed_on,parties,areas",
                f"{ids[epca]},EU–Kazakhstan EPCA,EPCA,bilateral,signed,2015-12-21,"
                "KAZAKHSTAN;Россия,Trade;energy;Transport",
                f"{ids[visas]},Visa facilitation,VFA,bilateral,in_force,2015-12-21,Kazakhstan,",
                f"{ids[same]},Readmission,RA,bilateral,signed,2015-12-21,Kazakhstan,",
                ",Соглашение о воздушном сообщении,,bilateral,draft,,Kazakhstan;Россия,"
                "Авиация;Транзит",
                ",Air services agreement,ASA,multilateral,draft,,EU;Kazakhstan;EU,Aviation",
                ",СОГЛАШЕНИЕ О ВОЗДУШНОМ СООБЩЕНИИ,,bilateral,signed,2026-01-05,Kazakhstan,Авиация",
                f"{ids[epca]},EU–Kazakhstan EPCA,EPCA,bilateral,signed,2015-12-21,"
                "Kazakhstan;EU,Trade;energy;Transport",
            ]
        )
        before = {
            model.__name__: db.session.scalar(select(func.max(model.id))) or 0 for model in NEW_IDS
        }
        actor_id = officer.id

        # the same rows, saved one by one through the agreement service (the form's path)
        def fields(title: str, status: str, signed_on: date | None, **more: str) -> dict:
            return {
                "title": title,
                "kind": "bilateral",
                "status": status,
                "signed_on": signed_on,
                "short_title": "",
                **more,
            }

        def update(agreement_id: int, changes: dict, party_names: list[str], areas: list) -> None:
            agreement = db.session.get(Agreement, agreement_id)
            service.update_agreement(
                agreement,
                changes,
                party_ids=[parties[n] for n in party_names],
                area_names=areas,
                actor=actor,
                expected_version=agreement.version,
            )

        actor = db.session.get(User, actor_id)
        signed = date(2015, 12, 21)
        update(
            ids[epca],
            fields("EU–Kazakhstan EPCA", "signed", signed, short_title="EPCA"),
            ["Kazakhstan", "Россия"],
            ["Trade", "energy", "Transport"],
        )
        update(
            ids[visas],
            fields("Visa facilitation", "in_force", signed, short_title="VFA"),
            ["Kazakhstan"],
            [],
        )
        air = service.create_agreement(
            fields("Соглашение о воздушном сообщении", "draft", None),
            party_ids=[parties["Kazakhstan"], parties["Россия"]],
            area_names=["Авиация", "Транзит"],
            actor=actor,
        )
        service.create_agreement(
            {
                **fields("Air services agreement", "draft", None, short_title="ASA"),
                "kind": "multilateral",
            },
            party_ids=[parties["EU"], parties["Kazakhstan"], parties["EU"]],
            area_names=["Aviation"],
            actor=actor,
        )
        update(
            air.id,
            fields("СОГЛАШЕНИЕ О ВОЗДУШНОМ СООБЩЕНИИ", "signed", date(2026, 1, 5)),
            ["Kazakhstan"],
            ["Авиация"],
        )
        update(
            ids[epca],
            fields("EU–Kazakhstan EPCA", "signed", signed, short_title="EPCA"),
            ["Kazakhstan", "EU"],
            ["Trade", "energy", "Transport"],
        )
        one_by_one = _capture(before)
        db.session.rollback()

        result = run_import("agreements", csv_text, db.session.get(User, actor_id), confirm=True)
        assert result.ok, [(r.line, r.errors) for r in result.rows if r.errors]
        assert [r.action for r in result.rows] == [
            "update",
            "update",
            "unchanged",
            "create",
            "create",
            "update",
            "update",
        ]
        imported = _capture(before)
        db.session.rollback()

    new_audit = [e["action"] for e in one_by_one["AuditEvent"] if isinstance(e["id"], tuple)]
    assert (
        new_audit
        == ["agreement.updated"] * 2 + ["agreement.created"] * 2 + ["agreement.updated"] * 2
    )
    assert [e["action"] for e in one_by_one["FollowEvent"] if isinstance(e["id"], tuple)] == [
        "agreement.status_changed"
    ] * 2
    for name in one_by_one:
        assert imported[name] == one_by_one[name], name


def test_the_same_agreement_file_confirmed_twice_at_once_makes_its_agreements_once(
    app, make, officer
) -> None:
    """As for milestone files: SQLite works the rows out again under the write lock when
    another connection committed since it read them; PostgreSQL's confirmations take turns
    (an advisory lock, tested by another transaction failing to take it meanwhile)."""
    make.party("Kazakhstan")
    csv_text = "title,parties,areas\r\nRace agreement,Kazakhstan,Trade\r\n"
    engine, importing = db.engine, threading.get_ident()
    trigger = "BEGIN IMMEDIATE" if on_sqlite else "INSERT INTO agreements"
    officer_id = officer.id
    other: list[Any] = []

    def other_confirmation() -> None:
        with app.app_context():
            if on_sqlite:
                made = run_import(
                    "agreements", csv_text, db.session.get(User, officer_id), confirm=True
                )
                db.session.commit()
                other.append(made.count("create"))
            else:
                with engine.connect() as conn:
                    took = conn.exec_driver_sql(
                        "SELECT pg_try_advisory_xact_lock(hashtext('accord-tracker:import'))"
                    ).scalar()
                    other.append(took)
            db.session.remove()

    def before_writing(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not other and statement.startswith(trigger) and threading.get_ident() == importing:
            thread = threading.Thread(target=other_confirmation)
            thread.start()
            thread.join(30)

    event.listen(engine, "before_cursor_execute", before_writing)
    try:
        first = run_import("agreements", csv_text, officer, confirm=True)
    finally:
        event.remove(engine, "before_cursor_execute", before_writing)
    db.session.commit()
    if on_sqlite:
        assert other == [1]
        assert first.ok and first.count("create") == 0
    else:
        assert other == [False]
    assert list(db.session.scalars(select(Agreement.title))) == ["Race agreement"]
    assert db.session.scalar(select(func.count()).select_from(Ratification)) == 1
    assert db.session.scalar(select(func.count()).select_from(AgreementArea)) == 1


def test_a_party_unknown_to_the_file_is_refused_before_anything_is_written(make, officer) -> None:
    """All or nothing: one bad row of a bulk confirmation writes nothing."""
    make.party("Kazakhstan")
    csv_text = "title,parties\r\nGood agreement,Kazakhstan\r\nBad agreement,Atlantis\r\n"
    result = run_import("agreements", csv_text, officer, confirm=True)
    db.session.commit()
    assert not result.ok
    assert [bool(r.errors) for r in result.rows] == [False, True]
    assert db.session.scalar(select(func.count()).select_from(Agreement)) == 0
    assert db.session.scalar(select(func.count()).select_from(Party)) == 1


def test_an_agreement_saved_between_the_reading_and_the_writing_is_not_overwritten(
    make, officer
) -> None:
    """Another officer saves an agreement of the file after the confirmation worked the
    rows out and before it writes (SQLite: as it asks for the write lock; PostgreSQL: as it
    updates). The confirmation works the file out again on what is committed now and
    writes that: both changes are kept, and the version moves on once for each."""
    agreement = make.agreement(title="Visa facilitation", short_title="VFA")
    agreement_id, engine = agreement.id, db.engine
    trigger = "BEGIN IMMEDIATE" if on_sqlite else "UPDATE agreements"
    saved: list[str] = []
    importing = threading.get_ident()

    def other_officer_saves() -> None:
        with engine.begin() as other:
            other.exec_driver_sql(
                "UPDATE agreements SET summary = 'Saved meanwhile', version = version + 1 "
                f"WHERE id = {int(agreement_id)}"
            )
        saved.append("saved")

    def before_writing(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not saved and statement.startswith(trigger) and threading.get_ident() == importing:
            saver = threading.Thread(target=other_officer_saves)
            saver.start()
            saver.join(30)

    csv_text = f"id,short_title\r\n{agreement_id},VFA 2026\r\n"
    event.listen(engine, "before_cursor_execute", before_writing)
    try:
        result = run_import("agreements", csv_text, officer, confirm=True)
    finally:
        event.remove(engine, "before_cursor_execute", before_writing)
    assert saved == ["saved"]
    assert result.ok, result.file_errors
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Agreement, agreement_id)
    assert (stored.short_title, stored.summary, stored.version) == (
        "VFA 2026",
        "Saved meanwhile",
        3,
    )


@pytest.mark.parametrize("kind", ["agreements", "milestones"])
def test_a_save_of_another_record_meanwhile_does_not_hold_the_lock_for_the_rows(
    make, officer, kind
) -> None:
    """Another officer saves a record the file does not name while the confirmation works
    the rows out. Under the write lock the confirmation reads again what the file names
    (a few set-based queries), finds it as it was, and writes: it does not work every row
    out a second time while holding the lock (on SQLite every save meanwhile had made it
    do so, so a long file held the lock for the whole of its checking). The rows' own
    checks (spied on, not replaced) run once per row."""
    make.party("Kazakhstan")
    track = make.track(name="Visa facilitation")
    body = make.body("Совет сотрудничества")
    body_id, engine, importing = body.id, db.engine, threading.get_ident()
    if kind == "agreements":
        text = "title,parties\r\n" + "".join(f"Agreement {n},Kazakhstan\r\n" for n in range(3))
        plan = AgreementPlan
    else:
        text = "title,kind,planned_on,track\r\n" + "".join(
            f"Round {n},round,2026-03-0{n + 1},{track.name}\r\n" for n in range(3)
        )
        plan = MilestonePlan
    saved: list[str] = []
    rows_worked_out: list[int] = []
    real_row = plan.row

    def counted(self, row):  # noqa: ANN001, ANN202
        rows_worked_out.append(1)
        return real_row(self, row)

    def other_officer_saves() -> None:
        with engine.begin() as other:
            other.exec_driver_sql(
                f"UPDATE bodies SET description = 'saved meanwhile' WHERE id = {int(body_id)}"
            )
        saved.append("saved")

    def while_reading(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not saved and threading.get_ident() == importing and statement.startswith("SELECT"):
            saver = threading.Thread(target=other_officer_saves)
            saver.start()
            saver.join(30)

    plan.row = counted  # type: ignore[method-assign]
    event.listen(engine, "before_cursor_execute", while_reading)
    try:
        result = run_import(kind, text, officer, confirm=True)
    finally:
        event.remove(engine, "before_cursor_execute", while_reading)
        plan.row = real_row  # type: ignore[method-assign]
    db.session.commit()
    assert saved == ["saved"]
    assert result.ok and result.count("create") == 3, result.file_errors
    assert len(rows_worked_out) == 3
