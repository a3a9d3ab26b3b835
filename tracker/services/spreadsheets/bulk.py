"""Writing a milestone file's plan (tracker.services.spreadsheets.milestone_rows) in a few
set-based statements: the new milestones in one multi-row INSERT, the changed ones in one
executemany UPDATE by id and version, then their audit events and followers' notices in
one INSERT each. The rows written are those the milestone service writes when each row is
saved in turn (tests/services/test_import_same_as_saves.py), so that a 5,000-row file holds
the write lock for a moment, not for the length of 5,000 saves (issue 14 #7).

Bulk statements bypass the ORM's flush, so what the flush adds is added here: the folded
search key (tracker.models.folding), the tracks' last activity (tracker.models.activity)
and the full-text index (tracker.services.search_index).
The rows are prepared before the write lock is taken and written under it (common.Writing).
Nothing is committed: the caller's boundary commits, all or nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update

from tracker import clock
from tracker.domain.messages import N_
from tracker.models import Milestone, User
from tracker.models.activity import count_milestones, note_activity
from tracker.models.folding import folded_values
from tracker.models.liveness import refresh_live
from tracker.orm import db
from tracker.services.follows import event_values
from tracker.services.search_index import reindex_records
from tracker.services.spreadsheets.common import Writing, audits_and_notices
from tracker.services.spreadsheets.milestone_rows import MilestonePlan
from tracker.services.spreadsheets.milestone_state import FIELDS

#: when a record of the file changed between its reading and its writing (PostgreSQL: another
#: transaction committed meanwhile; SQLite's write lock, taken first, rules it out)
CHANGED_WHILE_IMPORTING = N_(
    "A milestone of this file was changed by someone else while it was imported; nothing "
    "was imported. Preview the file again and confirm."
)

milestones = Milestone.__table__


def prepare_milestones(plan: MilestonePlan, actor: User) -> Writing:
    """The writing of what `plan` worked out (see Writing: prepared before the write lock,
    run under it). Its run raises ConflictError when a milestone changed since the plan
    read it (nothing of the file is then kept: the caller rolls back)."""
    now = clock.now_utc()
    writing = Writing(milestones, CHANGED_WHILE_IMPORTING)
    new = [plan.states[ref] for ref in plan.created]
    writing.new = [
        (
            s.ref,
            folded_values(
                Milestone,
                {**s.values, "version": s.version, "created_at": now, "updated_at": now},
            ),
        )
        for s in new
    ]
    changed = [
        s for ref, s in plan.states.items() if ref[0] == 0 and s.version != plan.read_versions[ref]
    ]
    writing.steps.append((*_update(plan, changed, now), True))
    writing.stored = [s.ref[1] for s in changed]
    writing.steps += _audit_and_notices(plan, actor, now)
    activity = {
        s.values["track_id"]: now for s in [*new, *changed] if s.values["track_id"] is not None
    }
    if activity:
        writing.after.append(lambda _: note_activity(db.session.connection(), activity))
    # the tracks whose milestone counts change: those the rows join, and those they leave
    # (read now: the writing checks that the changed rows' versions are those read)
    counted = {s.values["track_id"] for s in [*new, *changed]}
    if changed:
        counted.update(
            db.session.scalars(
                select(milestones.c.track_id).where(milestones.c.id.in_(writing.stored))
            )
        )
    writing.after.append(lambda _: count_milestones(db.session.connection(), counted - {None}))
    # what the ORM's flush hooks would have kept: the milestones' liveness
    # (tracker.models.liveness) and the full-text index
    writing.after.append(
        lambda written: refresh_live(db.session.connection(), milestone_ids=written)
    )
    writing.after.append(lambda written: reindex_records({"milestone": written}))
    return writing


def _update(plan: MilestonePlan, changed: list[Any], now: Any) -> tuple[Any, list[dict[str, Any]]]:
    columns = (*FIELDS, "search_key")
    statement = (
        update(milestones)
        .where(milestones.c.id == bindparam("b_id"), milestones.c.version == bindparam("b_seen"))
        .values(
            {
                **{name: bindparam(f"b_{name}") for name in columns},
                "version": bindparam("b_version"),
                "updated_at": bindparam("b_updated_at"),
            }
        )
    )
    rows = [
        {
            **{f"b_{k}": v for k, v in folded_values(Milestone, s.values).items()},
            "b_id": s.ref[1],
            "b_seen": plan.read_versions[s.ref],
            "b_version": s.version,
            "b_updated_at": now,
        }
        for s in changed
    ]
    return statement, rows


def _audit_and_notices(
    plan: MilestonePlan, actor: User, now: Any
) -> list[tuple[Any, list[dict[str, Any]], bool]]:
    def notice(step: Any, milestone_id: Any) -> dict[str, Any] | None:
        if step.notice is None:
            return None
        action, summary, track_id, agreement_id, body_id = step.notice
        return event_values(
            action,
            summary,
            actor=actor,
            track_id=track_id,
            agreement_id=agreement_id,
            body_id=body_id,
            milestone_id=milestone_id,
        )

    return audits_and_notices(plan.steps, "Milestone", actor, now, notice)
