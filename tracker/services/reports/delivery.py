"""Sending the weekly report: which week is due, and queuing it to the subscribers."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask_babel import format_date
from sqlalchemy import select

from tracker import clock
from tracker.domain.weeks import previous_iso_week
from tracker.i18n import Text
from tracker.mail.links import external_url
from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import User
from tracker.orm import db
from tracker.services.reports.audience import reader_sees, report_for
from tracker.services.reports.snapshot import WeeklyReportData
from tracker.services.reports.store import store_weekly_report
from tracker.services.visibility import restricted_track_readers

#: the report for the past week goes out on Monday at this local time
SEND_AT = time(7, 0)


def report_week_due(now: datetime) -> str:
    """The week whose report is due at `now`: last week once Monday 07:00 has passed."""
    local = now.astimezone(clock.zone())
    monday = local.date() - timedelta(days=local.weekday())
    if local.date() == monday and local.time() < SEND_AT:
        return previous_iso_week(monday - timedelta(days=7))
    return previous_iso_week(local.date())


def queue_weekly_report(iso_week: str, now: datetime) -> int:
    """Store the week's report and queue it to every subscriber not yet sent it."""
    report = store_weekly_report(iso_week)
    data = WeeklyReportData.from_json(report.data)
    subscribers = db.session.scalars(
        select(User)
        .where(User.active.is_(True), User.weekly_report_enabled.is_(True))
        .order_by(User.id)
    ).all()
    keys = {user.id: f"weekly:{iso_week}:user:{user.id}" for user in subscribers}
    done = already_queued(list(keys.values()))
    subject = Text(
        "Weekly status report, %(week)s (%(starts)s – %(ends)s)",
        week=iso_week,
        starts=lambda: format_date(data.starts_on, "d MMM"),
        ends=data.ends_on,
    )
    url = external_url("reports.weekly", iso_week=iso_week)
    # Each recipient's own report: the public one, plus the restricted tracks they may see.
    readers = restricted_track_readers()
    messages = [
        compose(
            keys[user.id],
            kind="weekly_report",
            recipient=user,
            subject=subject,
            template="weekly_report",
            context={
                "report": report_for(data, reader_sees(user, readers)),
                "url": url,
            },
        )
        for user in subscribers
        if keys[user.id] not in done
    ]
    return insert_new(messages, now)


def queue_due_weekly_report(now: datetime) -> int:
    return queue_weekly_report(report_week_due(now), now)
