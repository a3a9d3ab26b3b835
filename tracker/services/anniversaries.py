"""Load the dated events the anniversary rules work on."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, func, select, true

from tracker.domain.anniversaries import Anniversary, DatedEvent, anniversaries_between
from tracker.domain.workflow import TrackStatus
from tracker.extensions import db
from tracker.models import Agreement, NegotiationTrack, StatusChange, User
from tracker.services.visibility import visible_tracks


def dated_events(track_condition: ColumnElement[bool] | None = None) -> list[DatedEvent]:
    """Signatures, entries into force, and launches of the tracks the condition admits."""
    events: list[DatedEvent] = []
    rows = db.session.execute(
        select(
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            Agreement.signed_on,
            Agreement.in_force_on,
        ).where((Agreement.signed_on.is_not(None)) | (Agreement.in_force_on.is_not(None)))
    )
    for agreement_id, title, short_title, signed_on, in_force_on in rows:
        subject = f"the {short_title}" if short_title else title
        if signed_on:
            events.append(DatedEvent("signature", subject, signed_on, "Agreement", agreement_id))
        if in_force_on:
            events.append(
                DatedEvent("entry_into_force", subject, in_force_on, "Agreement", agreement_id)
            )
    launches = db.session.execute(
        select(NegotiationTrack.id, NegotiationTrack.name, func.min(StatusChange.effective_on))
        .join(StatusChange, StatusChange.track_id == NegotiationTrack.id)
        .where(StatusChange.to_status == TrackStatus.LAUNCHED)
        .where(track_condition if track_condition is not None else true())
        .group_by(NegotiationTrack.id, NegotiationTrack.name)
    )
    for track_id, name, launched_on in launches:
        events.append(
            DatedEvent(
                "launch", f"negotiations on the {name}", launched_on, "NegotiationTrack", track_id
            )
        )
    return events


def upcoming_anniversaries(
    start: date, end: date, *, viewer: User | None = None, public_only: bool = False
) -> list[Anniversary]:
    """Anniversaries in [start, end]: of what `viewer` may see, of public records only
    (shared reports), or, with neither, of everything (reminders filter per recipient)."""
    if public_only:
        condition = visible_tracks(None)
    elif viewer is not None:
        condition = visible_tracks(viewer)
    else:
        condition = None
    return anniversaries_between(dated_events(condition), start, end)
