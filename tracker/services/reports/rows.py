"""Milestones as a weekly report lists them: plain rows with their parents' and owner's
names joined in, and the report's item for each (shared by the report's sections)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import aliased

from tracker.domain.names import OfficialName
from tracker.domain.rounds import shown_title
from tracker.models import Agreement, Body, Milestone, MilestoneKind, NegotiationTrack, User
from tracker.services.reports.snapshot import ReportMilestone


def milestone_rows(*conditions: ColumnElement[bool]) -> Select[Any]:
    """Milestones meeting `conditions` as plain rows with their parents' and owner's names
    joined in (not ORM objects with relationships), for report_milestone()."""
    owner = aliased(User)
    track = aliased(NegotiationTrack)
    agreement = aliased(Agreement)
    body = aliased(Body)
    return (
        select(
            Milestone.id,
            Milestone.track_id,
            Milestone.title,
            Milestone.kind,
            Milestone.number,
            Milestone.planned_on,
            Milestone.done_on,
            track.name.label("track_name"),
            track.official_name_ru.label("track_name_ru"),
            track.official_name_kk.label("track_name_kk"),
            func.coalesce(agreement.short_title, agreement.title).label("agreement_title"),
            agreement.short_title.label("agreement_short_title"),
            agreement.official_title_ru.label("agreement_title_ru"),
            agreement.official_title_kk.label("agreement_title_kk"),
            body.name.label("body_name"),
            body.official_name_ru.label("body_name_ru"),
            body.official_name_kk.label("body_name_kk"),
            owner.name.label("owner_name"),
        )
        .where(*conditions)
        .outerjoin(owner, Milestone.owner_id == owner.id)
        .outerjoin(track, Milestone.track_id == track.id)
        .outerjoin(agreement, Milestone.agreement_id == agreement.id)
        .outerjoin(body, Milestone.body_id == body.id)
    )


def report_milestone(
    row: Any, *, days_late: int | None = None, done_on: date | None = None
) -> ReportMilestone:
    """A report's item for a row of milestone_rows() (`days_late` for the overdue,
    `done_on` for what was held in the week)."""
    return ReportMilestone(
        id=row.id,
        # an untitled round by its number, said in the reader's language (a Message)
        title=shown_title(row.title, is_round=row.kind is MilestoneKind.ROUND, number=row.number),
        kind=row.kind.label,
        planned_on=row.planned_on,
        parent=row.track_name or row.agreement_title or row.body_name or "",
        owner=row.owner_name or "",
        days_late=days_late,
        track_ids=(row.track_id,) if row.track_id else (),
        done_on=done_on,
        names=_parent_name(row).names,
        untitled_round=row.number
        if row.kind is MilestoneKind.ROUND and not row.title and row.number
        else None,
    )


def _parent_name(row: Any) -> OfficialName:
    """The milestone's track, agreement or body, with its official names."""
    if row.track_name:
        return OfficialName.of_track(row.track_name, row.track_name_ru, row.track_name_kk)
    if row.agreement_title:
        return OfficialName.of_agreement(
            row.agreement_title,
            row.agreement_short_title,
            row.agreement_title_ru,
            row.agreement_title_kk,
        )
    return OfficialName.of_track(row.body_name or "", row.body_name_ru, row.body_name_kk)
