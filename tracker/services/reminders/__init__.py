"""What reminders are due, and queuing them in the outbox.

due_reminders(now) reads the database and returns plain Reminder records; it sends
nothing. queue_reminders(now) writes the ones not yet queued. Both are safe to run
again for the same moment: every reminder has an idempotency key.

One module per source of reminders (milestones, projected meetings, action items,
ratifications, stale tracks, anniversaries, the legal clocks); when each is due is decided
by the pure rules of tracker.domain.reminders (notice_due).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select

from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import User
from tracker.orm import db
from tracker.services.reminders.action_items import action_item_reminders
from tracker.services.reminders.anniversaries import (
    anniversary_recipients,
    anniversary_reminders,
    anniversary_subject,
)
from tracker.services.reminders.clocks import clock_reminders
from tracker.services.reminders.meetings import projected_meeting_reminders
from tracker.services.reminders.milestones import milestone_reminders
from tracker.services.reminders.ratifications import ratification_reminders
from tracker.services.reminders.reminder import STREAM_CHUNK, Reminder, _today, lead_days_of
from tracker.services.reminders.stale import StaleTrack, stale_track_reminders, stale_tracks
from tracker.services.visibility import restricted_track_readers

__all__ = [
    "STREAM_CHUNK",
    "Reminder",
    "StaleTrack",
    "anniversary_recipients",
    "anniversary_subject",
    "due_reminders",
    "iter_due_reminders",
    "lead_days_of",
    "queue_reminders",
    "stale_tracks",
]


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
        milestone_reminders(today, users),
        projected_meeting_reminders(today, users),
        action_item_reminders(today, users),
        ratification_reminders(today, users),
        stale_track_reminders(today, users),
        anniversary_reminders(today, users),
        clock_reminders(today, users),
    )
    # Nobody is told about a restricted track they may not see.
    for r in reminders:
        if all(r.user_id in readers[t] for t in r.track_ids if t in readers):
            yield r


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
