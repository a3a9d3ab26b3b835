"""An agreement's treaty dates in its calendar feed (issue 16 #8): each dated act of its
Parties, and each date its final clauses give, as all-day events (icalendar, RFC 5545).

Calendar clients ask without a language: the text is in the feed owner's language, as the
other events of a feed (tracker.services.calendar.feed_calendar builds it in that
language). The UIDs are stable, so a client updates an event in place: an act's by its id,
a computed date's by its kind and its Party's id (h16h #2). A computed date's SEQUENCE,
LAST-MODIFIED and DTSTAMP are its stored revision's (tracker.services.calendar_revisions,
h16h #1), which building the feed writes.

DTSTAMP: with METHOD:PUBLISH, RFC 5545 3.8.7.2 lets it be when the object was created,
but the feed's other events (milestones, action items, acts) give their last change, and
a computed event's content was created at its revision: the same moment as LAST-MODIFIED
(3.8.7.3, the last revision in the store), so an unchanged feed reads the same each time
and no read makes an older revision look newer.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext
from icalendar import Event
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain.term_dates import ClockDate
from tracker.i18n import format_day, full_name, named, translate
from tracker.labels import label
from tracker.models import Agreement, PartyAction, Ratification
from tracker.orm import db
from tracker.services.calendar_revisions import Key, Served, revisions
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


def _computed_keys(agreement: Agreement, dates: list[ClockDate]) -> list[Key]:
    """Each computed date's Key: its kind and the id of the Party it is for (0: the
    agreement), stable when the Party is renamed (h16h #2: the domain names Parties by
    their English name, unique among Parties, tracker.models.Party.name). A second date
    of the same kind and Party (two denunciations by one Party) is "kind#2", and so on."""
    party_ids = {row.party.name: row.party.id for row in agreement.ratifications}
    keys: list[Key] = []
    for computed in dates:
        party_key = party_ids.get(str(computed.party), 0) if computed.party else 0
        key = Key(computed.kind, party_key)
        n = 1
        while key in keys:
            n += 1
            key = Key(f"{computed.kind}#{n}", party_key)
        keys.append(key)
    return keys


def _uid(agreement: Agreement, key: Key, host: str) -> str:
    """A computed event's UID: the agreement, the date's kind and its Party's id (or
    "agreement"). Until h16h the last part was the Party's name or "all", with a SEQUENCE
    from a CRC-32 that a client may hold far above the stored revisions' 0, 1, 2, ...: the
    new UIDs replace those events instead of sending updates a client would ignore."""
    who = f"party-{key.party_key}" if key.party_key else "agreement"
    return f"clock-{agreement.id}-{key.kind}-{who}@{host}"


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
    dated = [c for c in clocks_of(agreement, today).dates if c.on is not None]
    keys = _computed_keys(agreement, dated)
    served = revisions(
        agreement.id,
        [
            (key, Served(c.on, str(c.basis or "")))  # type: ignore[arg-type]
            for key, c in zip(keys, dated, strict=True)
        ],
        now=now,
    )
    for key, computed in zip(keys, dated, strict=True):
        revision = served[key]
        event = Event()
        event.add("uid", _uid(agreement, key, host))
        # RFC 5545: SEQUENCE only grows (3.8.7.4); LAST-MODIFIED is the last revision in
        # the store (3.8.7.3); DTSTAMP the same moment, as the feed's other events do
        event.add("sequence", revision.sequence)
        event.add("dtstamp", revision.revised_at)
        event.add("last-modified", revision.revised_at)
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
