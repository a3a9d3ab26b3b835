"""An import's confirmation leaves the database, the audit log, the follow events and the
outbox exactly as the same changes saved one by one through the services do (issue 14
#7: the confirmation writes in bulk, with the same outcome).

Both runs start from the same records at the same frozen moment; each is captured and
rolled back. Ids are compared relative to the first id each run made (PostgreSQL's
sequences do not roll back)."""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime
from typing import Any

import time_machine
from sqlalchemy import event, select

from tracker.models import (
    AuditEvent,
    Follow,
    FollowEvent,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    OutboxMessage,
)
from tracker.orm import db
from tracker.services import milestones as service
from tracker.services.follow_mail import queue_follow_notices
from tracker.services.spreadsheets import run_import

MOMENT = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)


def _rows(model: Any, after: dict[str, int]) -> list[dict[str, Any]]:
    table = model.__table__
    query = select(table).order_by(table.c.id)
    if model.__name__ in after:
        query = query.where(table.c.id > after[model.__name__])
    return [dict(r._mapping) for r in db.session.execute(query)]


def _capture(before: dict[str, int]) -> dict[str, Any]:
    """Every row the run touched, with its own new ids made relative."""
    db.session.flush()
    queue_follow_notices(MOMENT)
    db.session.flush()
    captured = {
        name: _rows(model, before)
        for name, model in (
            ("Milestone", Milestone),
            ("AuditEvent", AuditEvent),
            ("FollowEvent", FollowEvent),
            ("OutboxMessage", OutboxMessage),
            ("NegotiationTrack", NegotiationTrack),
        )
    }
    first_new = {
        name: min((r["id"] for r in rows if r["id"] > before.get(name, 0)), default=0)
        for name, rows in captured.items()
    }

    def relative(name: str, value: Any) -> Any:
        if value is None or value <= before.get(name, 0):
            return value
        return ("new", value - first_new[name])

    for row in captured["Milestone"]:
        row["id"] = relative("Milestone", row["id"])
    for row in captured["AuditEvent"]:
        row["id"] = relative("AuditEvent", row["id"])
        if row["object_type"] == "Milestone":
            row["object_id"] = relative("Milestone", row["object_id"])
    for row in captured["FollowEvent"]:
        row["id"] = relative("FollowEvent", row["id"])
        row["milestone_id"] = relative("Milestone", row["milestone_id"])
    for row in captured["OutboxMessage"]:
        row["id"] = relative("OutboxMessage", row["id"])
        row["idempotency_key"] = re.sub(
            r"(?<=events:)(\d+)-(\d+)",
            lambda n: (
                f"{relative('FollowEvent', int(n.group(1)))}-"
                f"{relative('FollowEvent', int(n.group(2)))}"
            ),
            row["idempotency_key"],
        )
        for key in ("body_text", "body_html"):
            row[key] = re.sub(
                r"/milestones/(\d+)",
                lambda n: f"/milestones/{relative('Milestone', int(n.group(1)))}",
                row[key],
            )
    return captured


def _restore(kept: dict[str, list[dict[str, Any]]], before: dict[str, int]) -> None:
    """Back to the records as they were (queueing the notices commits, so a rollback
    cannot undo a run)."""
    db.session.rollback()
    for model in (OutboxMessage, FollowEvent, AuditEvent, Milestone):
        table = model.__table__
        db.session.execute(table.delete().where(table.c.id > before[model.__name__]))
    for model in (Milestone, NegotiationTrack):
        table = model.__table__
        for row in kept[model.__name__]:
            db.session.execute(table.update().where(table.c.id == row["id"]).values(row))
    db.session.commit()


def test_a_confirmed_import_equals_the_same_saves_one_by_one(make, officer) -> None:
    with time_machine.travel(MOMENT, tick=False):
        track = make.track(name="ЕС–Казахстан: визовое упрощение")
        body = make.body("Совет сотрудничества")
        follower = make.user()
        db.session.add(Follow(user_id=follower.id, track_id=track.id))
        db.session.add(Follow(user_id=follower.id, body_id=body.id))
        db.session.commit()
        moved = make.milestone(
            track, title="Раунд 1", kind=MilestoneKind.ROUND, number=1, planned_on=date(2026, 2, 2)
        )
        renamed = make.milestone(track, title="Deadline", planned_on=date(2026, 3, 1))
        done = make.milestone(track, title="Technical talks", planned_on=date(2026, 1, 5))
        reopened = make.milestone(
            track, title="Signature", planned_on=date(2026, 1, 6), done_on=date(2026, 1, 6)
        )
        same = make.milestone(track, title="Review", planned_on=date(2026, 6, 1), location="Астана")
        ids = {m: m.id for m in (moved, renamed, done, reopened, same)}
        csv_text = "\r\n".join(
            [
                "id,title,kind,track,body,planned_on,location,done_on,outcome",
                f"{ids[moved]},Раунд 1,round,{track.name},,2026-02-09,,,",
                f"{ids[renamed]},Deadline for the text,deadline,{track.name},,2026-03-01,,,",
                f"{ids[done]},Technical talks,deadline,{track.name},,2026-01-05,,2026-01-10,Agreed",
                f"{ids[reopened]},Signature,deadline,{track.name},,2026-01-06,,,",
                f"{ids[same]},Review,deadline,{track.name},,2026-06-01,Астана,,",
                f",Раунд 2,round,{track.name},,2026-04-01,Брюссель,,",
                f",Раунд 3,round,{track.name},,2026-05-01,,,",
                f",Council meeting,meeting,,{body.name},2026-05-20,,,",
                f",Kick-off,meeting,{track.name},,2026-01-02,,2026-01-02,Launched",
            ]
        )
        db.session.commit()
        before = {
            name: db.session.scalar(select(db.func.max(model.id))) or 0
            for name, model in (
                ("Milestone", Milestone),
                ("AuditEvent", AuditEvent),
                ("FollowEvent", FollowEvent),
                ("OutboxMessage", OutboxMessage),
            )
        }
        actor_id = officer.id
        kept = {"Milestone": _rows(Milestone, {}), "NegotiationTrack": _rows(NegotiationTrack, {})}

        # the same changes, saved one by one through the services (the forms' path)
        def saved(milestone_id: int) -> Milestone:
            return db.session.get(Milestone, milestone_id)

        actor = db.session.get(type(officer), actor_id)
        m = saved(ids[moved])
        service.update_milestone(
            m, {"planned_on": date(2026, 2, 9)}, actor=actor, expected_version=m.version
        )
        m = saved(ids[renamed])
        service.update_milestone(
            m, {"title": "Deadline for the text"}, actor=actor, expected_version=m.version
        )
        m = saved(ids[done])
        service.complete_milestone(
            m, done_on=date(2026, 1, 10), outcome="Agreed", actor=actor, expected_version=m.version
        )
        m = saved(ids[reopened])
        service.reopen_milestone(m, actor=actor, expected_version=m.version)
        fields = {"track_id": track.id, "location": "", "notes": ""}
        service.create_milestone(
            {
                **fields,
                "title": "Раунд 2",
                "kind": "round",
                "planned_on": date(2026, 4, 1),
                "location": "Брюссель",
            },
            actor=actor,
        )
        service.create_milestone(
            {**fields, "title": "Раунд 3", "kind": "round", "planned_on": date(2026, 5, 1)},
            actor=actor,
        )
        service.create_milestone(
            {
                "body_id": body.id,
                "title": "Council meeting",
                "kind": "meeting",
                "planned_on": date(2026, 5, 20),
            },
            actor=actor,
        )
        kick_off = service.create_milestone(
            {**fields, "title": "Kick-off", "kind": "meeting", "planned_on": date(2026, 1, 2)},
            actor=actor,
        )
        service.complete_milestone(
            kick_off,
            done_on=date(2026, 1, 2),
            outcome="Launched",
            actor=actor,
            expected_version=kick_off.version,
        )
        one_by_one = _capture(before)
        _restore(kept, before)

        result = run_import(
            "milestones", csv_text, db.session.get(type(officer), actor_id), confirm=True
        )
        assert result.ok, [(r.line, r.errors) for r in result.rows if r.errors]
        assert [r.action for r in result.rows] == ["update"] * 4 + ["unchanged"] + ["create"] * 4
        imported = _capture(before)

    assert len(one_by_one["AuditEvent"]) == 9
    assert len(one_by_one["FollowEvent"]) == 7
    assert one_by_one["OutboxMessage"], "the follower is told"
    for name in one_by_one:
        assert imported[name] == one_by_one[name], name


def test_a_record_saved_between_the_reading_and_the_writing_is_not_overwritten(
    make, officer
) -> None:
    """Another officer saves a milestone of the file after the confirmation has worked the
    rows out and before it writes (SQLite: as it asks for the write lock; PostgreSQL: as it
    updates). The confirmation sees the version moved on, works the file out again on
    what is committed now and writes that: both changes are kept."""
    track = make.track(name="Visa facilitation")
    milestone = make.milestone(track, title="Round 1", planned_on=date(2026, 2, 2))
    milestone_id, engine = milestone.id, db.engine
    trigger = "BEGIN IMMEDIATE" if engine.dialect.name == "sqlite" else "UPDATE milestones"
    saved: list[str] = []
    importing = threading.get_ident()

    def other_officer_saves() -> None:
        with engine.begin() as other:
            other.exec_driver_sql(
                "UPDATE milestones SET location = 'Брюссель', version = version + 1 "
                f"WHERE id = {int(milestone_id)}"
            )
        saved.append("saved")

    def before_writing(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not saved and statement.startswith(trigger) and threading.get_ident() == importing:
            saver = threading.Thread(target=other_officer_saves)
            saver.start()
            saver.join(30)

    csv_text = f"id,title,planned_on\r\n{milestone_id},Round 1 in Astana,2026-02-02\r\n"
    event.listen(engine, "before_cursor_execute", before_writing)
    try:
        result = run_import("milestones", csv_text, officer, confirm=True)
    finally:
        event.remove(engine, "before_cursor_execute", before_writing)
    assert saved == ["saved"]
    assert result.ok, result.file_errors
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Milestone, milestone_id)
    assert (stored.title, stored.location, stored.version) == ("Round 1 in Astana", "Брюссель", 3)


def test_importing_the_same_file_again_changes_nothing_even_without_numbers(make, officer) -> None:
    """Found by the adversarial check: a round row with an empty number took the next
    number on every import (5 -> 6 -> 7), and its audit entry said the number became
    empty while 6 was stored."""
    track = make.track(lead=officer)
    make.milestone(track, title="Round 1", kind=MilestoneKind.ROUND, number=1)
    csv_text = (
        f"id,title,kind,track,number,planned_on\r\n,Seq round,round,{track.name},,2026-12-24\r\n"
    )
    first = run_import("milestones", csv_text, officer, confirm=True)
    assert first.ok and first.count("create") == 1
    db.session.commit()
    stored = db.session.scalar(select(Milestone).where(Milestone.title == "Seq round"))
    assert stored.number == 2
    again = run_import("milestones", csv_text, officer, confirm=False)
    assert [r.action for r in again.rows] == ["unchanged"]
    confirmed = run_import("milestones", csv_text, officer, confirm=True)
    db.session.commit()
    assert confirmed.count("unchanged") == 1
    db.session.refresh(stored)
    assert stored.number == 2


def test_a_milestone_edit_that_clears_the_number_is_audited_with_the_number_given(
    make, officer
) -> None:
    track = make.track(lead=officer)
    make.milestone(track, title="Round 1", kind=MilestoneKind.ROUND, number=1)
    second = make.milestone(track, title="Round 2", kind=MilestoneKind.ROUND, number=7)
    service.update_milestone(
        second, {"number": None}, actor=officer, expected_version=second.version
    )
    db.session.commit()
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "milestone.updated")
    ).all()[-1]
    assert event.after == {"number": second.number} and second.number is not None


def test_the_same_file_confirmed_twice_at_once_makes_its_milestones_once(
    app, make, officer
) -> None:
    """Found by the adversarial check: four confirmations of one file sent at once made
    its new milestones twice (each worked the file out before the other wrote). SQLite: a
    confirmation that finds another connection's commit since it worked the rows out
    works them out again under the write lock. PostgreSQL: confirmations take turns (an
    advisory lock), tested by another transaction failing to take it meanwhile."""
    track = make.track(name="Readmission")
    csv_text = f"title,kind,track,planned_on\r\nRace deadline,deadline,{track.name},2026-12-22\r\n"
    engine, importing = db.engine, threading.get_ident()
    sqlite = engine.dialect.name == "sqlite"
    trigger = "BEGIN IMMEDIATE" if sqlite else "INSERT INTO milestones"
    other: list[Any] = []

    def other_confirmation() -> None:
        with app.app_context():
            if sqlite:
                made = run_import("milestones", csv_text, officer_again(), confirm=True)
                db.session.commit()
                other.append(made.count("create"))
            else:
                with engine.connect() as conn:
                    took = conn.exec_driver_sql(
                        "SELECT pg_try_advisory_xact_lock(hashtext('accord-tracker:import'))"
                    ).scalar()
                    other.append(took)
            db.session.remove()

    officer_id = officer.id

    def officer_again() -> Any:
        from tracker.models import User

        return db.session.get(User, officer_id)

    def before_writing(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not other and statement.startswith(trigger) and threading.get_ident() == importing:
            thread = threading.Thread(target=other_confirmation)
            thread.start()
            thread.join(30)

    event.listen(engine, "before_cursor_execute", before_writing)
    try:
        first = run_import("milestones", csv_text, officer, confirm=True)
    finally:
        event.remove(engine, "before_cursor_execute", before_writing)
    db.session.commit()
    if sqlite:
        assert other == [1]  # the other confirmation made it, before this one wrote
        assert first.ok and first.count("create") == 0
    else:
        assert other == [False]  # it could not start while this one held the turn
    titles = db.session.scalars(select(Milestone.title).where(Milestone.track_id == track.id))
    assert list(titles) == ["Race deadline"]
