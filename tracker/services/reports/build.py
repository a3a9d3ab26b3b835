"""Building the weekly report for an ISO week from its sections."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.weeks import parse_iso_week
from tracker.models import Milestone
from tracker.services.reports import sections
from tracker.services.reports.held import held as held_in
from tracker.services.reports.snapshot import WeeklyReportData

LOOKAHEAD_DAYS = 28


def build_weekly_report(iso_week: str, today: date | None = None) -> WeeklyReportData:
    """The report for one ISO week, as things stood at its end; for the week still
    running (`today` inside it), as things stand at the end of yesterday, so that a
    deadline not yet due is not called late (the preview agrees with the dashboard).
    Reads; writes nothing.

    Its sections are the public report (each at most SECTION_LIMIT items, the most pressing
    first, with the total beside it); `restricted` keeps every item of a restricted track
    with the ids that decide who may read it, so that each reader and each recipient gets
    the report of what they may see (tracker.services.reports.audience.report_for).
    """
    starts_on, ends_on = parse_iso_week(iso_week)
    week_end = ends_on
    if today is not None and starts_on <= today <= ends_on:
        ends_on = today - timedelta(days=1)  # the report as of the end of yesterday
    after = ends_on + timedelta(days=1)
    horizon = ends_on + timedelta(days=LOOKAHEAD_DAYS)
    totals: dict[str, int] = {}

    status_changes, totals["status_changes"] = sections.status_changes(starts_on, ends_on)
    held, totals["held"] = held_in(starts_on, ends_on)
    upcoming, totals["upcoming_milestones"] = sections.milestones(
        after,
        horizon,
        open_after=ends_on,
        order=(Milestone.planned_on, Milestone.id),
    )
    # The most recently slipped first: those are the ones a week's report can still save.
    overdue, totals["overdue"] = sections.milestones(
        None,
        ends_on,
        open_after=ends_on,
        late_on=after,
        order=(Milestone.planned_on.desc(), Milestone.id.desc()),
    )
    anniversaries, totals["anniversaries"] = sections.anniversaries(after, horizon)
    stale, totals["stale_tracks"] = sections.stale_tracks(after)
    ratifications, totals["ratifications"] = sections.pending_ratifications(ends_on)
    action_items, totals["action_items"] = sections.action_items(ends_on, horizon)
    slippage, totals["slippage"] = sections.slippage(after)
    projected, totals["projected_meetings"] = sections.projected_meetings(horizon)
    restricted = {
        "status_changes": sections.status_changes(starts_on, ends_on, restricted=True)[0],
        "held": held_in(starts_on, ends_on, restricted=True)[0],
        "upcoming_milestones": sections.milestones(
            after,
            horizon,
            open_after=ends_on,
            order=(Milestone.planned_on, Milestone.id),
            restricted=True,
        )[0],
        "overdue": sections.milestones(
            None,
            ends_on,
            open_after=ends_on,
            late_on=after,
            order=(Milestone.planned_on.desc(), Milestone.id.desc()),
            restricted=True,
        )[0],
        "anniversaries": sections.anniversaries(after, horizon, restricted=True)[0],
        "stale_tracks": sections.stale_tracks(after, restricted=True)[0],
        "action_items": sections.action_items(ends_on, horizon, restricted=True)[0],
        "slippage": sections.slippage(after, restricted=True)[0],
    }
    return WeeklyReportData(
        iso_week=iso_week,
        starts_on=starts_on,
        ends_on=week_end,
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
        restricted={name: items for name, items in restricted.items() if items},
    )
