"""The dashboard's page model: where every track stands, what is due, what is late, what is
coming, for one reader on one day (the view renders it and does nothing else).

An administrator's dashboard that shows records of restricted tracks not theirs is a read
of them, audited like any list (gate.audit_admin_list, issue 13: "administrators' reads of
restricted records are audited").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tracker.domain.anniversaries import Anniversary, soonest_first
from tracker.domain.workflow import TrackStatus
from tracker.models import ActionItem, Milestone, NegotiationTrack, User
from tracker.services import gate, overview, read_cache
from tracker.services.action_items import held_items_count, open_items_of
from tracker.services.anniversaries import (
    count_upcoming_anniversaries,
    earliest_event_year,
    upcoming_anniversaries,
)
from tracker.services.bodies import BodyProjection, projected_meetings

#: milestones due within this many days are "coming up"
DUE_WITHIN_DAYS = 30
#: anniversaries this many days ahead
ANNIVERSARIES_WITHIN_DAYS = 90
#: the soonest anniversaries shown, and as many jubilees, so none hides behind the rest
ANNIVERSARIES_SHOWN = 12
#: the next meetings of the bodies' series shown
MEETINGS_SHOWN = 6


@dataclass(frozen=True)
class DashboardPage:
    counts: list[tuple[TrackStatus, int]]
    tracks_by_status: dict[TrackStatus, list[NegotiationTrack]]
    due: list[Milestone]
    overdue: list[Milestone]
    overdue_total: int
    anniversaries: list[Anniversary]
    anniversaries_total: int
    my_action_items: list[ActionItem]
    my_held_action_items: int
    next_meetings: list[BodyProjection]
    today: date
    due_days: int = DUE_WITHIN_DAYS
    anniversary_days: int = ANNIVERSARIES_WITHIN_DAYS

    @property
    def max_count(self) -> int:
        return max((n for _, n in self.counts), default=0)

    def as_context(self) -> dict[str, Any]:
        """The template's names for the page's parts."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {
            "max_count": self.max_count
        }


def dashboard_page(viewer: User, today: date) -> DashboardPage:
    """The dashboard of `viewer` on `today` (a date): only what the viewer may see."""
    window_end = today + timedelta(days=ANNIVERSARIES_WITHIN_DAYS)
    window: dict[str, Any] = {"viewer": viewer, "earliest_year": earliest_event_year()}
    anniversaries = soonest_first(
        [
            *upcoming_anniversaries(today, window_end, limit=ANNIVERSARIES_SHOWN, **window),
            *upcoming_anniversaries(
                today, window_end, jubilees_only=True, limit=ANNIVERSARIES_SHOWN, **window
            ),
        ]
    )
    page = DashboardPage(
        counts=overview.status_counts(viewer),
        tracks_by_status=overview.tracks_by_status(viewer),
        due=overview.milestones_due(today, viewer, DUE_WITHIN_DAYS),
        overdue=overview.overdue_milestones(today, viewer),
        overdue_total=overview.overdue_count(today, viewer),
        anniversaries=anniversaries,
        anniversaries_total=max(
            count_upcoming_anniversaries(today, window_end, **window), len(anniversaries)
        ),
        my_action_items=open_items_of(viewer),
        my_held_action_items=held_items_count(viewer),
        next_meetings=sorted(projected_meetings(), key=lambda p: p.meeting.expected_on)[
            :MEETINGS_SHOWN
        ],
        today=today,
    )
    shown_tracks = [t for tracks in page.tracks_by_status.values() for t in tracks]
    gate.audit_admin_list(viewer, NegotiationTrack, shown_tracks, lambda track: [track])
    gate.audit_admin_list(
        viewer, Milestone, [*page.overdue, *page.due], lambda milestone: [milestone.track]
    )
    return page


def dashboard_shown(
    viewer: User, today: date, render: Callable[[DashboardPage], str], language: str
) -> str:
    """The dashboard of `viewer` on `today` as `render` (e.g. a template) turns it into
    text, in `language`: for an officer, kept a short while per reader and process
    (tracker.services.read_cache: dropped at once by any committed change to what it
    shows, by whomever, in any worker). An administrator's is worked out at every read,
    since each read of restricted records not theirs is audited (issue 13).

    Measured (bench/results.md, session 11): the officer's dashboard at scale 10 on
    PostgreSQL costs some hundred milliseconds to work out and render, a few to reuse."""
    if viewer.is_admin:
        return render(dashboard_page(viewer, today))
    return read_cache.remember(
        ("dashboard", viewer.id, today, language),
        lambda: render(dashboard_page(viewer, today)),
    )
