"""The weekly report as one CSV table, for a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from tracker.domain_words import milestone_title
from tracker.services.reports.snapshot import WeeklyReportData
from tracker.services.spreadsheets import neutralise


def report_csv(data: WeeklyReportData) -> str:
    """One table for a spreadsheet: a row per item, with its section. An untitled round is
    named by its number in the current language (the reader's); the English names
    are kept in their columns; "name (ru)" and "name (kk)" give the official names in
    Russian and Kazakh of the track or agreement a row names, where known (issue 15#11):
    of the item itself for a status change, stale track, ratification, slippage or
    projected meeting; of its track, agreement or body for a milestone."""
    rows: list[tuple[Any, ...]] = []  # the last value of each: the official names
    for c in data.status_changes:
        move = f"{c.from_status} → {c.to_status}" if c.from_status else c.to_status
        rows.append(("status change", c.effective_on, c.track_name, move, c.officer, c.names))
    for m in data.held:
        rows.append(("held or done", m.done_on, milestone_title(m), m.parent, m.owner, m.names))
    for m in data.upcoming_milestones:
        rows.append(
            ("upcoming milestone", m.planned_on, milestone_title(m), m.parent, m.owner, m.names)
        )
    for a in data.anniversaries:
        rows.append(("anniversary", a.falls_on, a.title, "jubilee" if a.jubilee else "", ""))
    for m in data.overdue:
        rows.append(
            (
                "overdue",
                m.planned_on,
                milestone_title(m),
                f"{m.days_late} days late",
                m.owner,
                m.names,
            )
        )
    for t in data.stale_tracks:
        rows.append(
            ("stale track", t.last_activity, t.name, f"idle {t.idle_days} days", "", t.names)
        )
    for r in data.ratifications:
        rows.append(
            (
                "ratification",
                "",
                r.title,
                f"{r.ratified} of {r.parties} have consented to be bound",
                "",
                r.names,
            )
        )
    for i in data.action_items:
        late = f"{i.days_late} days late" if i.days_late else ""
        rows.append(("action item", i.due_on, i.title, f"{i.meeting} {late}".strip(), i.owner))
    for t in data.slippage:
        rows.append(
            (
                "slippage",
                t.target_on,
                t.track_name,
                f"{t.stage}: {t.days_late} days late",
                "",
                t.names,
            )
        )
    for p in data.projected_meetings:
        rows.append(("projected meeting", p.expected_on, p.title, "no date set yet", "", p.names))
    # the treaty sections (issue 16 #8): acts recorded in the week, and the last days to
    # give notice in the next three months (kind: notice_deadline or denunciation_deadline)
    for act in data.actions_recorded:
        rows.append(
            ("party action", act.on or "", act.title, f"{act.party}: {act.kind}", "", act.names)
        )
    for d in data.notice_deadlines:
        rows.append(("notice deadline", d.falls_on, d.title, d.kind, "", d.names))
    for m in data.provision_moves:
        heading = f"{m.kind.capitalize()} {m.number}".strip()
        status = m.to_status.replace("_", " ")
        rows.append((f"provision {m.move}", m.changed_on, m.track_name, f"{heading}: {status}", ""))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "date", "item", "detail", "who", "name (ru)", "name (kk)"])
    writer.writerows([neutralise(v) for v in _with_names(row)] for row in rows)
    return out.getvalue()


def _with_names(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row with its official names (its last value, a dict, possibly absent) as two cells."""
    if row and isinstance(row[-1], dict):
        *cells, names = row
        return (*cells, names.get("ru", ""), names.get("kk", ""))
    return (*row, "", "")
