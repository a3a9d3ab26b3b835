"""The dashboard: where every track stands, what is due, what is late, what is coming."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template

from tracker import clock
from tracker.services import overview
from tracker.services.anniversaries import upcoming_anniversaries

bp = Blueprint("dashboard", __name__)

DUE_WITHIN_DAYS = 30
ANNIVERSARIES_WITHIN_DAYS = 90


@bp.route("/")
def index() -> str:
    today = clock.today()
    counts = overview.status_counts()
    return render_template(
        "dashboard/index.html",
        counts=counts,
        max_count=max((n for _, n in counts), default=0),
        tracks_by_status=overview.tracks_by_status(),
        due=overview.milestones_due(today, DUE_WITHIN_DAYS),
        overdue=overview.overdue_milestones(today),
        anniversaries=upcoming_anniversaries(
            today, today + timedelta(days=ANNIVERSARIES_WITHIN_DAYS)
        ),
        due_days=DUE_WITHIN_DAYS,
        anniversary_days=ANNIVERSARIES_WITHIN_DAYS,
    )
