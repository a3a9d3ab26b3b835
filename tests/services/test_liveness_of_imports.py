"""The bulk import writes milestones without the ORM's flush, so it keeps their stored
liveness itself (tracker.models.liveness.refresh_live): a milestone imported into, or moved
by a file to, a suspended track is not live, and one moved back to a live track is. So it
does the tracks' milestone counts (tracker.models.activity.count_milestones)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.domain.workflow import TrackStatus
from tracker.models import Milestone
from tracker.orm import db
from tracker.services.spreadsheets import run_import


def _live(title: str) -> bool:
    return db.session.scalar(select(Milestone.live).where(Milestone.title == title))


def test_imported_milestones_take_their_track_s_liveness(make, officer) -> None:
    live = make.track(name="Visa facilitation")
    paused = make.track(name="Readmission", status=TrackStatus.SUSPENDED)
    moved = make.milestone(live, title="Round 1", planned_on=date(2026, 2, 2))
    db.session.commit()
    assert _live("Round 1")

    header = "id,title,kind,track,body,planned_on,location,done_on,outcome"
    text = "\n".join(
        [
            header,
            f"{moved.id},Round 1,deadline,{paused.name},,2026-02-02,,,",
            f",Round 2,deadline,{paused.name},,2026-03-02,,,",
            f",Round 3,deadline,{live.name},,2026-04-02,,,",
        ]
    )
    result = run_import("milestones", text, officer, confirm=True)
    assert not result.file_errors and all(not row.errors for row in result.rows)
    db.session.commit()

    assert (_live("Round 1"), _live("Round 2"), _live("Round 3")) == (False, False, True)
    db.session.expire_all()
    assert (live.milestone_count, paused.milestone_count) == (1, 2)
    back = f"{header}\n{moved.id},Round 1,deadline,{live.name},,2026-02-02,,,"
    result = run_import("milestones", back, officer, confirm=True)
    assert not result.file_errors and all(not row.errors for row in result.rows)
    db.session.commit()
    assert _live("Round 1")
    db.session.expire_all()
    assert (live.milestone_count, paused.milestone_count) == (2, 1)
    for m in db.session.scalars(select(Milestone)):
        assert m.live == m.is_live
