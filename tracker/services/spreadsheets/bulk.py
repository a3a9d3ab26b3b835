"""Writing a milestone file's plan (tracker.services.spreadsheets.milestone_rows) in a few
set-based statements: the new milestones in one multi-row INSERT, the changed ones in one
executemany UPDATE by id and version, then their audit events and followers' notices in
one INSERT each. The rows written are those the milestone service writes when each row is
saved in turn (tests/services/test_import_same_as_saves.py), so that a 5,000-row file holds
the write lock for a moment, not for the length of 5,000 saves (issue 14 #7).

Bulk statements bypass the ORM's flush, so what the flush adds is added here: the folded
search key (tracker.models.folding), the tracks' last activity (tracker.models.activity)
and the full-text index (tracker.services.search_index).
Nothing is committed: the caller's boundary commits, all or nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, update

from tracker import clock
from tracker.domain.messages import N_
from tracker.models import AuditEvent, FollowEvent, Milestone, User
from tracker.models.activity import note_activity
from tracker.models.folding import folded_values
from tracker.orm import db
from tracker.services.errors import ConflictError
from tracker.services.follows import event_values
from tracker.services.records import audit_values
from tracker.services.search_index import reindex_records
from tracker.services.spreadsheets.common import insert_made
from tracker.services.spreadsheets.milestone_rows import MilestonePlan
from tracker.services.spreadsheets.milestone_state import FIELDS, Ref

#: when a record of the file changed between its reading and its writing (PostgreSQL: another
#: transaction committed meanwhile; SQLite's write lock, taken first, rules it out)
CHANGED_WHILE_IMPORTING = N_(
    "A milestone of this file was changed by someone else while it was imported; nothing "
    "was imported. Preview the file again and confirm."
)

milestones = Milestone.__table__


def write_milestones(plan: MilestonePlan, actor: User) -> None:
    """Write what `plan` worked out, in the caller's transaction. Raises ConflictError when
    a milestone changed since the plan read it (nothing of the file is then kept: the
    caller rolls back)."""
    now = clock.now_utc()
    ids: dict[Ref, int] = {}
    new = [plan.states[ref] for ref in plan.created]
    if new:
        rows = [
            folded_values(
                Milestone,
                {**s.values, "version": s.version, "created_at": now, "updated_at": now},
            )
            for s in new
        ]
        ids.update(zip((s.ref for s in new), insert_made(milestones, rows), strict=True))
    changed = [
        s for ref, s in plan.states.items() if ref[0] == 0 and s.version != plan.read_versions[ref]
    ]
    if changed:
        _update(plan, changed, now)
    for state in changed:
        ids[state.ref] = state.ref[1]
    _audit_and_notices(plan, ids, actor, now)
    activity = {
        s.values["track_id"]: now for s in [*new, *changed] if s.values["track_id"] is not None
    }
    if activity:
        note_activity(db.session.connection(), activity)
    if ids:  # the full-text index, which the ORM's flush hook would have kept
        reindex_records({"milestone": sorted(ids.values())})
    db.session.expire_all()  # the milestones read for the plan are stale now


def _update(plan: MilestonePlan, changed: list[Any], now: Any) -> None:
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
    result = db.session.execute(statement, rows)
    if result.rowcount != len(rows):
        raise ConflictError(CHANGED_WHILE_IMPORTING)


def _audit_and_notices(plan: MilestonePlan, ids: dict[Ref, int], actor: User, now: Any) -> None:
    audits, notices = [], []
    for step in plan.steps:
        milestone_id = ids[step.ref]
        audits.append(
            {
                **audit_values(
                    actor,
                    step.action,
                    "Milestone",
                    milestone_id,
                    step.summary,
                    step.before,
                    step.after,
                ),
                "created_at": now,
            }
        )
        if step.notice is not None:
            action, summary, track_id, agreement_id, body_id = step.notice
            notices.append(
                {
                    **event_values(
                        action,
                        summary,
                        actor=actor,
                        track_id=track_id,
                        agreement_id=agreement_id,
                        body_id=body_id,
                        milestone_id=milestone_id,
                    ),
                    "occurred_at": now,
                }
            )
    if audits:
        db.session.execute(insert(AuditEvent.__table__), audits)
    if notices:
        db.session.execute(insert(FollowEvent.__table__), notices)
