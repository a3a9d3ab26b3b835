"""The weekly report's section of the negotiating text (issue 17 #5): the provisions
agreed (agreed ad referendum, confirmed, agreed) or reopened in the week, per track.

Read from the audit log, where every change of a provision's status is written with the
status before and after (tracker.services.provisions.update_provision), and a new
provision with the status it was created with (create_provision: one created agreed was
agreed that day, from no status before); the report lists
the move, never a position, red line or fallback (those are not in the audit's values).
Like the other track sections it is built public (tracks not restricted, at most
SECTION_LIMIT items) and restricted (every item of a restricted track, with its id), so
that each reader's report adds only the tracks they may see
(tracker.services.reports.audience)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from tracker import clock
from tracker.domain.provisions import ACCEPTED, UNSETTLED, ProvisionStatus
from tracker.models import AuditEvent, Classification, NegotiationTrack, Provision
from tracker.orm import db
from tracker.services.reports.snapshot import ReportProvisionMove

#: the audit action of a change to a provision (its values hold the status moved)
PROVISION_UPDATED = "provision.updated"
#: the audit action of a new provision (its values hold the status it was created with:
#: one created agreed, or agreed ad referendum, was agreed that day)
PROVISION_CREATED = "provision.created"


def _moment(day: date) -> datetime:
    """The start of `day` in the configured time zone, in UTC (the stamps' zone)."""
    return datetime.combine(day, time.min, tzinfo=clock.zone()).astimezone(UTC)


def move_of(before: str | None, after: str | None) -> str | None:
    """ "agreed" for a move into an accepted status (agreed ad referendum, confirmed,
    agreed) from any other, "reopened" for a move from an accepted status back to open or
    parked, None for any other move."""
    try:
        old = ProvisionStatus(before) if before else None
        new = ProvisionStatus(after) if after else None
    except ValueError:
        return None
    if new in ACCEPTED and old != new:
        return "agreed"
    if old in ACCEPTED and new in UNSETTLED:
        return "reopened"
    return None


def provision_moves(
    starts_on: date, through: date, limit: int | None, *, restricted: bool = False
) -> tuple[list[ReportProvisionMove], int]:
    """Provisions agreed or reopened from `starts_on` to the end of `through` (local
    dates), ordered by track, then date: of tracks not restricted (at most `limit`, with
    the total) or, with `restricted`, every one of a restricted track."""
    is_restricted = NegotiationTrack.classification == Classification.RESTRICTED
    rows = db.session.execute(
        select(AuditEvent, Provision, NegotiationTrack.name)
        .join(Provision, Provision.id == AuditEvent.object_id)
        .join(NegotiationTrack, NegotiationTrack.id == Provision.track_id)
        .where(
            AuditEvent.action.in_((PROVISION_CREATED, PROVISION_UPDATED)),
            AuditEvent.object_type == Provision.__name__,
            AuditEvent.created_at >= _moment(starts_on),
            AuditEvent.created_at < _moment(through + timedelta(days=1)),
            is_restricted if restricted else ~is_restricted,
        )
        .order_by(AuditEvent.created_at, AuditEvent.id)
    ).all()
    found = []
    for event, provision, track_name in rows:
        before, after = event.before or {}, event.after or {}
        if "status" not in after:
            continue
        move = move_of(before.get("status"), after.get("status"))
        if move is None:
            continue
        found.append(
            ReportProvisionMove(
                track_id=provision.track_id,
                track_name=track_name,
                provision_id=provision.id,
                kind=provision.kind.value,
                number=provision.number,
                move=move,
                from_status=str(before.get("status") or ""),
                to_status=str(after["status"]),
                changed_on=event.created_at.astimezone(clock.zone()).date(),
                track_ids=(provision.track_id,),
            )
        )
    found.sort(key=move_order)
    return (found if limit is None else found[:limit]), len(found)


def move_order(item: ReportProvisionMove) -> tuple[str, int, date, int]:
    """The section's order: per track (by name), then by date, then provision."""
    return (item.track_name, item.track_id, item.changed_on, item.provision_id)
