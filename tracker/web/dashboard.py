"""The dashboard: where every track stands, what is due, what is late, what is coming."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template
from flask_login import current_user

from tracker import clock
from tracker.domain.anniversaries import soonest_first
from tracker.services import overview
from tracker.services.action_items import open_items_of
from tracker.services.anniversaries import (
    count_upcoming_anniversaries,
    earliest_event_year,
    upcoming_anniversaries,
)
from tracker.services.bodies import projected_meetings

bp = Blueprint("dashboard", __name__)

DUE_WITHIN_DAYS = 30
ANNIVERSARIES_WITHIN_DAYS = 90
#: the soonest anniversaries shown, and as many jubilees, so none hides behind the rest
ANNIVERSARIES_SHOWN = 12


@bp.route("/")
def index() -> str:
    today = clock.today()
    viewer = current_user
    counts = overview.status_counts(viewer)
    window_end = today + timedelta(days=ANNIVERSARIES_WITHIN_DAYS)
    window = {"viewer": viewer, "earliest_year": earliest_event_year()}
    anniversaries = soonest_first(
        [
            *upcoming_anniversaries(today, window_end, limit=ANNIVERSARIES_SHOWN, **window),
            *upcoming_anniversaries(
                today, window_end, jubilees_only=True, limit=ANNIVERSARIES_SHOWN, **window
            ),
        ]
    )
    return render_template(
        "dashboard/index.html",
        counts=counts,
        max_count=max((n for _, n in counts), default=0),
        tracks_by_status=overview.tracks_by_status(viewer),
        due=overview.milestones_due(today, viewer, DUE_WITHIN_DAYS),
        overdue=overview.overdue_milestones(today, viewer),
        overdue_total=overview.overdue_count(today, viewer),
        anniversaries=anniversaries,
        anniversaries_total=max(
            count_upcoming_anniversaries(today, window_end, **window), len(anniversaries)
        ),
        my_action_items=open_items_of(viewer),
        next_meetings=sorted(projected_meetings(), key=lambda p: p.meeting.expected_on)[:6],
        today=today,
        due_days=DUE_WITHIN_DAYS,
        anniversary_days=ANNIVERSARIES_WITHIN_DAYS,
    )
