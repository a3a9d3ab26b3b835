"""Facts about a track derived from its history, kept up to date at every flush.

`last_activity_at`, `launched_on` and `milestone_count` could be computed from status
changes and milestones on every read, but the reminder scan, the anniversary rules and an
officer's milestones list then aggregate over the whole archive (a million status changes
at ministry scale). Keeping them at flush time covers every writer (services, the demo
seed, tests) with one rule.

They are written with a Core UPDATE, not through the ORM objects, so that they neither
bump the track's version (an officer editing the track form meanwhile must not get a
false conflict) nor its `updated_at`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, func, inspect, select, update
from sqlalchemy.orm import Session

from tracker.domain.workflow import TrackStatus
from tracker.models.folding import month_day
from tracker.models.milestone import Milestone
from tracker.models.track import NegotiationTrack, StatusChange

tracks = NegotiationTrack.__table__
milestones = Milestone.__table__


@event.listens_for(Session, "after_flush")
def _record_track_activity(session: Session, flush_context: Any) -> None:
    # After the flush, session.new and session.dirty still list what was just written,
    # with defaults such as recorded_at and updated_at filled in.
    activity: dict[int, datetime] = {}
    launches: dict[int, date] = {}
    counted: set[int] = set()  # tracks that gained or lost a milestone
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Milestone):
            counted.update(_track_ids_before_and_after(session, obj))
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, StatusChange) and obj in session.new:
            _latest(activity, obj.track_id, obj.recorded_at)
            if obj.to_status == TrackStatus.LAUNCHED:
                launched = launches.get(obj.track_id)
                if launched is None or obj.effective_on < launched:
                    launches[obj.track_id] = obj.effective_on
        elif (
            isinstance(obj, Milestone)
            and obj.track_id is not None
            and (obj in session.new or session.is_modified(obj))
        ):
            _latest(activity, obj.track_id, obj.updated_at)
    count_milestones(session.connection(), counted)
    if not activity and not launches:
        return
    note_activity(session.connection(), activity, launches)


def _track_ids_before_and_after(session: Session, milestone: Milestone) -> set[int]:
    if milestone in session.new or milestone in session.deleted:
        return {milestone.track_id} - {None}  # type: ignore[return-value]
    history = inspect(milestone).attrs.track_id.history
    if not history.has_changes():
        return set()
    return {*history.added, *history.deleted} - {None}


def count_milestones(connection: Any, track_ids: Iterable[int] | None) -> None:
    """Count again the milestones of each track of `track_ids` (None: of every track) into
    its `milestone_count`; for writers that bypass the ORM's flush (the bulk import, the
    benchmark's generator) as well."""
    statement = update(tracks)
    if track_ids is not None:
        if not (ids := sorted(set(track_ids))):
            return
        statement = statement.where(tracks.c.id.in_(ids))
    mine = (
        select(func.count())
        .select_from(milestones)
        .where(milestones.c.track_id == tracks.c.id)
        .scalar_subquery()
    )
    connection.execute(statement.values(milestone_count=mine, updated_at=tracks.c.updated_at))


def note_activity(
    connection: Any, activity: dict[int, datetime], launches: dict[int, date] | None = None
) -> None:
    """Move each track's `last_activity_at` on to its moment in `activity` (track id ->
    moment) and its `launched_on` back to `launches`' date, where later or earlier; for
    writers that bypass the ORM's flush (the bulk import)."""
    for track_id, moment in activity.items():
        connection.execute(
            update(tracks)
            .where(
                tracks.c.id == track_id,
                (tracks.c.last_activity_at.is_(None)) | (tracks.c.last_activity_at < moment),
            )
            .values(last_activity_at=moment, updated_at=tracks.c.updated_at)
        )
    for track_id, launched_on in (launches or {}).items():
        connection.execute(
            update(tracks)
            .where(
                tracks.c.id == track_id,
                (tracks.c.launched_on.is_(None)) | (tracks.c.launched_on > launched_on),
            )
            .values(
                launched_on=launched_on,
                launched_month_day=month_day(launched_on),
                updated_at=tracks.c.updated_at,
            )
        )


def _latest(activity: dict[int, datetime], track_id: int | None, moment: datetime | None) -> None:
    if track_id is None or moment is None:
        return
    if track_id not in activity or activity[track_id] < moment:
        activity[track_id] = moment
