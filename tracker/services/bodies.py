"""Bodies (councils, committees) and their numbered meetings, projected and actual."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from tracker.domain.meetings import ProjectedMeeting, project_next_meeting
from tracker.domain.messages import N_
from tracker.domain.names import OfficialName, fold
from tracker.models import Body, Milestone, MilestoneKind, User
from tracker.orm import db
from tracker.schemas.agreements import BodyInput
from tracker.services import gate
from tracker.services.archiving import check_not_placed_on_archived
from tracker.services.errors import ServiceError
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    refuses_duplicates,
    snapshot,
    validated_update,
)
from tracker.services.visibility import Reader, milestone_is_visible, public_meeting

EDITABLE_FIELDS = BodyInput.FIELDS


#: the refusal of a second body of the same name, in any case or script
DUPLICATE_NAME = N_("There is already a body with this name.")


def _check_name(body: Body) -> None:
    with db.session.no_autoflush:
        clash = db.session.scalar(
            select(Body.id).where(Body.name_key == fold(body.name), Body.id != (body.id or 0))
        )
    if clash is not None:
        raise ServiceError(DUPLICATE_NAME, field="name")


#: the unique keys of a body's name (exact, and folded), as the databases name them
_NAME_KEYS = {mark: (DUPLICATE_NAME, "name") for mark in ("bodies.name", "bodies_name_key")}


@refuses_duplicates(_NAME_KEYS)
def create_body(fields: Mapping[str, Any], *, actor: User) -> Body:
    body = Body()
    apply_changes(body, BodyInput.of(fields).model_dump())
    check_not_placed_on_archived(body)
    _check_name(body)
    db.session.add(body)
    record_audit(
        actor,
        "body.created",
        body,
        f"Added body {body.name}",
        after=snapshot(body, EDITABLE_FIELDS),
    )
    db.session.flush()
    return body


@refuses_duplicates(_NAME_KEYS)
@detects_conflicts("body")
def update_body(
    body: Body, fields: Mapping[str, Any], *, actor: User, expected_version: int | None
) -> Body:
    check_version(body, expected_version, "body")
    changes, _ = validated_update(body, fields, BodyInput, EDITABLE_FIELDS)
    before, after = apply_changes(body, changes)
    if not after:
        return body  # nothing to save (the boundary decides the transaction)
    check_not_placed_on_archived(body)
    _check_name(body)
    record_audit(actor, "body.updated", body, f"Edited body {body.name}", before, after)
    db.session.flush()
    return body


def meetings_of(body: Body, reader: Reader) -> list[Milestone]:
    """The body's meetings that the reader may see, latest first (an administrator's read
    of restricted tracks' meetings is audited as a list: gate.audit_admin_list)."""
    meetings = list(
        db.session.scalars(
            select(Milestone)
            .where(
                Milestone.body_id == body.id,
                Milestone.kind == MilestoneKind.MEETING,
                milestone_is_visible(reader),
            )
            .order_by(Milestone.number.desc().nulls_last(), Milestone.planned_on.desc())
        )
    )
    gate.audit_admin_list(reader, Milestone, meetings, lambda meeting: [meeting.track])
    return meetings


@dataclass(frozen=True)
class BodyProjection:
    body_id: int
    body_name: str
    owner_id: int | None
    meeting: ProjectedMeeting
    #: the body's official names in Russian and Kazakh ("" when not known)
    body_name_ru: str = ""
    body_name_kk: str = ""

    @property
    def official_body_name(self) -> OfficialName:
        return OfficialName.of_track(self.body_name, self.body_name_ru, self.body_name_kk)


def projected_meetings(body_ids: list[int] | None = None) -> list[BodyProjection]:
    """The next meeting of each live body (Body.is_live) with a cadence, where no meeting
    has that number yet.

    Counted over the body's public series only (visibility.public_meeting), so the
    projection is the same for every reader.
    """
    # Each body's highest-numbered public meeting, read from the body's own meetings (a
    # few dozen through the body_id index), where grouping every meeting of the archive by
    # body read them all (12 ms at bench scale 10).
    # Each chased body's last meeting id is worked out first (a materialised CTE), then
    # the meeting read by its id: with the subquery in the ON clause, or in a derived table
    # PostgreSQL pulls up into the join, it hashed all 520,000 milestones to match it
    # (0.85-1 s at bench scale 10, spilling to disk); now one index lookup per body.
    last_meeting = (
        select(Milestone.id)
        .where(
            Milestone.body_id == Body.id,
            Milestone.kind == MilestoneKind.MEETING,
            Milestone.number.is_not(None),
            public_meeting(),
        )
        .order_by(Milestone.number.desc())
        .limit(1)
        .correlate(Body)
        .scalar_subquery()
    )
    chased = (
        select(Body.id.label("body_id"), last_meeting.label("meeting_id"))
        # a body of a terminated or suspended agreement is not chased for its next meeting
        .where(Body.cadence_months.is_not(None), Body.is_live)
    )
    if body_ids is not None:
        chased = chased.where(Body.id.in_(body_ids))
    last = chased.cte("chased").prefix_with("MATERIALIZED", dialect="postgresql")
    query = (
        select(Body, Milestone)
        .join(last, last.c.body_id == Body.id)
        .join(Milestone, Milestone.id == last.c.meeting_id)
        .order_by(Body.id)
    )
    found = []
    for body, last in db.session.execute(query):
        projection = project_next_meeting(
            last.number, last.done_on or last.planned_on, body.cadence_months
        )
        if projection is not None:
            found.append(
                BodyProjection(
                    body.id,
                    body.name,
                    body.owner_id,
                    projection,
                    body.official_name_ru,
                    body.official_name_kk,
                )
            )
    return found


def projected_meeting(body: Body) -> ProjectedMeeting | None:
    found = projected_meetings([body.id])
    return found[0].meeting if found else None


def all_bodies() -> list[Body]:
    return list(db.session.scalars(select(Body).order_by(Body.name)))
