"""The stored snapshot of each week's report: what was sent is what the archive shows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker import clock
from tracker.models import WeeklyReport
from tracker.orm import db
from tracker.services.reports.build import build_weekly_report


def stored_report(iso_week: str) -> WeeklyReport | None:
    return db.session.scalar(select(WeeklyReport).where(WeeklyReport.iso_week == iso_week))


def report_archive() -> list[tuple[str, datetime]]:
    """Every stored report's ISO week and when it was generated, the newest week first."""
    return [
        (iso_week, generated_at)
        for iso_week, generated_at in db.session.execute(
            select(WeeklyReport.iso_week, WeeklyReport.generated_at).order_by(
                WeeklyReport.iso_week.desc()
            )
        )
    ]


def store_weekly_report(iso_week: str) -> WeeklyReport:
    """The stored snapshot for the week, generating it the first time, over the days its
    preview shows today (tracker.domain.weeks.report_window: a past week whole)."""
    existing = stored_report(iso_week)
    if existing is not None:
        return existing
    data = build_weekly_report(iso_week, today=clock.today())
    report = WeeklyReport(iso_week=iso_week, data=data.to_json())
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:  # another scheduler stored it a moment ago
        return stored_report(iso_week)  # type: ignore[return-value]
    db.session.flush()
    return report
