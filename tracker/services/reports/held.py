"""The weekly report's section of what was held or completed in the week: meetings held,
rounds and deadlines met, signatures and ratifications done (a milestone's done_on)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from tracker.models import Milestone, NegotiationTrack
from tracker.orm import db
from tracker.services.reports.rows import milestone_rows, report_milestone
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
    query = milestone_rows(*in_week).order_by(Milestone.done_on, Milestone.id)
    if not restricted:
        query = query.limit(SECTION_LIMIT)
    items = [report_milestone(row, done_on=row.done_on) for row in db.session.execute(query)]
    if restricted:
        return items, len(items)
    total = db.session.scalar(select(func.count()).select_from(Milestone).where(*in_week)) or 0
    return items, total
