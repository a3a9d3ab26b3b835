"""Writing an agreement file's plan (tracker.services.spreadsheets.agreement_rows) in a few
set-based statements: the new agreements in one multi-row INSERT, the changed ones in one
executemany UPDATE by id and version; the parties' rows (with their acts) and the areas
the rows drop deleted, the kept areas renamed or moved, the new rows and areas inserted;
then the audit events and followers' notices in one INSERT each. The rows written are
those the agreement service writes when each row is saved in turn
(tests/services/test_import_agreements_in_bulk.py), so that a 5,000-row file holds the
write lock for a few statements, not for 5,000 saves (issue 14 #7).

Bulk statements bypass the ORM's flush, so what the flush adds is added here: the folded
keys (tracker.models.folding) and the full-text index (tracker.services.search_index).
The rows are prepared before the write lock is taken and written under it (common.Writing).
Nothing is committed: the caller's boundary commits, all or nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, update

from tracker import clock
from tracker.domain.messages import N_
from tracker.models import (
    Agreement,
    AgreementArea,
    PartyAction,
    Ratification,
    User,
)
from tracker.models.folding import folded_values
from tracker.models.liveness import refresh_live
from tracker.orm import db
from tracker.services.follows import event_values
from tracker.services.search_index import reindex_records
from tracker.services.spreadsheets.agreement_rows import FIELDS, AgreementPlan
from tracker.services.spreadsheets.agreement_state import AgreementState
from tracker.services.spreadsheets.common import Writing, audits_and_notices, the_id

#: when an agreement of the file changed between its reading and its writing
CHANGED_WHILE_IMPORTING = N_(
    "An agreement of this file was changed by someone else while it was imported; nothing "
    "was imported. Preview the file again and confirm."
)

agreements = Agreement.__table__
ratifications = Ratification.__table__
areas = AgreementArea.__table__
party_actions = PartyAction.__table__


Step = tuple[Any, list[dict[str, Any]], bool]


def prepare_agreements(plan: AgreementPlan, actor: User) -> Writing:
    """The writing of what `plan` worked out (see Writing: prepared before the write lock,
    run under it). Its run raises ConflictError when an agreement, a party's row or an
    area it drops or changes changed since the plan read it (nothing of the file is then
    kept: the caller rolls back)."""
    now = clock.now_utc()
    writing = Writing(agreements, CHANGED_WHILE_IMPORTING)
    new = [plan.states[ref] for ref in plan.created]
    writing.new = [
        (
            s.ref,
            folded_values(
                Agreement,
                {**s.values, "version": s.version, "created_at": now, "updated_at": now},
            ),
        )
        for s in new
    ]
    changed = [
        s
        for ref, s in plan.states.items()
        if ref[0] == 0 and s.version != plan.read_states[ref].version
    ]
    writing.steps.append(_update_agreements(plan, changed, now))
    writing.stored = [s.ref[1] for s in changed]
    writing.steps += _parties_and_areas(plan, [*new, *changed])
    writing.steps += _audit_and_notices(plan, actor, now)
    # what the ORM's flush hooks would have kept: the liveness of the changed agreements'
    # own milestones (a status moved by the file: tracker.models.liveness) and the
    # full-text index
    stored = writing.stored
    writing.after.append(lambda _: refresh_live(db.session.connection(), agreement_ids=stored))
    writing.after.append(lambda written: reindex_records({"agreement": written}))
    return writing


def _update_agreements(plan: AgreementPlan, changed: list[AgreementState], now: Any) -> Step:
    # the folded keys and month-days too (tracker.models.folding)
    columns = (*FIELDS, *Agreement.__folded__, *Agreement.__month_days__)  # type: ignore[attr-defined]
    statement = (
        update(agreements)
        .where(agreements.c.id == bindparam("b_id"), agreements.c.version == bindparam("b_seen"))
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
            **{f"b_{k}": v for k, v in folded_values(Agreement, s.values).items()},
            "b_id": s.ref[1],
            "b_seen": plan.read_states[s.ref].version,
            "b_version": s.version,
            "b_updated_at": now,
        }
        for s in changed
    ]
    return statement, rows, True


def _parties_and_areas(plan: AgreementPlan, written: list[AgreementState]) -> list[Step]:
    """The parties' rows and areas as the rows leave them: what they drop is deleted first
    (a party's acts with its row), so a name or party dropped and given again is added
    anew without meeting itself in the unique keys; then the kept areas are renamed or
    moved, and the new rows and areas inserted."""
    dropped_rows: list[dict[str, Any]] = []
    dropped_areas: list[dict[str, Any]] = []
    moved_areas: list[dict[str, Any]] = []
    new_rows: list[dict[str, Any]] = []
    new_areas: list[dict[str, Any]] = []
    for state in written:
        agreement_id = the_id(state.ref)
        read = plan.read_states.get(state.ref)
        if read is not None:
            kept_rows = {r.id for r in state.party_rows}
            dropped_rows += [
                {
                    "b_id": r.id,
                    "b_seen": r.version,
                    "b_agreement": read.ref[1],
                    "b_party": r.party_id,
                }
                for r in read.party_rows
                if r.id not in kept_rows
            ]
            kept_areas = {a.id: a for a in state.area_rows if a.id is not None}
            for area in read.area_rows:
                now_area = kept_areas.get(area.id)
                if now_area is None:
                    dropped_areas.append({"b_id": area.id, "b_seen": area.version})
                elif now_area.version != area.version:
                    named = {"name": now_area.name, "position": now_area.position}
                    moved_areas.append(
                        {
                            "b_id": area.id,
                            "b_seen": area.version,
                            "b_version": now_area.version,
                            **{f"b_{k}": v for k, v in folded_values(AgreementArea, named).items()},
                        }
                    )
        new_rows += [
            {"agreement_id": agreement_id, "party_id": r.party_id, "version": 1}
            for r in state.party_rows
            if r.id is None
        ]
        new_areas += [
            folded_values(
                AgreementArea,
                {
                    "agreement_id": agreement_id,
                    "name": a.name,
                    "position": a.position,
                    "version": a.version,
                    "status_note": "",
                },
            )
            for a in state.area_rows
            if a.id is None
        ]
    acts_of_row = and_(
        party_actions.c.agreement_id == bindparam("b_agreement"),
        party_actions.c.party_id == bindparam("b_party"),
    )
    row_seen = (
        ratifications.c.id == bindparam("b_id"),
        ratifications.c.version == bindparam("b_seen"),
    )
    area_seen = (areas.c.id == bindparam("b_id"), areas.c.version == bindparam("b_seen"))
    moved = (
        update(areas)
        .where(*area_seen)
        .values(
            name=bindparam("b_name"),
            name_key=bindparam("b_name_key"),
            position=bindparam("b_position"),
            version=bindparam("b_version"),
        )
    )
    return [
        (delete(party_actions).where(acts_of_row), dropped_rows, False),
        (delete(ratifications).where(*row_seen), [dict(r) for r in dropped_rows], True),
        (delete(areas).where(*area_seen), dropped_areas, True),
        (moved, moved_areas, True),
        (insert(ratifications), new_rows, False),
        (insert(areas), new_areas, False),
    ]


def _audit_and_notices(plan: AgreementPlan, actor: User, now: Any) -> list[Step]:
    def notice(step: Any, agreement_id: Any) -> dict[str, Any] | None:
        if step.notice is None:
            return None
        return event_values(
            "agreement.status_changed", step.notice, actor=actor, agreement_id=agreement_id
        )

    return audits_and_notices(plan.steps, "Agreement", actor, now, notice)
