"""Open action items, to their owners."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import func, select

from tracker.i18n import Plural, Text, When
from tracker.mail.links import url_builder
from tracker.models import ActionItem, Milestone, User
from tracker.orm import db
from tracker.services.reminders.reminder import (
    STREAM_CHUNK,
    Reminder,
    _ids,
    lead_days_of,
    notices_on,
    resumed_on_if_ahead,
)


def action_item_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
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
            resumed_on_if_ahead(
                ActionItem.due_on, func.coalesce(ActionItem.track_id, Milestone.track_id), today
            ).label("resumed_on"),
        )
        .join(Milestone, ActionItem.meeting_id == Milestone.id)
        .where(
            ActionItem.is_open,
            # nothing about an item of a closed or paused track (the track it moves decides)
            ActionItem.is_live,
            ActionItem.owner_id.is_not(None),
            ActionItem.due_on <= today + timedelta(days=horizon),
        )
        .order_by(ActionItem.due_on, ActionItem.id)
        .execution_options(yield_per=STREAM_CHUNK)
    )
    meeting_url = url_builder("milestones.detail", "milestone_id")
    notice_of = notices_on(today)
    for item in rows:
        uid = item.owner_id
        if uid not in users:
            continue
        context = {
            "item": {"title": item.title, "due_on": item.due_on, "meeting": item.meeting_title},
            "url": meeting_url(item.meeting_id),
        }
        notice = notice_of(item.due_on, leads[uid], item.resumed_on)
        if notice is None:
            continue
        if notice.overdue:
            days_late = (today - item.due_on).days
            yield Reminder(
                key=f"action:{item.id}:overdue-{notice.overdue_week}:{item.due_on}:user:{uid}",
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
        when = When(item.due_on, today)
        yield Reminder(
            key=f"action:{item.id}:lead-{notice.lead_days}:{item.due_on}:user:{uid}",
            kind="action_item_due",
            user_id=uid,
            subject=Text("Action item due %(when)s: %(title)s", when=when, title=item.title),
            template="action_item",
            context={**context, "when": when},
            track_ids=_ids(item.track_id, item.meeting_track_id),
        )
