"""What reminders are due, and queuing them in the outbox.

due_reminders(now) reads the database and returns plain Reminder records; it sends
nothing. queue_reminders(now) writes the ones not yet queued. Both are safe to run
again for the same moment: every reminder has an idempotency key.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, or_, select

from tracker import clock
from tracker.domain.anniversaries import Anniversary, soonest_first
from tracker.domain.reminders import (
    ANNIVERSARY_LEAD_DAYS,
    JUBILEE_LEAD_DAYS,
    lead_due,
    overdue_week,
    parse_lead_days,
    stale_round,
)
from tracker.domain.workflow import TERMINAL, TrackStatus
from tracker.extensions import db
from tracker.i18n import Ordinal, Plural, Text, When, anniversary_title
from tracker.mail.links import url_builder
from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import (
    DEFAULT_LEAD_DAYS,
    ActionItem,
    ActionStatus,
    Agreement,
    Milestone,
    NegotiationTrack,
    Party,
    Ratification,
    Role,
    User,
)
from tracker.services.anniversaries import upcoming_anniversaries
from tracker.services.bodies import projected_meetings
from tracker.services.visibility import restricted_track_readers

#: rows fetched at a time by the scans, so their memory does not grow with the archive
STREAM_CHUNK = 1_000


@dataclass(frozen=True)
class Reminder:
    """One email due to one person."""

    key: str
    kind: str  # milestone_due, milestone_overdue, track_stale, anniversary
    user_id: int
    subject: Text
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)
    #: the tracks that decide who may be told (a milestone's track; an action item's own
    #: track and its meeting's): a restricted one only to who may see it
    track_ids: tuple[int, ...] = ()


def lead_days_of(user: User) -> tuple[int, ...]:
    try:
        return parse_lead_days(user.reminder_lead_days)
    except ValueError:
        return DEFAULT_LEAD_DAYS


def _today(now: datetime) -> date:
    return now.astimezone(clock.zone()).date()


def due_reminders(now: datetime) -> list[Reminder]:
    """Every reminder due at `now` (whether or not already queued), in a stable order."""
    return list(iter_due_reminders(now))


def iter_due_reminders(now: datetime) -> Iterator[Reminder]:
    """due_reminders() streamed: the scans read their rows STREAM_CHUNK at a time."""
    today = _today(now)
    users = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.active.is_(True), User.reminders_enabled.is_(True))
        )
    }
    readers = restricted_track_readers()
    reminders = itertools.chain(
        _milestone_reminders(today, users),
        _projected_meeting_reminders(today, users),
        _action_item_reminders(today, users),
        _ratification_reminders(today, users),
        _stale_track_reminders(today, users),
        _anniversary_reminders(today, users),
    )
    # Nobody is told about a restricted track they may not see.
    for r in reminders:
        if all(r.user_id in readers[t] for t in r.track_ids if t in readers):
            yield r


def _ids(*track_ids: int | None) -> tuple[int, ...]:
    return tuple(t for t in track_ids if t is not None)


def queue_reminders(now: datetime) -> int:
    """Write the due reminders that are not in the outbox yet; return how many were written.

    The scan is read in batches and only the reminders not yet queued are kept, so memory
    follows the mail to send, not the size of the archive. They are written after the
    scan, a batch per short transaction (committing would end the scan's cursor).
    """
    fresh: list[Reminder] = []
    due = iter_due_reminders(now)
    while batch := list(itertools.islice(due, STREAM_CHUNK)):
        done = already_queued([r.key for r in batch])
        fresh.extend(r for r in batch if r.key not in done)
    written = 0
    for start in range(0, len(fresh), STREAM_CHUNK):
        batch = fresh[start : start + STREAM_CHUNK]
        recipients = {
            u.id: u
            for u in db.session.scalars(select(User).where(User.id.in_({r.user_id for r in batch})))
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
            for r in batch
        ]
        written += insert_new(messages, now)
    return written


def _milestone_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    leads = {uid: lead_days_of(u) for uid, u in users.items()}
    horizon = max((max(days, default=0) for days in leads.values()), default=0)
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
        .execution_options(yield_per=STREAM_CHUNK)
    )
    milestone_url = url_builder("milestones.detail", "milestone_id")
    for milestone in rows:
        recipients = dict.fromkeys(
            uid for uid in (milestone.owner_id, milestone.lead_officer_id) if uid in users
        )
        if not recipients:
            continue
        planned_on = milestone.planned_on
        # What every recipient's reminder shares is built once per milestone.
        context = {
            "milestone": _milestone_facts(milestone, milestone.name),
            "url": milestone_url(milestone.id),
        }
        week = overdue_week(planned_on, today)
        if week is not None:
            days_late = (today - planned_on).days
            subject = Plural(
                "Overdue: %(title)s (planned %(date)s, %(num)s day late)",
                "Overdue: %(title)s (planned %(date)s, %(num)s days late)",
                num=days_late,
                title=milestone.title,
                date=planned_on,
            )
            overdue_context = {**context, "days_late": days_late}
            for uid in recipients:
                yield Reminder(
                    key=f"milestone:{milestone.id}:overdue-{week}:{planned_on}:user:{uid}",
                    kind="milestone_overdue",
                    user_id=uid,
                    subject=subject,
                    template="milestone_overdue",
                    context=overdue_context,
                    track_ids=_ids(milestone.track_id),
                )
            continue
        when = When(planned_on, today)
        for uid in recipients:
            lead_days = lead_due(planned_on, today, leads[uid])
            if lead_days is None:
                continue
            yield Reminder(
                key=f"milestone:{milestone.id}:lead-{lead_days}:{planned_on}:user:{uid}",
                kind="milestone_due",
                user_id=uid,
                subject=Text(
                    "Reminder: %(title)s %(when)s (%(date)s)",
                    title=milestone.title,
                    when=when,
                    date=planned_on,
                ),
                template="milestone_due",
                context={**context, "when": when},
                track_ids=_ids(milestone.track_id),
            )


def _projected_meeting_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    """A body's next meeting, projected from its cadence, is reminded like a milestone to the
    body's secretariat officer: with no date set yet, the reminder asks for one."""
    body_url = url_builder("bodies.detail", "body_id")
    for projection in projected_meetings():
        uid = projection.owner_id
        if uid not in users:
            continue
        meeting = projection.meeting
        expected_on = meeting.expected_on
        title = Text(
            "%(ordinal)s meeting of the %(body)s",
            ordinal=Ordinal(meeting.number),
            body=projection.body_name,
        )
        context = {
            "title": title,
            "expected_on": expected_on,
            "after_number": meeting.after_number,
            "after_on": meeting.after_on,
            "url": body_url(projection.body_id),
        }
        week = overdue_week(expected_on, today)
        if week is not None:
            yield Reminder(
                key=f"body:{projection.body_id}:meeting-{meeting.number}:overdue-{week}:"
                f"{expected_on}:user:{uid}",
                kind="meeting_projected",
                user_id=uid,
                subject=Text(
                    "No date set: %(meeting)s was expected around %(date)s",
                    meeting=title,
                    date=expected_on,
                ),
                template="meeting_projected",
                context={**context, "when": When(expected_on, today)},
            )
            continue
        lead_days = lead_due(expected_on, today, lead_days_of(users[uid]))
        if lead_days is None:
            continue
        yield Reminder(
            key=f"body:{projection.body_id}:meeting-{meeting.number}:lead-{lead_days}:"
            f"{expected_on}:user:{uid}",
            kind="meeting_projected",
            user_id=uid,
            subject=Text(
                "Set a date: %(meeting)s, expected around %(date)s",
                meeting=title,
                date=expected_on,
            ),
            template="meeting_projected",
            context={**context, "when": When(expected_on, today)},
        )


def _action_item_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    """Open action items, to their owners: before the due date by the owner's lead days,
    then weekly once overdue."""
    leads = {uid: lead_days_of(u) for uid, u in users.items()}
    horizon = max((max(days, default=0) for days in leads.values()), default=0)
    rows = db.session.execute(
        select(
            ActionItem.id,
            ActionItem.title,
            ActionItem.due_on,
            ActionItem.owner_id,
            ActionItem.track_id,
            ActionItem.meeting_id,
            Milestone.title.label("meeting_title"),
            Milestone.track_id.label("meeting_track_id"),
        )
        .join(Milestone, ActionItem.meeting_id == Milestone.id)
        .where(
            ActionItem.status == ActionStatus.OPEN,
            ActionItem.owner_id.is_not(None),
            ActionItem.due_on <= today + timedelta(days=horizon),
        )
        .order_by(ActionItem.due_on, ActionItem.id)
        .execution_options(yield_per=STREAM_CHUNK)
    )
    meeting_url = url_builder("milestones.detail", "milestone_id")
    for item in rows:
        uid = item.owner_id
        if uid not in users:
            continue
        context = {
            "item": {"title": item.title, "due_on": item.due_on, "meeting": item.meeting_title},
            "url": meeting_url(item.meeting_id),
        }
        week = overdue_week(item.due_on, today)
        if week is not None:
            days_late = (today - item.due_on).days
            yield Reminder(
                key=f"action:{item.id}:overdue-{week}:{item.due_on}:user:{uid}",
                kind="action_item_overdue",
                user_id=uid,
                subject=Plural(
                    "Overdue action item: %(title)s (%(num)s day late)",
                    "Overdue action item: %(title)s (%(num)s days late)",
                    num=days_late,
                    title=item.title,
                ),
                template="action_item",
                context={**context, "days_late": days_late},
                track_ids=_ids(item.track_id, item.meeting_track_id),
            )
            continue
        lead_days = lead_due(item.due_on, today, leads[uid])
        if lead_days is None:
            continue
        when = When(item.due_on, today)
        yield Reminder(
            key=f"action:{item.id}:lead-{lead_days}:{item.due_on}:user:{uid}",
            kind="action_item_due",
            user_id=uid,
            subject=Text("Action item due %(when)s: %(title)s", when=when, title=item.title),
            template="action_item",
            context={**context, "when": when},
            track_ids=_ids(item.track_id, item.meeting_track_id),
        )


def _ratification_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    """A party past its expected ratification date, to the agreement's owner, weekly."""
    rows = db.session.execute(
        select(
            Ratification.id,
            Ratification.expected_by,
            Party.name.label("party"),
            Agreement.id.label("agreement_id"),
            Agreement.title,
            Agreement.short_title,
            Agreement.owner_id,
        )
        .join(Party, Ratification.party_id == Party.id)
        .join(Agreement, Ratification.agreement_id == Agreement.id)
        .where(
            Ratification.expected_by < today,
            Ratification.notified_on.is_(None),
            Ratification.deposited_on.is_(None),
            Agreement.owner_id.is_not(None),
        )
        .order_by(Ratification.expected_by, Ratification.id)
    )
    agreement_url = url_builder("agreements.detail", "agreement_id")
    for row in rows:
        uid = row.owner_id
        if uid not in users:
            continue
        week = overdue_week(row.expected_by, today)
        if week is None:
            continue
        agreement_name = row.short_title or row.title
        days_late = (today - row.expected_by).days
        yield Reminder(
            key=f"ratification:{row.id}:overdue-{week}:{row.expected_by}:user:{uid}",
            kind="ratification_overdue",
            user_id=uid,
            subject=Plural(
                "Ratification overdue: %(party)s, %(agreement)s (%(num)s day)",
                "Ratification overdue: %(party)s, %(agreement)s (%(num)s days)",
                num=days_late,
                party=row.party,
                agreement=agreement_name,
            ),
            template="ratification_overdue",
            context={
                "party": row.party,
                "agreement": agreement_name,
                "expected_by": row.expected_by,
                "days_late": days_late,
                "url": f"{agreement_url(row.agreement_id)}#parties",
            },
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


@dataclass(frozen=True)
class StaleTrack:
    id: int
    name: str
    status: TrackStatus
    next_step: str
    lead_officer_id: int | None
    last_activity: date


def last_activity_by_track() -> dict[int, date]:
    """The latest status change or milestone activity of every open track."""
    return {
        track_id: _last_activity(since, moment)
        for track_id, since, moment in db.session.execute(
            select(
                NegotiationTrack.id,
                NegotiationTrack.status_since,
                NegotiationTrack.last_activity_at,
            ).where(_open_track())
        )
    }


def _open_track() -> ColumnElement[bool]:
    return NegotiationTrack.status.not_in([*TERMINAL, TrackStatus.SUSPENDED])


def _last_activity(status_since: date, last_activity_at: datetime | None) -> date:
    if last_activity_at is None:
        return status_since
    return max(status_since, last_activity_at.astimezone(clock.zone()).date())


def stale_tracks(as_of: date, *conditions: ColumnElement[bool]) -> Iterator[StaleTrack]:
    """Open tracks idle for STALE_AFTER_DAYS or more on `as_of`, by id, streamed.

    Idle means neither the status date nor the stored last activity (see
    tracker.models.activity) is later than `as_of - STALE_AFTER_DAYS`, so this is one
    indexed query, whatever the size of the archive.
    """
    stale_after = int(current_app.config["STALE_AFTER_DAYS"])
    cutoff = as_of - timedelta(days=stale_after)
    # The first moment of the local day after the cutoff, in UTC: activity before it
    # falls on the cutoff day or earlier.
    next_day = datetime.combine(cutoff + timedelta(days=1), time(), tzinfo=clock.zone())
    rows = db.session.execute(
        select(
            NegotiationTrack.id,
            NegotiationTrack.name,
            NegotiationTrack.status,
            NegotiationTrack.next_step,
            NegotiationTrack.lead_officer_id,
            NegotiationTrack.status_since,
            NegotiationTrack.last_activity_at,
        )
        .where(
            _open_track(),
            NegotiationTrack.status_since <= cutoff,
            or_(
                NegotiationTrack.last_activity_at.is_(None),
                NegotiationTrack.last_activity_at < next_day.astimezone(UTC),
            ),
            *conditions,
        )
        .order_by(NegotiationTrack.id)
        .execution_options(yield_per=STREAM_CHUNK)
    )
    for row in rows:
        yield StaleTrack(
            id=row.id,
            name=row.name,
            status=row.status,
            next_step=row.next_step,
            lead_officer_id=row.lead_officer_id,
            last_activity=_last_activity(row.status_since, row.last_activity_at),
        )


def _stale_track_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    stale_after = int(current_app.config["STALE_AFTER_DAYS"])
    track_url = url_builder("tracks.detail", "track_id")
    for track in stale_tracks(today):
        if track.lead_officer_id not in users:
            continue
        last = track.last_activity
        round_ = stale_round(last, today, stale_after)
        idle = (today - last).days
        yield Reminder(
            key=f"track:{track.id}:stale-{round_}:since-{last}:user:{track.lead_officer_id}",
            kind="track_stale",
            user_id=track.lead_officer_id,
            subject=Plural(
                "No activity for %(num)s day: %(track)s",
                "No activity for %(num)s days: %(track)s",
                num=idle,
                track=track.name,
            ),
            template="track_stale",
            context={
                "track": {
                    "name": track.name,
                    "status": track.status.label,
                    "next_step": track.next_step,
                },
                "idle_days": idle,
                "last_activity": last,
                "url": track_url(track.id),
            },
            track_ids=(track.id,),
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
    # Ordinary anniversaries are announced a week ahead, jubilees three months ahead: two
    # narrow reads instead of every anniversary of the next three months.
    ordinary = upcoming_anniversaries(today, today + timedelta(days=max(ANNIVERSARY_LEAD_DAYS)))
    jubilees = upcoming_anniversaries(
        today, today + timedelta(days=max(JUBILEE_LEAD_DAYS)), jubilees_only=True
    )
    anniversary_url = _anniversary_urls()
    for anniversary in soonest_first([*ordinary, *jubilees]):
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
            "when": When(anniversary.falls_on, today),
            "url": anniversary_url(anniversary),
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
                track_ids=_ids(track_id),
            )


def anniversary_subject(anniversary: Anniversary, today: date) -> Text:
    """Told in each recipient's language when the message is composed."""
    values = {
        "title": lambda: anniversary_title(anniversary),
        "date": anniversary.falls_on,
        "when": When(anniversary.falls_on, today),
    }
    if anniversary.is_jubilee:
        return Text("Jubilee: %(title)s on %(date)s (%(when)s)", **values)
    return Text("Anniversary: %(title)s on %(date)s (%(when)s)", **values)


def _anniversary_urls() -> Callable[[Anniversary], str]:
    agreement_url = url_builder("agreements.detail", "agreement_id")
    track_url = url_builder("tracks.detail", "track_id")

    def url(anniversary: Anniversary) -> str:
        event = anniversary.event
        if event.object_type == "Agreement":
            return agreement_url(event.object_id)
        return track_url(event.object_id)

    return url
