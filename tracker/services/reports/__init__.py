"""The weekly status report: build it for an ISO week, store it, queue it, export it.

snapshot (the report as data, and its stored JSON), sections (one builder per section),
build (the report of a week), store (the stored snapshot), delivery (when it is due, and
queuing it), csv_export (one table for a spreadsheet).
"""

from __future__ import annotations

from tracker.services.reports.build import LOOKAHEAD_DAYS, build_weekly_report
from tracker.services.reports.csv_export import report_csv
from tracker.services.reports.delivery import (
    SEND_AT,
    queue_due_weekly_report,
    queue_weekly_report,
    report_week_due,
)
from tracker.services.reports.snapshot import (
    ReportActionItem,
    ReportAnniversary,
    ReportMilestone,
    ReportProjectedMeeting,
    ReportRatification,
    ReportSlippage,
    ReportStaleTrack,
    ReportStatusChange,
    WeeklyReportData,
)
from tracker.services.reports.store import report_archive, store_weekly_report, stored_report

__all__ = [
    "LOOKAHEAD_DAYS",
    "SEND_AT",
    "ReportActionItem",
    "ReportAnniversary",
    "ReportMilestone",
    "ReportProjectedMeeting",
    "ReportRatification",
    "ReportSlippage",
    "ReportStaleTrack",
    "ReportStatusChange",
    "WeeklyReportData",
    "build_weekly_report",
    "queue_due_weekly_report",
    "queue_weekly_report",
    "report_archive",
    "report_csv",
    "report_week_due",
    "store_weekly_report",
    "stored_report",
]
