"""An agreement's treaty dates in its calendar feed (issue 16 #8): each dated act of its
Parties, and each date its final clauses give, as all-day events (icalendar, RFC 5545).

Feeds are read by calendar clients without a language: their text is English, as the
other events of a feed. The UIDs are stable, so a client updates an event in place.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Event
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.models import Agreement, Ratification
from tracker.orm import db
from tracker.services.clock_rules import clocks_of


def load_for_feed(agreement_id: int) -> Agreement | None:
    """The agreement with its rows, acts and final clauses (the feed's own scope)."""
    return db.session.scalar(
        select(Agreement)
        .where(Agreement.id == agreement_id)
        .options(
            selectinload(Agreement.clock_rules),
            selectinload(Agreement.ratifications).joinedload(Ratification.party),
            selectinload(Agreement.ratifications).selectinload(Ratification.actions),
        )
    )


def treaty_events(agreement: Agreement, *, host: str, today: date, now: datetime) -> list[Event]:
    """The agreement's dated acts and computed dates as events."""
    events = []
    for row in agreement.ratifications:
        for act in row.actions:
            if act.on is None:
                continue  # "not recorded" has no day in a calendar
            event = Event()
            event.add("uid", f"party-action-{act.id}@{host}")
            event.add("sequence", act.version)
            event.add("dtstamp", act.updated_at)
            event.add("last-modified", act.updated_at)
            event.add("dtstart", act.on)
            event.add("dtend", act.on + timedelta(days=1))
            event.add("summary", f"{row.party.name}: {act.kind.label} ({agreement.display_title})")
            event.add("categories", ["Party action"])
            event.add("transp", "TRANSPARENT")
            details = [d for d in (act.instrument_ref, act.notification_ref, act.note) if d]
            if act.effective_on is not None:
                details.insert(0, f"Until / takes effect on {act.effective_on:%-d %B %Y}.")
            if details:
                event.add("description", "\n\n".join(details))
            events.append(event)
    for computed in clocks_of(agreement, today).dates:
        if computed.on is None:
            continue
        event = Event()
        who = computed.party or "all"
        event.add("uid", f"clock-{agreement.id}-{computed.kind}-{who}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", computed.on)
        event.add("dtend", computed.on + timedelta(days=1))
        event.add("summary", f"{computed.what} (computed): {agreement.display_title}")
        event.add("categories", ["Computed date"])
        event.add("transp", "TRANSPARENT")
        lines = [f"Basis: {computed.basis}." if computed.basis else ""]
        if computed.recorded_on is not None:
            lines.append(f"Recorded: {computed.recorded_on:%-d %B %Y}.")
        event.add("description", "\n".join(line for line in lines if line))
        events.append(event)
    return events
