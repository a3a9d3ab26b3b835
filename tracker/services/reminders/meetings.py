"""A body's next meeting, projected from its cadence, to the body's secretariat officer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tracker.domain.reminders import notice_due
from tracker.i18n import Ordinal, Text, When
from tracker.mail.links import url_builder
from tracker.models import User
from tracker.services.bodies import projected_meetings
from tracker.services.reminders.reminder import Reminder, lead_days_of


def projected_meeting_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
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
            body=projection.official_body_name,
        )
        context = {
            "title": title,
            "expected_on": expected_on,
            "after_number": meeting.after_number,
            "after_on": meeting.after_on,
            "url": body_url(projection.body_id),
        }
        notice = notice_due(expected_on, today, lead_days_of(users[uid]))
        if notice is None:
            continue
        if notice.overdue:
            yield Reminder(
                key=f"body:{projection.body_id}:meeting-{meeting.number}:"
                f"overdue-{notice.overdue_week}:{expected_on}:user:{uid}",
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
        yield Reminder(
            key=f"body:{projection.body_id}:meeting-{meeting.number}:"
            f"lead-{notice.lead_days}:{expected_on}:user:{uid}",
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
