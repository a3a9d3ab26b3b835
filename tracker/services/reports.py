"""The weekly status report: build it for an ISO week, store it, queue it, export it."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, selectinload

from tracker import clock
from tracker.domain.weeks import parse_iso_week, previous_iso_week
from tracker.extensions import db
from tracker.mail.links import external_url
from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import (
    Agreement,
    Milestone,
    NegotiationTrack,
    Ratification,
    StatusChange,
    User,
    WeeklyReport,
)
from tracker.services.anniversaries import upcoming_anniversaries
from tracker.services.reminders import stale_since
from tracker.services.visibility import visible_milestones, visible_tracks

LOOKAHEAD_DAYS = 28
#: the report for the past week goes out on Monday at this local time
SEND_AT = time(7, 0)


@dataclass(frozen=True)
class ReportStatusChange:
    track_id: int
    track_name: str
    from_status: str | None
    to_status: str
    effective_on: date
    officer: str
    comment: str


@dataclass(frozen=True)
class ReportMilestone:
    id: int
    title: str
    kind: str
    planned_on: date
    parent: str
    owner: str
    days_late: int | None


@dataclass(frozen=True)
class ReportAnniversary:
    title: str
    falls_on: date
    years: int
    jubilee: bool


@dataclass(frozen=True)
class ReportStaleTrack:
    id: int
    name: str
    status: str
    last_activity: date
    idle_days: int


@dataclass(frozen=True)
class ReportRatification:
    agreement_id: int
    title: str
    ratified: int
    parties: int


@dataclass(frozen=True)
class WeeklyReportData:
    iso_week: str
    starts_on: date
    ends_on: date
    status_changes: list[ReportStatusChange]
    upcoming_milestones: list[ReportMilestone]
    anniversaries: list[ReportAnniversary]
    overdue: list[ReportMilestone]
    stale_tracks: list[ReportStaleTrack]
    ratifications: list[ReportRatification]

    def to_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list):
                return [plain(v) for v in value]
            return value

        return plain(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WeeklyReportData:
        def load(item_cls: type, item: dict[str, Any]) -> Any:
            values = dict(item)
            for f in fields(item_cls):
                if f.name in _DATE_FIELDS and values.get(f.name):
                    values[f.name] = date.fromisoformat(values[f.name])
            return item_cls(**values)

        sections = {
            "status_changes": ReportStatusChange,
            "upcoming_milestones": ReportMilestone,
            "anniversaries": ReportAnniversary,
            "overdue": ReportMilestone,
            "stale_tracks": ReportStaleTrack,
            "ratifications": ReportRatification,
        }
        return cls(
            iso_week=data["iso_week"],
            starts_on=date.fromisoformat(data["starts_on"]),
            ends_on=date.fromisoformat(data["ends_on"]),
            **{name: [load(kind, i) for i in data[name]] for name, kind in sections.items()},
        )


_DATE_FIELDS = {"effective_on", "planned_on", "falls_on", "last_activity"}


def build_weekly_report(iso_week: str) -> WeeklyReportData:
    """The report for one ISO week, as things stood at its end. Reads; writes nothing.

    It goes to every subscriber and is readable by every user, so it covers public
    tracks only; restricted tracks are followed on their own pages.
    """
    starts_on, ends_on = parse_iso_week(iso_week)
    after = ends_on + timedelta(days=1)
    return WeeklyReportData(
        iso_week=iso_week,
        starts_on=starts_on,
        ends_on=ends_on,
        status_changes=_status_changes(starts_on, ends_on),
        upcoming_milestones=_milestones(
            Milestone.planned_on >= after,
            Milestone.planned_on <= ends_on + timedelta(days=LOOKAHEAD_DAYS),
            open_after=ends_on,
        ),
        anniversaries=[
            ReportAnniversary(a.title, a.falls_on, a.years, a.is_jubilee)
            for a in upcoming_anniversaries(
                after, ends_on + timedelta(days=LOOKAHEAD_DAYS), public_only=True
            )
        ],
        overdue=_milestones(Milestone.planned_on < after, open_after=ends_on, late_on=after),
        stale_tracks=_stale_tracks(after),
        ratifications=_ratifications(ends_on),
    )


def _status_changes(starts_on: date, ends_on: date) -> list[ReportStatusChange]:
    rows = db.session.execute(
        select(StatusChange, NegotiationTrack.name, User.name)
        .join(NegotiationTrack, StatusChange.track_id == NegotiationTrack.id)
        .outerjoin(User, StatusChange.officer_id == User.id)
        .where(StatusChange.effective_on.between(starts_on, ends_on), visible_tracks(None))
        .order_by(StatusChange.effective_on, NegotiationTrack.name, StatusChange.id)
    )
    return [
        ReportStatusChange(
            track_id=change.track_id,
            track_name=track_name,
            from_status=change.from_status.label if change.from_status else None,
            to_status=change.to_status.label,
            effective_on=change.effective_on,
            officer=officer or "",
            comment=change.comment,
        )
        for change, track_name, officer in rows
    ]


def _milestones(
    *conditions: Any, open_after: date, late_on: date | None = None
) -> list[ReportMilestone]:
    owner = aliased(User)
    rows = db.session.scalars(
        select(Milestone)
        .outerjoin(owner, Milestone.owner_id == owner.id)
        .where(
            *conditions,
            or_(Milestone.done_on.is_(None), Milestone.done_on > open_after),
            visible_milestones(None),
        )
        .options(
            selectinload(Milestone.track),
            selectinload(Milestone.agreement),
            selectinload(Milestone.body),
            selectinload(Milestone.owner),
        )
        .order_by(Milestone.planned_on, Milestone.id)
    )
    result = []
    for m in rows:
        parent = (
            m.track.name
            if m.track
            else (m.agreement.display_title if m.agreement else (m.body.name if m.body else ""))
        )
        result.append(
            ReportMilestone(
                id=m.id,
                title=m.title,
                kind=m.kind.label,
                planned_on=m.planned_on,
                parent=parent,
                owner=m.owner.name if m.owner else "",
                days_late=(late_on - m.planned_on).days if late_on else None,
            )
        )
    return result


def _stale_tracks(as_of: date) -> list[ReportStaleTrack]:
    stale = stale_since(as_of)
    tracks = db.session.scalars(
        select(NegotiationTrack)
        .where(NegotiationTrack.id.in_(stale), visible_tracks(None))
        .order_by(NegotiationTrack.name)
    )
    return [
        ReportStaleTrack(t.id, t.name, t.status.label, stale[t.id], (as_of - stale[t.id]).days)
        for t in tracks
    ]


def _ratifications(as_of: date) -> list[ReportRatification]:
    ratified = or_(Ratification.notified_on <= as_of, Ratification.deposited_on <= as_of)
    rows = db.session.execute(
        select(
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            func.count(Ratification.id),
            func.count(Ratification.id).filter(ratified),
        )
        .join(Ratification, Ratification.agreement_id == Agreement.id)
        .group_by(Agreement.id, Agreement.title, Agreement.short_title)
        .order_by(Agreement.title)
    )
    return [
        ReportRatification(agreement_id, short or title, done, total)
        for agreement_id, title, short, total, done in rows
    ]


def stored_report(iso_week: str) -> WeeklyReport | None:
    return db.session.scalar(select(WeeklyReport).where(WeeklyReport.iso_week == iso_week))


def store_weekly_report(iso_week: str) -> WeeklyReport:
    """The stored snapshot for the week, generating it the first time."""
    existing = stored_report(iso_week)
    if existing is not None:
        return existing
    report = WeeklyReport(iso_week=iso_week, data=build_weekly_report(iso_week).to_json())
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:  # another scheduler stored it a moment ago
        return stored_report(iso_week)  # type: ignore[return-value]
    db.session.commit()
    return report


def report_week_due(now: datetime) -> str:
    """The week whose report is due at `now`: last week once Monday 07:00 has passed."""
    local = now.astimezone(clock.zone())
    monday = local.date() - timedelta(days=local.weekday())
    if local.date() == monday and local.time() < SEND_AT:
        return previous_iso_week(monday - timedelta(days=7))
    return previous_iso_week(local.date())


def queue_weekly_report(iso_week: str, now: datetime) -> int:
    """Store the week's report and queue it to every subscriber not yet sent it."""
    report = store_weekly_report(iso_week)
    data = WeeklyReportData.from_json(report.data)
    subscribers = db.session.scalars(
        select(User)
        .where(User.active.is_(True), User.weekly_report_enabled.is_(True))
        .order_by(User.id)
    ).all()
    keys = {user.id: f"weekly:{iso_week}:user:{user.id}" for user in subscribers}
    done = already_queued(list(keys.values()))
    subject = (
        f"Weekly status report, {iso_week} ({data.starts_on:%-d %b} – {data.ends_on:%-d %b %Y})"
    )
    context = {"report": data, "url": external_url("reports.weekly", iso_week=iso_week)}
    messages = [
        compose(
            keys[user.id],
            kind="weekly_report",
            recipient=user,
            subject=subject,
            template="weekly_report",
            context=context,
        )
        for user in subscribers
        if keys[user.id] not in done
    ]
    return insert_new(messages, now)


def queue_due_weekly_report(now: datetime) -> int:
    return queue_weekly_report(report_week_due(now), now)


def report_csv(data: WeeklyReportData) -> str:
    """One table for a spreadsheet: a row per item, with its section."""
    rows: list[tuple[Any, ...]] = []
    for c in data.status_changes:
        move = f"{c.from_status} → {c.to_status}" if c.from_status else c.to_status
        rows.append(("status change", c.effective_on, c.track_name, move, c.officer))
    for m in data.upcoming_milestones:
        rows.append(("upcoming milestone", m.planned_on, m.title, m.parent, m.owner))
    for a in data.anniversaries:
        rows.append(("anniversary", a.falls_on, a.title, "jubilee" if a.jubilee else "", ""))
    for m in data.overdue:
        rows.append(("overdue", m.planned_on, m.title, f"{m.days_late} days late", m.owner))
    for t in data.stale_tracks:
        rows.append(("stale track", t.last_activity, t.name, f"idle {t.idle_days} days", ""))
    for r in data.ratifications:
        rows.append(("ratification", "", r.title, f"{r.ratified} of {r.parties} ratified", ""))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "date", "item", "detail", "who"])
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def _cell(value: Any) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
