"""Milestones, to their owner and their track's lead officer: before the planned date by
each one's lead days, then weekly once overdue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from tracker.domain.names import OfficialName
from tracker.domain.rounds import shown_title
from tracker.i18n import Plural, Text, When
from tracker.mail.links import url_builder
from tracker.models import Milestone, MilestoneKind, NegotiationTrack, User
from tracker.orm import db
from tracker.services.reminders.reminder import (
    STREAM_CHUNK,
    Reminder,
    _ids,
    lead_days_of,
    notices_on,
    resumed_on_if_ahead,
)


def milestone_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
    leads = {uid: lead_days_of(u) for uid, u in users.items()}
    horizon = max((max(days, default=0) for days in leads.values()), default=0)
    # Plain rows, not ORM objects: a ten-year archive has tens of thousands of open items.
    rows = db.session.execute(
        select(
            Milestone.id,
            Milestone.title,
            Milestone.kind,
            Milestone.number,
            Milestone.planned_on,
            Milestone.location,
            Milestone.owner_id,
            Milestone.track_id,
            NegotiationTrack.name,
            NegotiationTrack.official_name_ru,
            NegotiationTrack.official_name_kk,
            NegotiationTrack.lead_officer_id,
            resumed_on_if_ahead(Milestone.planned_on, Milestone.track_id, today).label(
                "resumed_on"
            ),
        )
        .outerjoin(NegotiationTrack, Milestone.track_id == NegotiationTrack.id)
        .where(
            Milestone.is_open,
            # nothing about a closed or paused track's milestone (its track decides)
            Milestone.is_live,
            Milestone.planned_on <= today + timedelta(days=horizon),
        )
        .order_by(Milestone.planned_on, Milestone.id)
        .execution_options(yield_per=STREAM_CHUNK)
    )
    milestone_url = url_builder("milestones.detail", "milestone_id")
    notice_of = notices_on(today)
    for milestone in rows:
        recipients = dict.fromkeys(
            uid for uid in (milestone.owner_id, milestone.lead_officer_id) if uid in users
        )
        if not recipients:
            continue
        planned_on = milestone.planned_on
        title = _title(milestone)
        # What every recipient's reminder shares is built once per milestone.
        context = {
            "milestone": _milestone_facts(milestone, title),
            "url": milestone_url(milestone.id),
        }
        for uid in recipients:
            notice = notice_of(planned_on, leads[uid], milestone.resumed_on)
            if notice is None:
                continue
            if notice.overdue:
                days_late = (today - planned_on).days
                yield Reminder(
                    key=f"milestone:{milestone.id}:overdue-{notice.overdue_week}:{planned_on}"
                    f":user:{uid}",
                    kind="milestone_overdue",
                    user_id=uid,
                    subject=Plural(
                        "Overdue: %(title)s (planned %(date)s, %(num)s day late)",
                        "Overdue: %(title)s (planned %(date)s, %(num)s days late)",
                        num=days_late,
                        title=title,
                        date=planned_on,
                    ),
                    template="milestone_overdue",
                    context={**context, "days_late": days_late},
                    track_ids=_ids(milestone.track_id),
                )
                continue
            when = When(planned_on, today)
            yield Reminder(
                key=f"milestone:{milestone.id}:lead-{notice.lead_days}:{planned_on}:user:{uid}",
                kind="milestone_due",
                user_id=uid,
                subject=Text(
                    "Reminder: %(title)s %(when)s (%(date)s)",
                    title=title,
                    when=when,
                    date=planned_on,
                ),
                template="milestone_due",
                context={**context, "when": when},
                track_ids=_ids(milestone.track_id),
            )


def _title(milestone: Any) -> str:
    """Its title, or an untitled round's "Round <number>" (a Message: in the reader's
    language where shown, tracker.domain.rounds)."""
    return shown_title(
        milestone.title, is_round=milestone.kind is MilestoneKind.ROUND, number=milestone.number
    )


def _milestone_facts(milestone: Any, title: str) -> dict[str, Any]:
    """The milestone's facts every recipient's reminder shares; `title` is _title's."""
    # the track's name is told in each recipient's language (issue 15#11)
    track_name = OfficialName.of_track(
        milestone.name or "", milestone.official_name_ru, milestone.official_name_kk
    )
    return {
        "id": milestone.id,
        "title": title,
        "kind": milestone.kind.label,
        "planned_on": milestone.planned_on,
        "location": milestone.location,
        "track_name": track_name,
    }
