"""Building the weekly report for an ISO week from its sections."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tracker.domain.weeks import report_window
from tracker.models import Milestone
from tracker.services.reports import sections
from tracker.services.reports.held import held as held_in
from tracker.services.reports.snapshot import WeeklyReportData
from tracker.services.reports.text import provision_moves
from tracker.services.reports.treaty import actions_recorded, notice_deadlines, pending_consent

LOOKAHEAD_DAYS = 28


def build_weekly_report(iso_week: str, today: date | None = None) -> WeeklyReportData:
    """The report for one ISO week, as things stood at its end. For the week still
    running (`today` inside it), the week so far: its events up to now, and lateness as the
    dashboard counts it (what falls due today is not late yet). The days covered are
    tracker.domain.weeks.report_window's, for the preview and the report sent alike.
    Reads; writes nothing.

    Its sections are the public report (each at most SECTION_LIMIT items, the most pressing
    first, with the total beside it); `restricted` keeps every item of a restricted track
    with the ids that decide who may read it, so that each reader and each recipient gets
    the report of what they may see (tracker.services.reports.audience.report_for).
    """
    window = report_window(iso_week, today)
    starts_on, ends_on, through, after = (
        window.starts_on,
        window.ends_on,
        window.through,
        window.after,
    )
    horizon = ends_on + timedelta(days=LOOKAHEAD_DAYS)
    totals: dict[str, int] = {}

    def upcoming_of(restricted: bool) -> Any:
        return sections.milestones(
            after,
            horizon,
            open_after=through,
            order=(Milestone.planned_on, Milestone.id),
            restricted=restricted,
        )

    def overdue_of(restricted: bool) -> Any:
        # The most recently slipped first: those are the ones a week's report can still save.
        return sections.milestones(
            None,
            after - timedelta(days=1),
            open_after=through,
            late_on=after,
            order=(Milestone.planned_on.desc(), Milestone.id.desc()),
            restricted=restricted,
        )

    status_changes, totals["status_changes"] = sections.status_changes(starts_on, through)
    held, totals["held"] = held_in(starts_on, through)
    upcoming, totals["upcoming_milestones"] = upcoming_of(False)
    overdue, totals["overdue"] = overdue_of(False)
    anniversaries, totals["anniversaries"] = sections.anniversaries(after, horizon)
    stale, totals["stale_tracks"] = sections.stale_tracks(after)
    ratifications, totals["ratifications"] = pending_consent(through, sections.SECTION_LIMIT)
    action_items, totals["action_items"] = sections.action_items(through, horizon)
    slippage, totals["slippage"] = sections.slippage(after)
    projected, totals["projected_meetings"] = sections.projected_meetings(horizon)
    recorded, totals["actions_recorded"] = actions_recorded(
        starts_on, through, sections.SECTION_LIMIT
    )
    moves, totals["provision_moves"] = provision_moves(starts_on, through, sections.SECTION_LIMIT)
    deadlines, totals["notice_deadlines"] = notice_deadlines(after, sections.SECTION_LIMIT)
    restricted = {
        "status_changes": sections.status_changes(starts_on, through, restricted=True)[0],
        "held": held_in(starts_on, through, restricted=True)[0],
        "upcoming_milestones": upcoming_of(True)[0],
        "overdue": overdue_of(True)[0],
        "anniversaries": sections.anniversaries(after, horizon, restricted=True)[0],
        "stale_tracks": sections.stale_tracks(after, restricted=True)[0],
        "action_items": sections.action_items(through, horizon, restricted=True)[0],
        "slippage": sections.slippage(after, restricted=True)[0],
        "provision_moves": provision_moves(starts_on, through, None, restricted=True)[0],
    }
    return WeeklyReportData(
        iso_week=iso_week,
        starts_on=starts_on,
        ends_on=ends_on,
        status_changes=status_changes,
        held=held,
        upcoming_milestones=upcoming,
        anniversaries=anniversaries,
        overdue=overdue,
        stale_tracks=stale,
        ratifications=ratifications,
        totals=totals,
        action_items=action_items,
        slippage=slippage,
        projected_meetings=projected,
        actions_recorded=recorded,
        notice_deadlines=deadlines,
        provision_moves=moves,
        restricted={name: items for name, items in restricted.items() if items},
    )
