"""An agreement's treaty dates in its calendar feed (issue 16 #8): each dated act of its
Parties, and each date its final clauses give, as all-day events (icalendar, RFC 5545).

Calendar clients ask without a language: the text is in the feed owner's language, as the
other events of a feed (tracker.services.calendar.feed_calendar builds it in that
language). The UIDs are stable, so a client updates an event in place.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime, timedelta

from flask_babel import gettext
from icalendar import Event
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.i18n import format_day, full_name, named, translate
from tracker.labels import label
from tracker.models import Agreement, PartyAction, Ratification
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


def _act_named(act: PartyAction) -> str:
    """The act's kind, an objection with the reservation it objects to (as the agreement
    page's chronology says it)."""
    reservation = act.objects_to
    if reservation is None:
        return label(act.kind)
    if reservation.on is None:
        return gettext(
            "Objection to the reservation of %(party)s (date not recorded)",
            party=full_name(reservation.party),
        )
    return gettext(
        "Objection to the reservation of %(party)s (%(on)s)",
        party=full_name(reservation.party),
        on=format_day(reservation.on),
    )


def computed_sequence(on: date, basis: str | None) -> int:
    """A computed date's SEQUENCE (RFC 5545 3.8.7.4): a computed event has no version of its
    own, so a number from its date and its basis (the English sentence, the same in every
    language), that changes when either does and stays while neither does, for a client
    to take a moved date (h16d #4). CRC-32 within RFC 5545's INTEGER (0 to 2**31 - 1)."""
    return zlib.crc32(f"{on.isoformat()}|{basis or ''}".encode()) & 0x7FFFFFFF


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
            event.add(
                "summary",
                gettext(
                    "%(party)s: %(act)s (%(agreement)s)",
                    party=full_name(row.party),
                    act=_act_named(act),
                    agreement=named(agreement),
                ),
            )
            event.add("categories", [gettext("Party action")])
            event.add("transp", "TRANSPARENT")
            details = [d for d in (act.instrument_ref, act.notification_ref, act.note) if d]
            if act.effective_on is not None:
                details.insert(
                    0,
                    gettext("Until / takes effect on %(date)s.", date=format_day(act.effective_on)),
                )
            if details:
                event.add("description", "\n\n".join(details))
            events.append(event)
    for computed in clocks_of(agreement, today).dates:
        if computed.on is None:
            continue
        event = Event()
        who = computed.party or "all"
        event.add("uid", f"clock-{agreement.id}-{computed.kind}-{who}@{host}")
        event.add("sequence", computed_sequence(computed.on, computed.basis))
        event.add("dtstamp", now)
        event.add("dtstart", computed.on)
        event.add("dtend", computed.on + timedelta(days=1))
        event.add(
            "summary",
            gettext(
                "%(what)s (computed): %(agreement)s",
                what=translate(computed.what),
                agreement=named(agreement),
            ),
        )
        event.add("categories", [gettext("Computed date")])
        event.add("transp", "TRANSPARENT")
        lines = [
            gettext("Basis: %(basis)s.", basis=translate(computed.basis)) if computed.basis else ""
        ]
        if computed.recorded_on is not None:
            lines.append(gettext("Recorded: %(date)s.", date=format_day(computed.recorded_on)))
        event.add("description", "\n".join(line for line in lines if line))
        events.append(event)
    return events
