"""What reminders are due, and queuing them in the outbox.

due_reminders(now) reads the database and returns plain Reminder records; it sends
nothing. queue_reminders(now) writes the ones not yet queued. Both are safe to run
again for the same moment: every reminder has an idempotency key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from tracker import clock
from tracker.domain.anniversaries import Anniversary
from tracker.domain.reminders import (
    ANNIVERSARY_LEAD_DAYS,
    JUBILEE_LEAD_DAYS,
    in_days,
    lead_due,
    overdue_week,
    parse_lead_days,
    stale_round,
)
from tracker.domain.workflow import TERMINAL, TrackStatus
from tracker.extensions import db
from tracker.mail.links import external_url, url_builder
from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import (
    DEFAULT_LEAD_DAYS,
    Classification,
    Milestone,
    NegotiationTrack,
    Role,
    StatusChange,
    User,
    track_members,
)
from tracker.services.anniversaries import upcoming_anniversaries


@dataclass(frozen=True)
class Reminder:
    """One email due to one person."""

    key: str
    kind: str  # milestone_due, milestone_overdue, track_stale, anniversary
    user_id: int
    subject: str
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)
    #: the track it is about, if any: restricted tracks are told only to who may see them
    track_id: int | None = None


def lead_days_of(user: User) -> tuple[int, ...]:
    try:
        return parse_lead_days(user.reminder_lead_days)
    except ValueError:
        return DEFAULT_LEAD_DAYS


def _today(now: datetime) -> date:
    return now.astimezone(clock.zone()).date()


def due_reminders(now: datetime) -> list[Reminder]:
    """Every reminder due at `now` (whether or not already queued), in a stable order."""
    today = _today(now)
    users = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.active.is_(True), User.reminders_enabled.is_(True))
        )
    }
    allowed = restricted_track_audiences()
    reminders = [
        *_milestone_reminders(today, users),
        *_stale_track_reminders(today, users),
        *_anniversary_reminders(today, users),
    ]
    # Nobody is told about a restricted track they may not see.
    return [
        r
        for r in reminders
        if r.track_id is None or r.track_id not in allowed or r.user_id in allowed[r.track_id]
    ]


def restricted_track_audiences() -> dict[int, set[int]]:
    """Restricted track id -> ids of the users who may see it."""
    admins = set(db.session.scalars(select(User.id).where(User.role == Role.ADMIN)))
    audiences = {
        track_id: admins | ({lead} if lead else set())
        for track_id, lead in db.session.execute(
            select(NegotiationTrack.id, NegotiationTrack.lead_officer_id).where(
                NegotiationTrack.classification == Classification.RESTRICTED
            )
        )
    }
    if audiences:
        for track_id, user_id in db.session.execute(
            select(track_members.c.track_id, track_members.c.user_id).where(
                track_members.c.track_id.in_(audiences)
            )
        ):
            audiences[track_id].add(user_id)
    return audiences


def queue_reminders(now: datetime) -> int:
    """Write the due reminders that are not in the outbox yet; return how many were written."""
    due = due_reminders(now)
    done = already_queued([r.key for r in due])
    fresh = [r for r in due if r.key not in done]
    recipients = {
        u.id: u
        for u in db.session.scalars(select(User).where(User.id.in_({r.user_id for r in fresh})))
    }
    messages = [
        compose(
            r.key,
            kind=r.kind,
            recipient=recipients[r.user_id],
            subject=r.subject,
            template=r.template,
            context=r.context,
        )
        for r in fresh
    ]
    return insert_new(messages, now)


def _milestone_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    horizon = max((max(lead_days_of(u), default=0) for u in users.values()), default=0)
    # Plain rows, not ORM objects: a ten-year archive has tens of thousands of open items.
    rows = db.session.execute(
        select(
            Milestone.id,
            Milestone.title,
            Milestone.kind,
            Milestone.planned_on,
            Milestone.location,
            Milestone.owner_id,
            Milestone.track_id,
            NegotiationTrack.name,
            NegotiationTrack.lead_officer_id,
        )
        .outerjoin(NegotiationTrack, Milestone.track_id == NegotiationTrack.id)
        .where(
            Milestone.done_on.is_(None),
            Milestone.planned_on <= today + timedelta(days=horizon),
        )
        .order_by(Milestone.planned_on, Milestone.id)
    )
    milestone_url = url_builder("milestones.detail", "milestone_id")
    for milestone in rows:
        track_name, lead_officer_id = milestone.name, milestone.lead_officer_id
        recipients = dict.fromkeys(
            uid for uid in (milestone.owner_id, lead_officer_id) if uid in users
        )
        context = {
            "milestone": _milestone_facts(milestone, track_name),
            "url": milestone_url(milestone.id),
        }
        week = overdue_week(milestone.planned_on, today)
        for uid in recipients:
            if week is not None:
                days_late = (today - milestone.planned_on).days
                yield Reminder(
                    key=f"milestone:{milestone.id}:overdue-{week}:{milestone.planned_on}:user:{uid}",
                    kind="milestone_overdue",
                    user_id=uid,
                    subject=f"Overdue: {milestone.title} "
                    f"(planned {milestone.planned_on:%-d %b %Y}, {days_late} days late)",
                    template="milestone_overdue",
                    context={**context, "days_late": days_late},
                    track_id=milestone.track_id,
                )
                continue
            lead_days = lead_due(milestone.planned_on, today, lead_days_of(users[uid]))
            if lead_days is None:
                continue
            when = in_days(milestone.planned_on, today)
            yield Reminder(
                key=f"milestone:{milestone.id}:lead-{lead_days}:{milestone.planned_on}:user:{uid}",
                kind="milestone_due",
                user_id=uid,
                subject=f"Reminder: {milestone.title} {when} ({milestone.planned_on:%-d %b %Y})",
                template="milestone_due",
                context={**context, "when": when},
                track_id=milestone.track_id,
            )


def _milestone_facts(milestone: Any, track_name: str | None) -> dict[str, Any]:
    return {
        "id": milestone.id,
        "title": milestone.title,
        "kind": milestone.kind.label,
        "planned_on": milestone.planned_on,
        "location": milestone.location,
        "track_name": track_name or "",
    }


def last_activity_by_track() -> dict[int, date]:
    """The latest status change or milestone activity of every open track."""
    open_tracks = select(NegotiationTrack.id, NegotiationTrack.status_since).where(
        NegotiationTrack.status.not_in([*TERMINAL, TrackStatus.SUSPENDED])
    )
    activity = {track_id: since for track_id, since in db.session.execute(open_tracks)}
    recorded = db.session.execute(
        select(StatusChange.track_id, func.max(StatusChange.recorded_at)).group_by(
            StatusChange.track_id
        )
    )
    touched = db.session.execute(
        select(Milestone.track_id, func.max(Milestone.updated_at))
        .where(Milestone.track_id.is_not(None))
        .group_by(Milestone.track_id)
    )
    for track_id, moment in [*recorded, *touched]:
        if track_id in activity and moment is not None:
            day = _as_local_date(moment)
            activity[track_id] = max(activity[track_id], day)
    return activity


def _as_local_date(moment: datetime | str) -> date:
    # func.max() comes back as text on SQLite, past the column's type.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(clock.zone()).date()


def stale_since(as_of: date) -> dict[int, date]:
    """Open tracks idle for STALE_AFTER_DAYS or more on `as_of`, with their last activity."""
    stale_after = int(current_app.config["STALE_AFTER_DAYS"])
    return {
        track_id: last
        for track_id, last in last_activity_by_track().items()
        if stale_round(last, as_of, stale_after) is not None
    }


def _stale_track_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    stale_after = int(current_app.config["STALE_AFTER_DAYS"])
    stale = stale_since(today)
    if not stale:
        return
    tracks = db.session.scalars(
        select(NegotiationTrack).where(NegotiationTrack.id.in_(stale)).order_by(NegotiationTrack.id)
    )
    for track in tracks:
        if track.lead_officer_id not in users:
            continue
        last = stale[track.id]
        round_ = stale_round(last, today, stale_after)
        idle = (today - last).days
        yield Reminder(
            key=f"track:{track.id}:stale-{round_}:since-{last}:user:{track.lead_officer_id}",
            kind="track_stale",
            user_id=track.lead_officer_id,
            subject=f"No activity for {idle} days: {track.name}",
            template="track_stale",
            context={
                "track": {
                    "name": track.name,
                    "status": track.status.label,
                    "next_step": track.next_step,
                },
                "idle_days": idle,
                "last_activity": last,
                "url": external_url("tracks.detail", track_id=track.id),
            },
            track_id=track.id,
        )


def anniversary_recipients(users: dict[int, User]) -> list[User]:
    setting = str(current_app.config["ANNIVERSARY_RECIPIENTS"]).strip()
    if setting.lower() == "officers":
        chosen = [u for u in users.values() if u.role in (Role.OFFICER, Role.ADMIN)]
    else:
        emails = {e.strip().lower() for e in setting.split(",") if e.strip()}
        chosen = [u for u in users.values() if u.email.lower() in emails]
    return sorted(chosen, key=lambda u: u.id)


def _anniversary_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    recipients = anniversary_recipients(users)
    if not recipients:
        return
    window_end = today + timedelta(days=max(JUBILEE_LEAD_DAYS))
    for anniversary in upcoming_anniversaries(today, window_end):
        leads = JUBILEE_LEAD_DAYS if anniversary.is_jubilee else ANNIVERSARY_LEAD_DAYS
        lead_days = lead_due(anniversary.falls_on, today, leads)
        if lead_days is None:
            continue
        event = anniversary.event
        # The same for every recipient: built once per anniversary, not once per person.
        key = (
            f"anniversary:{event.object_type}:{event.object_id}:{event.kind}:"
            f"{anniversary.falls_on.year}:lead-{lead_days}:user:"
        )
        subject = anniversary_subject(anniversary, today)
        context = {
            "anniversary": anniversary,
            "when": in_days(anniversary.falls_on, today),
            "url": _anniversary_url(anniversary),
        }
        track_id = event.object_id if event.object_type == "NegotiationTrack" else None
        for user in recipients:
            yield Reminder(
                key=f"{key}{user.id}",
                kind="anniversary",
                user_id=user.id,
                subject=subject,
                template="anniversary",
                context=context,
                track_id=track_id,
            )


def anniversary_subject(anniversary: Anniversary, today: date) -> str:
    when = in_days(anniversary.falls_on, today)
    date_text = f"{anniversary.falls_on:%-d %b %Y}"
    title = anniversary.title
    if anniversary.is_jubilee:
        return f"Jubilee: {title} on {date_text} ({when})"
    return f"Anniversary: {title} on {date_text} ({when})"


def _anniversary_url(anniversary: Anniversary) -> str:
    event = anniversary.event
    if event.object_type == "Agreement":
        return external_url("agreements.detail", agreement_id=event.object_id)
    return external_url("tracks.detail", track_id=event.object_id)
