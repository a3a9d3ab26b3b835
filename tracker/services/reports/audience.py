"""Each reader's weekly report: the public report, plus the items of the restricted
tracks the reader may see, merged in each section's order and counted in its totals."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from tracker.models import User
from tracker.services import gate
from tracker.services.reports.sections import SECTION_LIMIT
from tracker.services.reports.snapshot import WeeklyReportData
from tracker.services.reports.text import move_order
from tracker.services.visibility import restricted_track_readers

#: each section's order, as its builder sorts it (tracker.services.reports.sections)
ORDER: dict[str, Callable[[Any], Any]] = {
    "status_changes": lambda c: (c.effective_on, c.track_name, c.track_id),
    "held": lambda m: (m.done_on, m.id),
    "upcoming_milestones": lambda m: (m.planned_on, m.id),
    "overdue": lambda m: (-m.planned_on.toordinal(), -m.id),
    "anniversaries": lambda a: (a.falls_on, not a.jubilee, a.title),
    "stale_tracks": lambda t: (-t.last_activity.toordinal(), t.name, t.id),
    "action_items": lambda i: (i.due_on, i.id),
    "slippage": lambda s: (-s.days_late, s.track_name, s.track_id),
    "provision_moves": move_order,
}

Sees = Callable[[Iterable[int]], bool]


def reader_sees(reader: User | None, readers: dict[int, set[int]] | None = None) -> Sees:
    """Whether `reader` may see items of all the given restricted tracks (None: the
    public, who may see none). `readers` is restricted_track_readers(), read once for many
    recipients."""
    known = restricted_track_readers() if readers is None else readers
    if reader is None:
        return lambda track_ids: all(t not in known for t in track_ids)
    # A track restricted now (even if it was public when the report was stored) is read
    # only by its readers; any other is public.
    return lambda track_ids: all(t not in known or reader.id in known[t] for t in track_ids)


def report_for(data: WeeklyReportData, sees: Sees) -> WeeklyReportData:
    """The report as one reader may read it: in each section the public items and the
    restricted items `sees` admits, in the section's order, at most SECTION_LIMIT, with
    totals that count exactly those (never the others)."""
    sections: dict[str, list[Any]] = {}
    totals = dict(data.totals)
    for name in ORDER:
        public = getattr(data, name)
        shown = [item for item in public if sees(item.track_ids)]
        admitted = [item for item in data.restricted.get(name, []) if sees(item.track_ids)]
        if len(shown) == len(public) and not admitted:
            continue
        sections[name] = sorted([*shown, *admitted], key=ORDER[name])[:SECTION_LIMIT]
        # Items of tracks restricted since the report was stored leave the total too (those
        # beyond the listed ones are not known one by one: the total may still count them).
        total = totals.get(name, len(public)) - (len(public) - len(shown))
        totals[name] = total + len(admitted)
    return dataclasses.replace(data, restricted={}, totals=totals, **sections)


def report_for_reader(data: WeeklyReportData, reader: User | None) -> WeeklyReportData:
    """The report as `reader` may read it (report_for), on a page or in a CSV download. An
    administrator's read of items of restricted tracks not theirs is audited, once per
    view, like any list (issue 13: "administrators' reads of restricted records are
    audited"); the request commits the event."""
    readers = restricted_track_readers()
    shown = report_for(data, reader_sees(reader, readers))
    items = (item for name in ORDER for item in getattr(shown, name))
    gate.audit_admin_track_ids(
        reader, "WeeklyReport", (t for item in items for t in item.track_ids), readers
    )
    return shown
