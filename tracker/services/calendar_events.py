"""The iCalendar file itself (RFC 5545, built with the icalendar package): milestones,
action items, anniversaries and a treaty's dated events as VEVENTs.

Every event has a UID that never changes (milestone-<id>@host, action-item-<id>@host) and
a SEQUENCE that is the record's version, so a client that imports the file again moves the
event it already has instead of adding a second one (tracker.services.calendar serves the
feeds built with it).

The texts (summaries, descriptions, categories) are in the current language: a feed is
built in its owner's (tracker.services.calendar.feed_calendar), with official names in
that language (tracker.i18n.full_name).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext
from icalendar import Calendar, Event

from tracker.domain.anniversaries import Anniversary
from tracker.domain.text import one_line_text
from tracker.domain_words import anniversary_title, milestone_title
from tracker.i18n import format_day, full_name
from tracker.labels import label
from tracker.models import (
    ActionItem,
    ActionStatus,
    DatePrecision,
    Milestone,
)

PRODUCT_ID = "-//Accord Tracker//Agreements and negotiations//EN"


def build_calendar(
    name: str,
    milestones: Iterable[Milestone],
    anniversaries: Iterable[Anniversary] = (),
    *,
    host: str,
    now: datetime,
    urls: dict[int, str] | None = None,
    action_items: Iterable[ActionItem] = (),
    events: Iterable[Event] = (),
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # The calendar's name is one line (clients show it in a list), set through icalendar's
    # own property so it is escaped as TEXT (RFC 5545 section 3.3.11): added as a bare
    # X- value it was written unescaped, and a line break in a track name failed the feed.
    calendar.calendar_name = one_line_text(name)
    for milestone in milestones:
        calendar.add_component(
            milestone_event(milestone, host=host, url=(urls or {}).get(milestone.id))
        )
    for item in action_items:
        calendar.add_component(action_item_event(item, host=host))
    for anniversary in anniversaries:
        calendar.add_component(anniversary_event(anniversary, host=host, now=now))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def milestone_event(milestone: Milestone, *, host: str, url: str | None = None) -> Event:
    """One milestone as an all-day event (the whole month when only the month is known)."""
    event = Event()
    event.add("uid", f"milestone-{milestone.id}@{host}")
    event.add("sequence", milestone.version)
    event.add("dtstamp", milestone.updated_at)
    event.add("last-modified", milestone.updated_at)
    start = milestone.planned_on
    if milestone.date_precision is DatePrecision.MONTH:
        start = start.replace(day=1)
        end = start + relativedelta(months=1)
    else:
        end = start + timedelta(days=1)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", milestone_summary(milestone))
    event.add("categories", [str(label(milestone.kind))])
    event.add("transp", "TRANSPARENT")
    if milestone.location:
        event.add("location", milestone.location)
    details = [line for line in (_context_line(milestone), milestone.notes) if line]
    if milestone.done_on is not None:
        details.insert(0, gettext("Done on %(date)s.", date=format_day(milestone.done_on)))
    if milestone.cancelled_on is not None:
        # RFC 5545 3.8.1.11: a client shows the event as cancelled, or drops it
        event.add("status", "CANCELLED")
        details.insert(
            0, gettext("Cancelled on %(date)s.", date=format_day(milestone.cancelled_on))
        )
    if details:
        event.add("description", "\n\n".join(details))
    if url:
        event.add("url", url)
    return event


def action_item_event(item: ActionItem, *, host: str) -> Event:
    """One action item as an all-day event on its due date; its UID never changes and its
    SEQUENCE is the item's version, as for milestones."""
    event = Event()
    event.add("uid", f"action-item-{item.id}@{host}")
    event.add("sequence", item.version)
    event.add("dtstamp", item.updated_at)
    event.add("last-modified", item.updated_at)
    event.add("dtstart", item.due_on)
    event.add("dtend", item.due_on + timedelta(days=1))
    if item.status is ActionStatus.DONE:
        summary = gettext("Done: action item: %(title)s", title=item.title)
    else:
        summary = gettext("Action item: %(title)s", title=item.title)
    event.add("summary", summary)
    event.add("categories", [gettext("Action item")])
    event.add("transp", "TRANSPARENT")
    details = [gettext("From: %(meeting)s", meeting=milestone_title(item.meeting))]
    if item.track is not None:
        details.append(gettext("Track: %(track)s", track=full_name(item.track)))
    if item.notes:
        details.append(item.notes)
    event.add("description", "\n\n".join(details))
    return event


def milestone_summary(milestone: Milestone) -> str:
    """The event's title, in the current language: "Done: <title>" once done."""
    if milestone.done_on is not None:
        return gettext("Done: %(title)s", title=milestone_title(milestone))
    return milestone_title(milestone)


def _context_line(milestone: Milestone) -> str:
    if milestone.track is not None:
        return gettext("Track: %(track)s", track=full_name(milestone.track))
    if milestone.body is not None:
        return gettext("Body: %(body)s", body=full_name(milestone.body))
    return ""


def anniversary_event(anniversary: Anniversary, *, host: str, now: datetime) -> Event:
    """One anniversary as an all-day event. DTSTAMP is when the agreement or track it
    remembers was last changed (its updated_at), not the moment of the fetch: with
    METHOD:PUBLISH it may be when the object was last revised (RFC 5545 3.8.7.2), as the
    feed's other events are stamped, so an unchanged anniversary reads the same at each
    fetch (h19g1 #6). `now` only when that moment was not read."""
    event = Event()
    dated = anniversary.event
    event.add(
        "uid",
        f"anniversary-{dated.object_type.lower()}-{dated.object_id}-{dated.kind}-"
        f"{anniversary.falls_on.year}@{host}",
    )
    event.add("dtstamp", dated.updated_at or now)
    event.add("dtstart", anniversary.falls_on)
    event.add("dtend", anniversary.falls_on + timedelta(days=1))
    title = anniversary_title(anniversary)
    event.add("summary", title[:1].upper() + title[1:])
    event.add(
        "categories", [gettext("Jubilee") if anniversary.is_jubilee else gettext("Anniversary")]
    )
    event.add("transp", "TRANSPARENT")
    return event
