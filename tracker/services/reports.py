"""The weekly status report: build it for an ISO week, store it, queue it, export it."""

from __future__ import annotations

import csv
import heapq
import io
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import format_date
from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, selectinload

from tracker import clock
from tracker.domain.anniversaries import ordinal, soonest_first
from tracker.domain.planning import forecast_next_stage, stage_plans
from tracker.domain.weeks import parse_iso_week, previous_iso_week
from tracker.domain.workflow import TERMINAL
from tracker.extensions import db
from tracker.i18n import Text
from tracker.mail.links import external_url
from tracker.mail.outbox import already_queued, compose, insert_new
from tracker.models import (
    ActionItem,
    ActionStatus,
    Agreement,
    Body,
    Milestone,
    NegotiationTrack,
    Ratification,
    StageTarget,
    StatusChange,
    User,
    WeeklyReport,
)
from tracker.services.anniversaries import (
    count_upcoming_anniversaries,
    earliest_event_year,
    upcoming_anniversaries,
)
from tracker.services.bodies import projected_meetings
from tracker.services.reminders import stale_tracks
from tracker.services.spreadsheets import neutralise
from tracker.services.tracks import stage_history
from tracker.services.visibility import (
    action_item_is_visible,
    hidden_track_ids,
    milestone_is_visible,
    track_is_visible,
)

LOOKAHEAD_DAYS = 28
#: items listed per section; the report gives the total beside them
SECTION_LIMIT = 100
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
    #: what the title is made of, so it can be told in the reader's language (reports
    #: stored before these were kept show their English title)
    kind: str = ""
    name: str = ""
    with_article: bool = False


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
class ReportActionItem:
    id: int
    title: str
    due_on: date
    owner: str
    meeting_id: int
    meeting: str
    days_late: int | None


@dataclass(frozen=True)
class ReportSlippage:
    track_id: int
    track_name: str
    stage: str
    target_on: date
    days_late: int
    forecast_stage: str
    forecast_on: date | None


@dataclass(frozen=True)
class ReportProjectedMeeting:
    body_id: int
    title: str
    expected_on: date
    number: int = 0
    body_name: str = ""


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
    #: section -> how many items it has in all; each section lists at most
    #: SECTION_LIMIT, so a report of a ten-year archive stays readable and small
    totals: dict[str, int] = field(default_factory=dict)
    #: open action items due by the end of the look-ahead, the overdue first
    action_items: list[ReportActionItem] = field(default_factory=list)
    #: tracks late against a stage's target date, the latest first
    slippage: list[ReportSlippage] = field(default_factory=list)
    #: meetings expected from a body's cadence, with no date set, within the look-ahead
    projected_meetings: list[ReportProjectedMeeting] = field(default_factory=list)

    def more(self, section: str) -> int:
        """How many items of the section the report leaves out."""
        shown = len(getattr(self, section))
        return max(self.totals.get(section, shown) - shown, 0)

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
            # sections added later: reports stored before them load without them
            "action_items": ReportActionItem,
            "slippage": ReportSlippage,
            "projected_meetings": ReportProjectedMeeting,
        }
        return cls(
            iso_week=data["iso_week"],
            starts_on=date.fromisoformat(data["starts_on"]),
            ends_on=date.fromisoformat(data["ends_on"]),
            **{
                name: [load(kind, i) for i in data.get(name, [])] for name, kind in sections.items()
            },
            totals=dict(data.get("totals", {})),  # reports stored before totals existed
        )


_DATE_FIELDS = {
    "effective_on",
    "planned_on",
    "falls_on",
    "last_activity",
    "due_on",
    "target_on",
    "forecast_on",
    "expected_on",
}


def build_weekly_report(iso_week: str) -> WeeklyReportData:
    """The report for one ISO week, as things stood at its end. Reads; writes nothing.

    It goes to every subscriber and is readable by every user, so it covers public
    tracks only; restricted tracks are followed on their own pages. Each section lists at
    most SECTION_LIMIT items, the most pressing first, with the total beside it.
    """
    starts_on, ends_on = parse_iso_week(iso_week)
    after = ends_on + timedelta(days=1)
    horizon = ends_on + timedelta(days=LOOKAHEAD_DAYS)
    totals: dict[str, int] = {}

    status_changes, totals["status_changes"] = _status_changes(starts_on, ends_on)
    upcoming, totals["upcoming_milestones"] = _milestones(
        after,
        horizon,
        open_after=ends_on,
        order=(Milestone.planned_on, Milestone.id),
    )
    # The most recently slipped first: those are the ones a week's report can still save.
    overdue, totals["overdue"] = _milestones(
        None,
        ends_on,
        open_after=ends_on,
        late_on=after,
        order=(Milestone.planned_on.desc(), Milestone.id.desc()),
    )
    window: dict[str, Any] = {"public_only": True, "earliest_year": earliest_event_year()}
    anniversaries = soonest_first(
        [
            *upcoming_anniversaries(after, horizon, limit=SECTION_LIMIT, **window),
            *upcoming_anniversaries(
                after, horizon, jubilees_only=True, limit=SECTION_LIMIT, **window
            ),
        ]
    )[:SECTION_LIMIT]
    totals["anniversaries"] = max(
        count_upcoming_anniversaries(after, horizon, **window), len(anniversaries)
    )
    stale, totals["stale_tracks"] = _stale_tracks(after)
    ratifications, totals["ratifications"] = _pending_ratifications(ends_on)
    action_items, totals["action_items"] = _action_items(ends_on, horizon)
    slippage, totals["slippage"] = _slippage(after)
    projected = [
        ReportProjectedMeeting(
            p.body_id,
            f"{ordinal(p.meeting.number)} {p.body_name}",
            p.meeting.expected_on,
            p.meeting.number,
            p.body_name,
        )
        for p in sorted(projected_meetings(), key=lambda p: p.meeting.expected_on)
        if p.meeting.expected_on <= horizon
    ]
    totals["projected_meetings"] = len(projected)
    return WeeklyReportData(
        iso_week=iso_week,
        starts_on=starts_on,
        ends_on=ends_on,
        status_changes=status_changes,
        upcoming_milestones=upcoming,
        anniversaries=[
            ReportAnniversary(
                a.title,
                a.falls_on,
                a.years,
                a.is_jubilee,
                a.event.kind,
                a.event.name,
                a.event.has_article,
            )
            for a in anniversaries
        ],
        overdue=overdue,
        stale_tracks=stale,
        ratifications=ratifications,
        totals=totals,
        action_items=action_items,
        slippage=slippage,
        projected_meetings=projected[:SECTION_LIMIT],
    )


def _count(query: Select[Any]) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _status_changes(starts_on: date, ends_on: date) -> tuple[list[ReportStatusChange], int]:
    query = (
        select(
            StatusChange.track_id,
            NegotiationTrack.name,
            StatusChange.from_status,
            StatusChange.to_status,
            StatusChange.effective_on,
            User.name.label("officer"),
            StatusChange.comment,
        )
        .join(NegotiationTrack, StatusChange.track_id == NegotiationTrack.id)
        .outerjoin(User, StatusChange.officer_id == User.id)
        .where(
            StatusChange.effective_on.between(starts_on, ends_on),
            # "not hidden" rather than "visible": lets the database start from the dates
            StatusChange.track_id.not_in(hidden_track_ids(None)),
        )
    )
    rows = db.session.execute(
        query.order_by(StatusChange.effective_on, NegotiationTrack.name, StatusChange.id).limit(
            SECTION_LIMIT
        )
    )
    changes = [
        ReportStatusChange(
            track_id=row.track_id,
            track_name=row.name,
            from_status=row.from_status.label if row.from_status else None,
            to_status=row.to_status.label,
            effective_on=row.effective_on,
            officer=row.officer or "",
            comment=row.comment,
        )
        for row in rows
    ]
    return changes, _count(query)


def _milestones(
    planned_from: date | None,
    planned_to: date,
    *,
    open_after: date,
    order: tuple[Any, ...],
    late_on: date | None = None,
) -> tuple[list[ReportMilestone], int]:
    """Milestones planned in [planned_from, planned_to] and not done by `open_after`."""
    conditions = [Milestone.planned_on <= planned_to]
    if planned_from is not None:
        conditions.append(Milestone.planned_on >= planned_from)
    # Plain rows with their parents' names joined in, not ORM objects with relationships.
    owner = aliased(User)
    track = aliased(NegotiationTrack)
    agreement = aliased(Agreement)
    body = aliased(Body)
    query = select(
        Milestone.id,
        Milestone.title,
        Milestone.kind,
        Milestone.planned_on,
        track.name.label("track_name"),
        func.coalesce(agreement.short_title, agreement.title).label("agreement_title"),
        body.name.label("body_name"),
        owner.name.label("owner_name"),
    ).where(
        *conditions,
        or_(Milestone.done_on.is_(None), Milestone.done_on > open_after),
        milestone_is_visible(None),
    )
    joined = (
        query.outerjoin(owner, Milestone.owner_id == owner.id)
        .outerjoin(track, Milestone.track_id == track.id)
        .outerjoin(agreement, Milestone.agreement_id == agreement.id)
        .outerjoin(body, Milestone.body_id == body.id)
    )
    result = [
        ReportMilestone(
            id=row.id,
            title=row.title,
            kind=row.kind.label,
            planned_on=row.planned_on,
            parent=row.track_name or row.agreement_title or row.body_name or "",
            owner=row.owner_name or "",
            days_late=(late_on - row.planned_on).days if late_on else None,
        )
        for row in db.session.execute(joined.order_by(*order).limit(SECTION_LIMIT))
    ]
    # Counted in two parts, each starting from the index that keeps it small: those still
    # open from (done_on, planned_on); those done since from done_on, checked here (with
    # the dates in SQL too, the database would walk every milestone by planned date).
    still_open = _count(
        select(Milestone.id).where(
            Milestone.done_on.is_(None), *conditions, milestone_is_visible(None)
        )
    )
    done_since = sum(
        1
        for (planned_on,) in db.session.execute(
            select(Milestone.planned_on).where(
                Milestone.done_on > open_after, milestone_is_visible(None)
            )
        )
        if planned_on <= planned_to and (planned_from is None or planned_on >= planned_from)
    )
    total = still_open + done_since
    return result, total


def _stale_tracks(as_of: date) -> tuple[list[ReportStaleTrack], int]:
    """The tracks that went stale most recently, streamed: only SECTION_LIMIT are kept."""
    total = 0
    kept: list[tuple[date, str, int, ReportStaleTrack]] = []
    for t in stale_tracks(as_of, track_is_visible(None)):
        total += 1
        item = ReportStaleTrack(
            t.id, t.name, t.status.label, t.last_activity, (as_of - t.last_activity).days
        )
        heapq.heappush(kept, (t.last_activity, t.name, t.id, item))
        if len(kept) > SECTION_LIMIT:
            heapq.heappop(kept)  # the longest idle goes
    ordered = sorted(kept, key=lambda k: (-k[0].toordinal(), k[1], k[2]))
    return [k[3] for k in ordered], total


def _pending_ratifications(as_of: date) -> tuple[list[ReportRatification], int]:
    """Agreements some of whose parties have not yet ratified (notified or deposited)."""
    ratified = or_(Ratification.notified_on <= as_of, Ratification.deposited_on <= as_of)
    done = func.count(Ratification.id).filter(ratified)
    query = (
        select(
            Agreement.id,
            Agreement.title,
            Agreement.short_title,
            func.count(Ratification.id).label("parties"),
            done.label("ratified"),
        )
        .join(Ratification, Ratification.agreement_id == Agreement.id)
        .group_by(Agreement.id, Agreement.title, Agreement.short_title)
        .having(done < func.count(Ratification.id))
    )
    rows = db.session.execute(query.order_by(Agreement.title, Agreement.id).limit(SECTION_LIMIT))
    pending = [
        ReportRatification(row.id, row.short_title or row.title, row.ratified, row.parties)
        for row in rows
    ]
    return pending, _count(query)


def _action_items(ends_on: date, horizon: date) -> tuple[list[ReportActionItem], int]:
    """Open action items due by the horizon, neither on nor raised at a restricted track's
    meeting, the overdue first."""
    owner = aliased(User)
    query = (
        select(ActionItem, Milestone.title, owner.name)
        .join(Milestone, ActionItem.meeting_id == Milestone.id)
        .outerjoin(owner, ActionItem.owner_id == owner.id)
        .where(
            ActionItem.status == ActionStatus.OPEN,
            ActionItem.due_on <= horizon,
            action_item_is_visible(None),
        )
    )
    rows = db.session.execute(
        query.order_by(ActionItem.due_on, ActionItem.id).limit(SECTION_LIMIT)
    ).all()
    items = [
        ReportActionItem(
            item.id,
            item.title,
            item.due_on,
            owner_name or "",
            item.meeting_id,
            meeting_title,
            (ends_on - item.due_on).days if item.due_on < ends_on else None,
        )
        for item, meeting_title, owner_name in rows
    ]
    return items, _count(query)


def _slippage(as_of: date) -> tuple[list[ReportSlippage], int]:
    """Public open tracks late against the target of a stage, with the next stage's forecast."""
    tracks = db.session.scalars(
        select(NegotiationTrack)
        .where(
            track_is_visible(None),
            NegotiationTrack.status.not_in([*TERMINAL]),
            NegotiationTrack.id.in_(select(StageTarget.track_id)),
        )
        .options(
            selectinload(NegotiationTrack.stage_targets),
            selectinload(NegotiationTrack.status_changes),
        )
        .order_by(NegotiationTrack.id)
    ).all()
    found = []
    for track in tracks:
        targets, reached = stage_history(track)
        late = [p for p in stage_plans(targets, reached, as_of) if p.is_late]
        if not late:
            continue
        worst = late[-1]  # the latest stage in the workflow that slipped
        forecast = forecast_next_stage(track.status, track.status_since, targets, reached, as_of)
        found.append(
            ReportSlippage(
                track.id,
                track.name,
                worst.status.label,
                worst.target_on,  # type: ignore[arg-type]  # a late stage has a target
                worst.slippage_days or 0,
                forecast.status.label if forecast else "",
                forecast.expected_on if forecast else None,
            )
        )
    found.sort(key=lambda s: (-s.days_late, s.track_name, s.track_id))
    return found[:SECTION_LIMIT], len(found)


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
    subject = Text(
        "Weekly status report, %(week)s (%(starts)s – %(ends)s)",
        week=iso_week,
        starts=lambda: format_date(data.starts_on, "d MMM"),
        ends=data.ends_on,
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
    for i in data.action_items:
        late = f"{i.days_late} days late" if i.days_late else ""
        rows.append(("action item", i.due_on, i.title, f"{i.meeting} {late}".strip(), i.owner))
    for t in data.slippage:
        rows.append(
            ("slippage", t.target_on, t.track_name, f"{t.stage}: {t.days_late} days late", "")
        )
    for p in data.projected_meetings:
        rows.append(("projected meeting", p.expected_on, p.title, "no date set yet", ""))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "date", "item", "detail", "who"])
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return out.getvalue()
