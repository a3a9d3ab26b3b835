"""Anniversaries and jubilees of agreements and tracks, to the configured recipients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from flask import current_app

from tracker.domain.anniversaries import Anniversary, soonest_first
from tracker.domain.names import fold
from tracker.domain.reminders import ANNIVERSARY_LEAD_DAYS, JUBILEE_LEAD_DAYS, lead_due
from tracker.domain_words import anniversary_title
from tracker.i18n import Text, When
from tracker.mail.links import url_builder
from tracker.models import Role, User
from tracker.services.anniversaries import upcoming_anniversaries
from tracker.services.reminders.reminder import Reminder, _ids


def anniversary_recipients(users: dict[int, User]) -> list[User]:
    setting = str(current_app.config["ANNIVERSARY_RECIPIENTS"]).strip()
    if setting.lower() == "officers":
        chosen = [u for u in users.values() if u.role in (Role.OFFICER, Role.ADMIN)]
    else:
        emails = {fold(e) for e in setting.split(",") if e.strip()}
        chosen = [u for u in users.values() if fold(u.email) in emails]
    return sorted(chosen, key=lambda u: u.id)


def anniversary_reminders(today: date, users: dict[int, User]) -> Iterator[Reminder]:
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
        # Lead reminders only: once the day has passed, there is nothing to catch up.
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
