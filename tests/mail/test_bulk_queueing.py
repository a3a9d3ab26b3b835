"""Mail is queued in bulk (issue 19 #2): one INSERT … ON CONFLICT DO NOTHING on the outbox's
idempotency key per batch, not a savepoint and an INSERT per message; a job run twice, or
a key queued by another scheduler meanwhile, still never doubles a message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import event, func, select

from tracker.domain.workflow import TrackStatus
from tracker.jobs import JOBS, run_job
from tracker.mail.outbox import insert_new
from tracker.models import OutboxMessage
from tracker.orm import db
from tracker.services import follows as follow_service
from tracker.services.tracks import change_status

REMINDER_SCAN = next(j for j in JOBS if j.id == "reminder-scan")
FOLLOW_NOTICES = next(j for j in JOBS if j.id == "follow-notices")
MONDAY = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements sent to the database meanwhile, first words upper-cased."""
    seen: list[str] = []
    engine = db.engine

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        seen.append(" ".join(statement.split()).upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def outbox_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage)) or 0


def inserts(seen: list[str]) -> int:
    return sum(s.startswith("INSERT INTO OUTBOX_MESSAGES") for s in seen)


def test_the_reminder_scan_queues_its_mail_in_one_statement_and_never_twice(app, make) -> None:
    officers = [make.user(role="officer", email=f"bulk{i}@test.example") for i in range(3)]
    for i, officer in enumerate(officers):
        track = make.track(lead=officer, name=f"Bulk track {i}")
        for j in range(8):
            make.milestone(
                track,
                title=f"Bulk deadline {i}.{j}",
                planned_on=date(2026, 1, 19),
                owner_id=officer.id,
            )
    before = outbox_rows()
    with statements() as seen:
        summary = run_job(app, REMINDER_SCAN, MONDAY)
    assert summary == "24 reminder(s) queued"
    assert outbox_rows() == before + 24
    assert inserts(seen) == 1
    assert not any(s.startswith("SAVEPOINT") for s in seen)

    # Run twice: nothing more is queued, nothing doubled.
    with statements() as seen:
        assert run_job(app, REMINDER_SCAN, MONDAY) == "0 reminder(s) queued"
    assert outbox_rows() == before + 24
    assert inserts(seen) == 0


def test_the_follow_fan_out_queues_in_bulk_and_a_second_run_adds_nothing(
    app, make, officer
) -> None:
    followers = [make.user(role="officer", email=f"follower{i}@test.example") for i in range(6)]
    track = make.track(TrackStatus.LAUNCHED, since=date(2025, 12, 2), name="Fisheries")
    for user in followers:
        follow_service.follow(user, track)
    db.session.commit()
    change_status(track, TrackStatus.NEGOTIATING, effective_on=date(2026, 1, 12), actor=officer)
    db.session.commit()
    before = outbox_rows()
    at = datetime(2026, 1, 12, 10, 5, tzinfo=UTC)
    with statements() as seen:
        assert run_job(app, FOLLOW_NOTICES, at) == "6 follow notice(s) queued"
    assert outbox_rows() == before + 6
    assert inserts(seen) == 1
    assert run_job(app, FOLLOW_NOTICES, at) == "0 follow notice(s) queued"
    assert outbox_rows() == before + 6


def test_a_key_queued_meanwhile_by_another_scheduler_is_skipped_not_doubled(app, make) -> None:
    """Between the job's check of the keys and its INSERT, another scheduler queued one of
    them: that one is skipped (the unique key), the others are written, nothing fails."""
    user = make.user(role="officer", email="race@test.example")

    def message(key: str) -> OutboxMessage:
        return OutboxMessage(
            idempotency_key=key,
            kind="test",
            recipient_id=user.id,
            to_address=user.email,
            subject="Race",
            body_text="text",
            body_html="<p>html</p>",
        )

    assert insert_new([message("race:1")], MONDAY) == 1
    before = outbox_rows()
    written = insert_new(
        [message("race:0"), message("race:1"), message("race:2"), message("race:2")], MONDAY
    )
    assert written == 2
    assert outbox_rows() == before + 2
    assert sorted(
        db.session.scalars(
            select(OutboxMessage.idempotency_key).where(OutboxMessage.kind == "test")
        )
    ) == ["race:0", "race:1", "race:2"]
