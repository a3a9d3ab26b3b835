"""The weekly report's section of what was held or completed in the week: meetings held,
rounds and deadlines met, signatures and ratifications done (a milestone's done_on)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tracker.models import Agreement, Body, Milestone, NegotiationTrack, User
from tracker.orm import db
from tracker.services.reports.sections import SECTION_LIMIT
from tracker.services.reports.snapshot import ReportMilestone
from tracker.services.visibility import milestone_is_visible


def held(
    starts_on: date, ends_on: date, *, restricted: bool = False
) -> tuple[list[ReportMilestone], int]:
    """Milestones done from `starts_on` to `ends_on` (dates, inclusive), in the order
    they were done: of public records (at most SECTION_LIMIT, with the total) or, with
    `restricted`, every one of a restricted track (each with its track's id, which decides
    who reads it). What was done in a week stays in its report whatever the track's status
    is now: a round held before a track was suspended was still held."""
    restricted_ids = select(NegotiationTrack.id).where(
        NegotiationTrack.classification == "restricted"
    )
    scope = Milestone.track_id.in_(restricted_ids) if restricted else milestone_is_visible(None)
    in_week = (Milestone.done_on >= starts_on, Milestone.done_on <= ends_on, scope)
    owner, track, agreement, body = (
        aliased(User),
        aliased(NegotiationTrack),
        aliased(Agreement),
        aliased(Body),
    )
    query = (
        select(
            Milestone.id,
            Milestone.track_id,
            Milestone.title,
            Milestone.kind,
            Milestone.planned_on,
            Milestone.done_on,
            track.name.label("track_name"),
            func.coalesce(agreement.short_title, agreement.title).label("agreement_title"),
            body.name.label("body_name"),
            owner.name.label("owner_name"),
        )
        .where(*in_week)
        .outerjoin(owner, Milestone.owner_id == owner.id)
        .outerjoin(track, Milestone.track_id == track.id)
        .outerjoin(agreement, Milestone.agreement_id == agreement.id)
        .outerjoin(body, Milestone.body_id == body.id)
        .order_by(Milestone.done_on, Milestone.id)
    )
    if not restricted:
        query = query.limit(SECTION_LIMIT)
    items = [
        ReportMilestone(
            id=row.id,
            title=row.title,
            kind=row.kind.label,
            planned_on=row.planned_on,
            parent=row.track_name or row.agreement_title or row.body_name or "",
            owner=row.owner_name or "",
            days_late=None,
            track_ids=(row.track_id,) if row.track_id else (),
            done_on=row.done_on,
        )
        for row in db.session.execute(query)
    ]
    if restricted:
        return items, len(items)
    total = db.session.scalar(select(func.count()).select_from(Milestone).where(*in_week)) or 0
    return items, total
