"""Load the dated events the anniversary rules work on."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from tracker.domain.anniversaries import Anniversary, DatedEvent, anniversaries_between
from tracker.domain.workflow import TrackStatus
from tracker.extensions import db
from tracker.models import Agreement, NegotiationTrack, StatusChange


def dated_events() -> list[DatedEvent]:
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
        .group_by(NegotiationTrack.id, NegotiationTrack.name)
    )
    for track_id, name, launched_on in launches:
        events.append(
            DatedEvent(
                "launch", f"negotiations on the {name}", launched_on, "NegotiationTrack", track_id
            )
        )
    return events


def upcoming_anniversaries(start: date, end: date) -> list[Anniversary]:
    return anniversaries_between(dated_events(), start, end)
