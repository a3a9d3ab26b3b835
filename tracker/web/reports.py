"""The weekly status report: archive, one week, CSV."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker import clock
from tracker.domain.weeks import iso_week_of, neighbour_weeks, parse_report_week, report_window
from tracker.models import WeeklyReport
from tracker.services.reports import (
    WeeklyReportData,
    build_weekly_report,
    report_archive,
    report_csv,
    stored_report,
)
from tracker.services.reports.audience import report_for_reader

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _report(iso_week: str) -> tuple[WeeklyReportData, WeeklyReport | None]:
    """The stored snapshot if there is one, else the report built live (not stored)."""
    try:
        parse_report_week(iso_week, clock.today())
    except ValueError:
        abort(404)
    stored = stored_report(iso_week)
    if stored:
        data = WeeklyReportData.from_json(stored.data)
    else:
        data = build_weekly_report(iso_week, today=clock.today())
    # The reader's own report: the public one, and the restricted tracks they may see.
    return report_for_reader(data, current_user), stored


@bp.route("/weekly/")
def archive() -> Any:
    """The stored reports; with ?week= (the week picker's "2025-W49"), that week's."""
    wanted = request.args.get("week", "").strip()
    error = None
    if wanted:
        try:
            parse_report_week(wanted, clock.today())
        except ValueError:
            error = _("Choose a week from the calendar, such as 2025-W49.")
        else:
            return redirect(url_for(".weekly", iso_week=wanted))
    return render_template(
        "reports/archive.html",
        reports=report_archive(),
        this_week=iso_week_of(clock.today()),
        week_error=error,
        wanted=wanted,
    ), (422 if error else 200)


@bp.route("/weekly/<iso_week>")
def weekly(iso_week: str) -> Any:
    data, stored = _report(iso_week)
    today = clock.today()
    previous, following = neighbour_weeks(iso_week, today)
    window = report_window(iso_week, today)
    return render_template(
        "reports/weekly.html",
        report=data,
        stored=stored,
        # the running week's preview is the week so far, up to now
        running_week=window.running,
        previous_week=previous,
        next_week=following,
    )


@bp.route("/weekly/<iso_week>.csv")
def weekly_csv(iso_week: str) -> Response:
    data, _ = _report(iso_week)
    # A byte-order mark so that Excel opens the UTF-8 correctly.
    body = "\ufeff" + report_csv(data)
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="weekly-report-{iso_week}.csv"'},
    )
