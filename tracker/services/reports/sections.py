"""The sections of the weekly report: each builder returns the items it lists (at most
SECTION_LIMIT, the most pressing first) and how many there are in all."""

from __future__ import annotations

import heapq
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from tracker.domain.anniversaries import ordinal, soonest_first
from tracker.domain.names import OfficialName
from tracker.domain.planning import forecast_next_stage, stage_plans
from tracker.domain.progress import is_overdue
from tracker.models import (
    ActionItem,
    Classification,
    Milestone,
    NegotiationTrack,
    StageTarget,
    StatusChange,
    User,
)
from tracker.orm import db
from tracker.services.anniversaries import (
    count_upcoming_anniversaries,
    earliest_event_year,
    upcoming_anniversaries,
)
from tracker.services.bodies import projected_meetings as body_projections
from tracker.services.reminders import stale_tracks as find_stale_tracks
from tracker.services.reports.rows import milestone_rows, report_milestone
from tracker.services.reports.snapshot import (
    ReportActionItem,
    ReportAnniversary,
    ReportMilestone,
    ReportProjectedMeeting,
    ReportSlippage,
    ReportStaleTrack,
    ReportStatusChange,
)
from tracker.services.tracks import stage_history
from tracker.services.visibility import (
    hidden_track_ids,
    milestone_is_visible,
    track_is_visible,
)

#: items listed per section; the report gives the total beside them
SECTION_LIMIT = 100


def _count(query: Select[Any]) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


# Each section of track-related items is built twice: public (at most SECTION_LIMIT items,
# with the total) and, with restricted=True, every item of a restricted track. Every item
# carries the ids of the tracks it belongs to: a track made restricted after the report
# was stored is then left out for who may not see it. A reader's report adds those they may see
# (tracker.services.reports.audience). Restricted tracks are few, so all their items are
# kept: that is what makes each reader's totals exact.


def _restricted_ids() -> Select[tuple[int]]:
    return select(NegotiationTrack.id).where(
        NegotiationTrack.classification == Classification.RESTRICTED
    )


def _limit(restricted: bool) -> int | None:
    return None if restricted else SECTION_LIMIT


def _limited(query: Select[Any], restricted: bool) -> Select[Any]:
    limit = _limit(restricted)
    return query if limit is None else query.limit(limit)


def status_changes(
    starts_on: date, ends_on: date, *, restricted: bool = False
) -> tuple[list[ReportStatusChange], int]:
    # "not hidden" rather than "visible": lets the database start from the dates
    scope = (
        StatusChange.track_id.in_(_restricted_ids())
        if restricted
        else StatusChange.track_id.not_in(hidden_track_ids(None))
    )
    query = (
        select(
            StatusChange.track_id,
            NegotiationTrack.name,
            NegotiationTrack.official_name_ru,
            NegotiationTrack.official_name_kk,
            StatusChange.from_status,
            StatusChange.to_status,
            StatusChange.effective_on,
            User.name.label("officer"),
            StatusChange.comment,
        )
        .join(NegotiationTrack, StatusChange.track_id == NegotiationTrack.id)
        .outerjoin(User, StatusChange.officer_id == User.id)
        .where(StatusChange.effective_on.between(starts_on, ends_on), scope)
    )
    rows = db.session.execute(
        _limited(
            query.order_by(StatusChange.effective_on, NegotiationTrack.name, StatusChange.id),
            restricted,
        )
    )
    changes = [
        ReportStatusChange(
            track_id=row.track_id,
            track_name=row.name,
            from_status=row.from_status.label if row.from_status else None,
            to_status=row.to_status.label,
            effective_on=row.effective_on,
            officer=row.officer or "",
            comment=row.comment,
            track_ids=(row.track_id,),
            names=OfficialName.of_track(row.name, row.official_name_ru, row.official_name_kk).names,
        )
        for row in rows
    ]
    return changes, len(changes) if restricted else _count(query)


def milestones(
    planned_from: date | None,
    planned_to: date,
    *,
    open_after: date,
    order: tuple[Any, ...],
    late_on: date | None = None,
    restricted: bool = False,
) -> tuple[list[ReportMilestone], int]:
    """Milestones planned in [planned_from, planned_to] and not done by `open_after`."""
    scope = Milestone.track_id.in_(_restricted_ids()) if restricted else milestone_is_visible(None)
    conditions = [Milestone.planned_on <= planned_to]
    if planned_from is not None:
        conditions.append(Milestone.planned_on >= planned_from)
    query = milestone_rows(
        *conditions,
        Milestone.is_open_on(open_after),
        Milestone.is_live,  # nothing about a closed or paused track's milestones
        scope,
    )
    result = [
        report_milestone(row, days_late=(late_on - row.planned_on).days if late_on else None)
        for row in db.session.execute(_limited(query.order_by(*order), restricted))
    ]
    if restricted:
        return result, len(result)
    # Counted in two parts, each starting from the index that keeps it small: those still
    # open from (done_on, planned_on); those done since from done_on, checked here (with
    # the dates in SQL too, the database would walk every milestone by planned date).
    still_open = _count(
        select(Milestone.id).where(
            Milestone.is_open, Milestone.is_live, *conditions, milestone_is_visible(None)
        )
    )
    done_since = sum(
        1
        for (planned_on,) in db.session.execute(
            select(Milestone.planned_on).where(
                Milestone.done_on > open_after, Milestone.is_live, milestone_is_visible(None)
            )
        )
        if planned_on <= planned_to and (planned_from is None or planned_on >= planned_from)
    )
    total = still_open + done_since
    return result, total


def anniversaries(
    after: date, horizon: date, *, restricted: bool = False
) -> tuple[list[ReportAnniversary], int]:
    """Anniversaries and jubilees from `after` to `horizon`, the soonest first: of public
    records, or (restricted) of the launches of restricted tracks."""
    if restricted:
        restricted_ids = set(db.session.scalars(_restricted_ids()))
        every = upcoming_anniversaries(after, horizon, earliest_year=earliest_event_year())
        found = [
            a
            for a in every
            if a.event.object_type == "NegotiationTrack" and a.event.object_id in restricted_ids
        ]
        total = len(found)
    else:
        window: dict[str, Any] = {"public_only": True, "earliest_year": earliest_event_year()}
        found = soonest_first(
            [
                *upcoming_anniversaries(after, horizon, limit=SECTION_LIMIT, **window),
                *upcoming_anniversaries(
                    after, horizon, jubilees_only=True, limit=SECTION_LIMIT, **window
                ),
            ]
        )[:SECTION_LIMIT]
        total = max(count_upcoming_anniversaries(after, horizon, **window), len(found))
    items = [
        ReportAnniversary(
            a.title,
            a.falls_on,
            a.years,
            a.is_jubilee,
            a.event.kind,
            a.event.name,
            a.event.has_article,
            track_ids=(a.event.object_id,) if a.event.object_type == "NegotiationTrack" else (),
            names=OfficialName(a.event.name, a.event.name_ru, a.event.name_kk).names,
        )
        for a in found
    ]
    return items, total


def stale_tracks(as_of: date, *, restricted: bool = False) -> tuple[list[ReportStaleTrack], int]:
    """The tracks that went stale most recently, streamed: only SECTION_LIMIT are kept."""
    total = 0
    kept: list[tuple[date, str, int, ReportStaleTrack]] = []
    scope = (
        NegotiationTrack.classification == Classification.RESTRICTED
        if restricted
        else track_is_visible(None)
    )
    for t in find_stale_tracks(as_of, scope):
        total += 1
        item = ReportStaleTrack(
            t.id,
            t.name,
            t.status.label,
            t.last_activity,
            (as_of - t.last_activity).days,
            track_ids=(t.id,),
            names=t.official_name.names,
        )
        heapq.heappush(kept, (t.last_activity, t.name, t.id, item))
        if not restricted and len(kept) > SECTION_LIMIT:
            heapq.heappop(kept)  # the longest idle goes
    ordered = sorted(kept, key=lambda k: (-k[0].toordinal(), k[1], k[2]))
    return [k[3] for k in ordered], total


def action_items(
    ends_on: date, horizon: date, *, restricted: bool = False
) -> tuple[list[ReportActionItem], int]:
    """Open action items due by the horizon, the overdue first: those neither on nor raised
    at a restricted track's meeting, or (restricted) the others, with both tracks.

    The rules are ActionItem.is_open, is_live and action_item_is_visible(None), the last
    read as "neither the item's track nor its meeting's is restricted" with the meeting's
    track looked up by its key (an item has one meeting); the listed rows are plain
    columns, their lateness worked out from the date alone (each is open and live
    already). Looking up each listed item's track or meeting to ask ActionItem.is_overdue,
    and the restricted section's "raised at a restricted track's meeting" (every milestone
    of the 2,500 restricted tracks hashed), cost 0.3-0.5 s at bench scale 10 (issue 19 #4).
    """
    owner = aliased(User)
    restricted_ids = _restricted_ids()
    # the meeting's track, looked up by the meeting's primary key for each open item due by
    # the horizon (a condition on the joined meeting made PostgreSQL hash all 520,000
    # milestones at bench scale 10 instead of looking up the few thousand it needs)
    meeting = aliased(Milestone, name="item_meeting")
    meeting_track = (
        select(meeting.track_id)
        .where(meeting.id == ActionItem.meeting_id)
        .correlate_except(meeting)
        .scalar_subquery()
    )
    if restricted:
        scope = or_(ActionItem.track_id.in_(restricted_ids), meeting_track.in_(restricted_ids))
    else:
        scope = and_(
            or_(ActionItem.track_id.is_(None), ActionItem.track_id.not_in(restricted_ids)),
            or_(meeting_track.is_(None), meeting_track.not_in(restricted_ids)),
        )
    query = (
        select(
            ActionItem.id,
            ActionItem.title,
            ActionItem.due_on,
            ActionItem.meeting_id,
            ActionItem.track_id,
            Milestone.title.label("meeting_title"),
            Milestone.track_id.label("meeting_track_id"),
            owner.name.label("owner_name"),
        )
        .join(Milestone, ActionItem.meeting_id == Milestone.id)
        .outerjoin(owner, ActionItem.owner_id == owner.id)
        .where(
            ActionItem.is_open,
            ActionItem.is_live,  # nothing about a closed or paused track's items
            ActionItem.due_on <= horizon,
            scope,
        )
    )
    rows = db.session.execute(
        _limited(query.order_by(ActionItem.due_on, ActionItem.id), restricted)
    ).all()
    items = [
        ReportActionItem(
            row.id,
            row.title,
            row.due_on,
            row.owner_name or "",
            row.meeting_id,
            row.meeting_title,
            (ends_on - row.due_on).days if is_overdue(row.due_on, ends_on, done=False) else None,
            track_ids=tuple(sorted({t for t in (row.track_id, row.meeting_track_id) if t})),
        )
        for row in rows
    ]
    return items, len(items) if restricted else _count(query)


def slippage(as_of: date, *, restricted: bool = False) -> tuple[list[ReportSlippage], int]:
    """Live tracks late against the target of a stage, with the next stage's forecast:
    public ones, or (restricted) the others."""
    scope = (
        NegotiationTrack.classification == Classification.RESTRICTED
        if restricted
        else track_is_visible(None)
    )
    tracks = db.session.scalars(
        select(NegotiationTrack)
        .where(
            scope,
            NegotiationTrack.is_live,
            NegotiationTrack.id.in_(select(StageTarget.track_id)),
        )
        .options(
            selectinload(NegotiationTrack.stage_targets),
            selectinload(NegotiationTrack.status_changes),
        )
        .order_by(NegotiationTrack.id)
    ).all()
    found = []
    for track in tracks:
        targets, reached = stage_history(track)
        late = [p for p in stage_plans(targets, reached, as_of) if p.is_late]
        if not late:
            continue
        worst = late[-1]  # the latest stage in the workflow that slipped
        forecast = forecast_next_stage(track.status, track.status_since, targets, reached, as_of)
        found.append(
            ReportSlippage(
                track.id,
                track.name,
                worst.status.label,
                worst.target_on,  # type: ignore[arg-type]  # a late stage has a target
                worst.slippage_days or 0,
                forecast.status.label if forecast else "",
                forecast.expected_on if forecast else None,
                track_ids=(track.id,),
                names=OfficialName.of_track(
                    track.name, track.official_name_ru, track.official_name_kk
                ).names,
            )
        )
    found.sort(key=lambda s: (-s.days_late, s.track_name, s.track_id))
    return found[: _limit(restricted)], len(found)


def projected_meetings(horizon: date) -> tuple[list[ReportProjectedMeeting], int]:
    """Meetings expected from a body's cadence by `horizon`, with no date set yet."""
    projected = [
        ReportProjectedMeeting(
            p.body_id,
            f"{ordinal(p.meeting.number)} {p.body_name}",
            p.meeting.expected_on,
            p.meeting.number,
            p.body_name,
            names=p.official_body_name.names,
        )
        for p in sorted(body_projections(), key=lambda p: p.meeting.expected_on)
        if p.meeting.expected_on <= horizon
    ]
    return projected[:SECTION_LIMIT], len(projected)
