"""change_status() called directly: one transaction, history, audit, resume."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select

from tracker.domain.workflow import IllegalMove, TrackStatus
from tracker.models import AuditEvent, StatusChange
from tracker.orm import db
from tracker.services.errors import ConflictError
from tracker.services.tracks import change_status, suspended_from

S = TrackStatus


def test_a_move_writes_history_and_audit_together(officer, make) -> None:
    track = make.track(status=S.LAUNCHED)
    change = change_status(
        track, S.NEGOTIATING, effective_on=date(2026, 1, 5), actor=officer, comment="Talks opened"
    )
    db.session.expire_all()
    assert track.status is S.NEGOTIATING and track.status_since == date(2026, 1, 5)
    assert change.id is not None
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.object_type, event.object_id) == (
        "track.status_changed",
        "NegotiationTrack",
        track.id,
    )
    assert event.after["comment"] == "Talks opened"


def test_a_refused_move_leaves_no_trace(officer, make) -> None:
    track = make.track(status=S.LAUNCHED)
    with pytest.raises(IllegalMove):
        change_status(track, S.IN_FORCE, effective_on=date(2026, 1, 5), actor=officer)
    db.session.rollback()
    assert db.session.query(StatusChange).count() == 1
    assert db.session.query(AuditEvent).count() == 0


REFUSE_AUDIT_SQLITE = [
    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events "
    "BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END"
]
REFUSE_AUDIT_POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
]


def test_when_the_audit_cannot_be_written_the_move_is_not_saved(officer, make) -> None:
    """Same transaction: a failure writing the audit row rolls the status change back too."""
    track = make.track(status=S.LAUNCHED)
    postgresql = db.engine.dialect.name == "postgresql"
    for statement in REFUSE_AUDIT_POSTGRESQL if postgresql else REFUSE_AUDIT_SQLITE:
        db.session.execute(db.text(statement))
    db.session.commit()
    try:
        with pytest.raises(Exception, match="audit store unavailable"):
            change_status(track, S.NEGOTIATING, effective_on=date(2026, 1, 5), actor=officer)
        db.session.rollback()
        db.session.expire_all()
        assert track.status is S.LAUNCHED
        assert db.session.query(StatusChange).count() == 1
    finally:
        drop = "DROP TRIGGER refuse_audit" + (" ON audit_events" if postgresql else "")
        db.session.execute(db.text(drop))
        db.session.commit()


def test_suspend_and_resume_to_the_state_left(officer, make) -> None:
    track = make.track(status=S.INITIALLED, since=date(2025, 12, 20))
    change_status(track, S.SUSPENDED, effective_on=date(2026, 1, 2), actor=officer)
    db.session.commit()  # that move was a request of its own
    assert suspended_from(track) is S.INITIALLED
    with pytest.raises(IllegalMove, match="resumes to the state it left \\(initialled\\)"):
        change_status(track, S.NEGOTIATING, effective_on=date(2026, 1, 9), actor=officer)
    db.session.rollback()
    change_status(track, S.INITIALLED, effective_on=date(2026, 1, 9), actor=officer)
    assert track.status is S.INITIALLED


def test_a_move_from_a_status_the_officer_did_not_see_is_a_conflict(officer, make) -> None:
    track = make.track(status=S.NEGOTIATING)
    with pytest.raises(ConflictError, match="moved to negotiating"):
        change_status(
            track,
            S.NEGOTIATING,
            effective_on=date(2026, 1, 5),
            actor=officer,
            expected_status=S.LAUNCHED,
        )


def test_activity_and_launch_date_are_kept_without_touching_the_version(officer, make) -> None:
    with time_machine.travel(datetime(2025, 6, 1, 9, tzinfo=UTC), tick=False):
        track = make.track(status=S.MANDATE, since=date(2025, 6, 1))
    version = track.version
    assert track.launched_on is None
    assert track.last_activity_at == datetime(2025, 6, 1, 9, tzinfo=UTC)

    with time_machine.travel(datetime(2025, 9, 1, 9, tzinfo=UTC), tick=False):
        make.milestone(track, planned_on=date(2025, 10, 1))
    db.session.expire_all()
    assert track.last_activity_at == datetime(2025, 9, 1, 9, tzinfo=UTC)
    # Another officer's form, opened before the milestone was added, still saves.
    assert track.version == version

    # Launched on a back-dated day, suspended, resumed: the launch date is the first one.
    with time_machine.travel(datetime(2025, 12, 3, 9, tzinfo=UTC), tick=False):
        change_status(track, S.LAUNCHED, effective_on=date(2025, 12, 2), actor=officer)
        change_status(track, S.SUSPENDED, effective_on=date(2025, 12, 3), actor=officer)
        change_status(track, S.LAUNCHED, effective_on=date(2025, 12, 3), actor=officer)
    db.session.expire_all()
    assert track.launched_on == date(2025, 12, 2)
    assert track.last_activity_at == datetime(2025, 12, 3, 9, tzinfo=UTC)
