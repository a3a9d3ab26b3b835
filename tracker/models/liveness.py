"""Whether each milestone is live (Milestone.live), kept up to date at every flush.

A milestone is live when its track is, or without a track its agreement is
(Milestone.is_live). The rule reads the parents' statuses, so the dashboard's overdue and
coming-up lists and counts tested every open milestone against every closed or paused
track (30,000 of them at bench scale 10, 20 ms a statement). The flag is stored so that
those lists are read from one index (ix_milestones_open_live) in date order.

Like tracker.models.activity, it is written with a Core UPDATE after the flush, which
covers every writer that goes through the ORM (services, the demo seed, tests), does not
bump the milestone's version (an officer editing it meanwhile must not get a false
conflict) and sets the flag from the parents as they are in the database after the flush.
Writers that bypass the ORM call `refresh_live` themselves (the bulk import).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect, or_, update
from sqlalchemy.orm import Session

from tracker.id_lists import among
from tracker.models.agreement import Agreement
from tracker.models.milestone import Milestone
from tracker.models.track import NegotiationTrack

milestones = Milestone.__table__

#: the attributes whose change can change a milestone's liveness
_MILESTONE_PARENTS = ("track_id", "track", "agreement_id", "agreement")


@event.listens_for(Session, "after_flush")
def _keep_milestones_live(session: Session, flush_context: Any) -> None:
    # After the flush, session.new and session.dirty still list what was just written,
    # and each object's attribute history still says what changed.
    milestone_ids: set[int] = set()
    track_ids: set[int] = set()
    agreement_ids: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Milestone):
            if obj in session.new or _changed(obj, _MILESTONE_PARENTS):
                milestone_ids.add(obj.id)
        elif isinstance(obj, NegotiationTrack) and _status_moved(session, obj):
            track_ids.add(obj.id)
        elif isinstance(obj, Agreement) and _status_moved(session, obj, "archived_on"):
            agreement_ids.add(obj.id)
    refresh_live(
        session.connection(),
        milestone_ids=milestone_ids,
        track_ids=track_ids,
        agreement_ids=agreement_ids,
    )


def refresh_live(
    connection: Any,
    *,
    milestone_ids: Iterable[int] = (),
    track_ids: Iterable[int] = (),
    agreement_ids: Iterable[int] = (),
) -> None:
    """Set `Milestone.live` from the parents' statuses (Milestone.parents_live) for the
    given milestones, every milestone of the given tracks, and every milestone of the given
    agreements that has no track (a track's milestone follows its track). Ids, not
    objects; nothing is done for empty arguments. Runs in the caller's transaction."""
    conditions = []
    if milestone_ids := sorted(set(milestone_ids)):
        # an import's thousands: one array parameter on PostgreSQL (tracker.id_lists)
        conditions.append(among(milestones.c.id, milestone_ids, connection))
    if track_ids := sorted(set(track_ids)):
        conditions.append(milestones.c.track_id.in_(track_ids))
    if agreement_ids := sorted(set(agreement_ids)):
        conditions.append(
            milestones.c.track_id.is_(None) & milestones.c.agreement_id.in_(agreement_ids)
        )
    if conditions:
        connection.execute(
            update(milestones).where(or_(*conditions)).values(live=Milestone.parents_live())
        )


def _status_moved(session: Session, obj: object, *more: str) -> bool:
    # a new track or agreement has no milestones yet; an agreement's archiving counts too
    return obj not in session.new and _changed(obj, ("status", *more))


def _changed(obj: object, names: Iterable[str]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)
