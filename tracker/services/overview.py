"""Read-side queries for the dashboard and the lists. Filters are applied in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, func, or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from tracker.domain.messages import N_
from tracker.domain.workflow import ALL_STATUSES, TrackStatus
from tracker.models import (
    Agreement,
    AgreementStatus,
    AuditEvent,
    Milestone,
    NegotiationTrack,
    Provision,
    Ratification,
    User,
)
from tracker.orm import db
from tracker.services.search import words_begin
from tracker.services.visibility import hidden_track_ids, milestone_is_visible, track_is_visible


@dataclass(frozen=True)
class TrackFilter:
    status: TrackStatus | None = None
    agreement_id: int | None = None
    officer_id: int | None = None
    text: str = ""
    #: False: the current tracks only; True: the archived ones only (issue #15, item 7)
    archived: bool = False


#: the milestones list's `state` filter (its "Progress"): open (neither done nor
#: cancelled), overdue, done, or cancelled (with a reason: issue 15 #7); "" for all
MILESTONE_STATES = ("open", "overdue", "done", "cancelled")
#: what the web list says of a state it does not know, before showing every milestone
UNKNOWN_MILESTONE_STATE = N_(
    "The progress “%(value)s” is not one of the list's: every milestone is shown."
)


@dataclass(frozen=True)
class MilestoneFilter:
    state: str = ""  # "" or one of MILESTONE_STATES
    track_id: int | None = None
    agreement_id: int | None = None
    owner_id: int | None = None
    text: str = ""
    area_id: int | None = None
    body_id: int | None = None
    planned_from: date | None = None
    planned_to: date | None = None


#: the lists' orders, each ending in the id so that it is total (pages never overlap); every
#: term with its direction spelled out, so that the list pages can reverse it and read a
#: page in the second half from the end (tracker.services.paging.reverse_order: a bare column
#: is not reversed, and an officer's last page of tracks then skipped 47,000 rows, testing
#: each against the hidden tracks)
TRACK_LIST_ORDER = (NegotiationTrack.name.asc(), NegotiationTrack.id.asc())
#: (on PostgreSQL the current agreements are indexed in this order, ix_agreements_list_order:
#: migration e19h5a1b2c3d)
AGREEMENT_LIST_ORDER = (
    Agreement.signed_on.desc().nulls_last(),
    Agreement.title.asc(),
    Agreement.id.asc(),
)
MILESTONE_LIST_ORDER = (Milestone.planned_on.desc(), Milestone.id.desc())


def status_counts(viewer: User) -> list[tuple[TrackStatus, int]]:
    """How many tracks `viewer` may see are in each status, the archived left out."""
    rows = db.session.execute(
        select(NegotiationTrack.status, func.count())
        .where(track_is_visible(viewer), NegotiationTrack.archived_on.is_(None))
        .group_by(NegotiationTrack.status)
    )
    counts = {status: n for status, n in rows}
    return [(status, counts.get(status, 0)) for status in ALL_STATUSES]


def tracks_by_status(
    viewer: User, per_status: int = 8
) -> dict[TrackStatus, list[NegotiationTrack]]:
    """The most recently moved tracks of each status, the archived left out (the counts say
    how many in all).

    One statement: for each status, the newest few read from the (status, status_since,
    id) index, glued with UNION ALL, so the dashboard costs the same with 50 tracks or
    50,000 (a window function over all tracks cost 85 ms at 50,000).
    """
    newest = [
        select(NegotiationTrack.id)
        .where(
            NegotiationTrack.status == status,
            NegotiationTrack.archived_on.is_(None),
            track_is_visible(viewer),
        )
        .order_by(NegotiationTrack.status_since.desc(), NegotiationTrack.id.desc())
        .limit(per_status)
        .subquery()
        .select()
        for status in ALL_STATUSES
    ]
    recent = union_all(*newest).subquery()
    tracks = db.session.scalars(
        select(NegotiationTrack)
        .join(recent, recent.c.id == NegotiationTrack.id)
        .options(*TRACK_PARENTS)
        .order_by(NegotiationTrack.status_since.desc(), NegotiationTrack.id.desc())
    )
    grouped: dict[TrackStatus, list[NegotiationTrack]] = {}
    for track in tracks:
        grouped.setdefault(track.status, []).append(track)
    return {status: grouped[status] for status in ALL_STATUSES if status in grouped}


#: a listed milestone's parents, each at most one, joined into the list's own statement:
#: a `selectinload` issues its statement only when a shown row has the parent, so the
#: dashboard read the bodies at bench scale 0.1 and not at 10 (issue 19 #2: statements
#: constant across scales), and it cost a round trip each where it was issued
MILESTONE_PARENTS = (
    joinedload(Milestone.track),
    joinedload(Milestone.agreement),
    joinedload(Milestone.body),
    joinedload(Milestone.owner),
)
#: a listed track's lead officer and framework agreement, joined likewise
TRACK_PARENTS = (
    joinedload(NegotiationTrack.lead_officer),
    joinedload(NegotiationTrack.framework_agreement),
)


def _milestone_with_parents(viewer: User, joined: bool = True) -> Select[tuple[Milestone]]:
    """The milestones `viewer` may see, with their parents joined (MILESTONE_PARENTS) or,
    for `joined=False`, none loaded: a CSV export of every page loads them its own way."""
    query = select(Milestone).where(milestone_is_visible(viewer))
    return query.options(*MILESTONE_PARENTS) if joined else query


def milestones_due(today: date, viewer: User, days: int = 30, limit: int = 50) -> list[Milestone]:
    return list(
        db.session.scalars(
            _milestone_with_parents(viewer)
            .where(
                Milestone.is_open,
                Milestone.is_live,  # a closed or paused track's round is not coming up
                Milestone.planned_on >= today,
                Milestone.planned_on <= today + timedelta(days=days),
            )
            .order_by(Milestone.planned_on, Milestone.id)
            .limit(limit)
        )
    )


def overdue_milestones(today: date, viewer: User, limit: int = 20) -> list[Milestone]:
    """The most recently overdue first; the milestones list shows them all."""
    return list(
        db.session.scalars(
            _milestone_with_parents(viewer)
            .where(Milestone.is_overdue(today))
            .order_by(Milestone.planned_on.desc(), Milestone.id.desc())
            .limit(limit)
        )
    )


def overdue_count(today: date, viewer: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Milestone)
        .where(milestone_is_visible(viewer), Milestone.is_overdue(today))
    )


def track_list_query(
    flt: TrackFilter, viewer: User, joined: bool = True
) -> Select[tuple[NegotiationTrack]]:
    """The tracks `viewer` may see through `flt`, by name, their parents joined
    (TRACK_PARENTS) or, for `joined=False` (a CSV export's own loads), none loaded."""
    query = select(NegotiationTrack).where(track_is_visible(viewer))
    if joined:
        query = query.options(*TRACK_PARENTS)
    if flt.archived:
        query = query.where(NegotiationTrack.archived_on.is_not(None))
    else:
        query = query.where(NegotiationTrack.archived_on.is_(None))
    if flt.status:
        query = query.where(NegotiationTrack.status == flt.status)
    if flt.agreement_id:
        query = query.where(
            or_(
                NegotiationTrack.framework_agreement_id == flt.agreement_id,
                NegotiationTrack.resulting_agreement_id == flt.agreement_id,
            )
        )
    if flt.officer_id:
        query = query.where(NegotiationTrack.lead_officer_id == flt.officer_id)
    if flt.text:
        query = query.where(words_begin("track", flt.text))
    return query.order_by(*TRACK_LIST_ORDER)


def agreement_list_query(
    status: AgreementStatus | None, text: str, archived: bool = False
) -> Select[tuple[Agreement]]:
    """The agreements of `status` (None: any) with every word of `text` beginning one of
    their indexed words (tracker.services.search.words_begin): the current ones, or with
    `archived` the archived ones only (issue #15, item 7)."""
    query = select(Agreement).options(
        selectinload(Agreement.ratifications).selectinload(Ratification.actions)
    )
    if archived:
        query = query.where(Agreement.archived_on.is_not(None))
    else:
        query = query.where(Agreement.archived_on.is_(None))
    if status:
        query = query.where(Agreement.status == status)
    if text:
        query = query.where(words_begin("agreement", text))
    return query.order_by(*AGREEMENT_LIST_ORDER)


def _milestone_conditions(flt: MilestoneFilter, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.state == "open":
        conditions.append(Milestone.is_open)
    elif flt.state == "overdue":
        conditions.append(Milestone.is_overdue(today))
    elif flt.state == "done":
        conditions.append(Milestone.is_done)
    elif flt.state == "cancelled":
        conditions.append(Milestone.is_cancelled)
    for value, column in (
        (flt.track_id, Milestone.track_id),
        (flt.agreement_id, Milestone.agreement_id),
        (flt.owner_id, Milestone.owner_id),
        (flt.area_id, Milestone.area_id),
        (flt.body_id, Milestone.body_id),
    ):
        if value:
            conditions.append(column == value)
    if flt.planned_from:
        conditions.append(Milestone.planned_on >= flt.planned_from)
    if flt.planned_to:
        conditions.append(Milestone.planned_on <= flt.planned_to)
    if flt.text:
        conditions.append(words_begin("milestone", flt.text))
    return conditions


def milestone_list_query(
    flt: MilestoneFilter, today: date, viewer: User, joined: bool = True
) -> Select[tuple[Milestone]]:
    """The milestones `viewer` may see through `flt`, latest planned first; `joined` as
    _milestone_with_parents takes it."""
    return (
        _milestone_with_parents(viewer, joined)
        .where(*_milestone_conditions(flt, today))
        .order_by(*MILESTONE_LIST_ORDER)
    )


def milestone_list_count(flt: MilestoneFilter, today: date, viewer: User) -> int:
    """How many milestones milestone_list_query() lists for `viewer`.

    Counted as all that match less those on tracks the reader may not see: two counts read
    from the indexes, where testing every row against the hidden tracks made an officer's
    milestones list five times the administrator's at scale 10 (bench/results.md); without
    a filter, the second is the sum of the hidden tracks' milestone counts.
    """
    conditions = _milestone_conditions(flt, today)

    def count(*more: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(Milestone).where(*conditions, *more)
        return db.session.scalar(query) or 0

    admin = viewer is not None and viewer.is_admin
    if conditions and admin:
        return count()
    hidden = hidden_track_ids(viewer)
    if not conditions:
        # the whole list from the tracks' own counts (NegotiationTrack.milestone_count,
        # kept at every flush): 50,000 entries of one index at bench scale 10 instead of
        # 520,000 milestones (69 of the list's 150 ms of SQL, issue 19 #3), plus the
        # milestones of no track; less the hidden tracks' counts, 2,500 entries: one statement
        summed = func.coalesce(func.sum(NegotiationTrack.milestone_count), 0)
        loose = select(func.count()).select_from(Milestone).where(Milestone.track_id.is_(None))
        total = select(summed).scalar_subquery() + loose.scalar_subquery()
        if not admin:
            total = total - hidden.with_only_columns(summed).scalar_subquery()
        return db.session.scalar(select(total)) or 0
    return count() - count(Milestone.track_id.in_(hidden))


def track_activity(track_id: int, milestone_ids: list[int], limit: int = 50) -> list[AuditEvent]:
    """The changes to one track, its milestones and the provisions of its negotiating
    text, newest first. Reads (a position read: action "*.read") stay in the audit log
    for the administrators and out of here: who read what when is the team's to know, and
    they would push the changes off the panel (issue 17). A position's save is not about
    the track, its milestones or provisions, so it is not here either."""
    about_track = (AuditEvent.object_type == "NegotiationTrack") & (
        AuditEvent.object_id == track_id
    )
    about_milestones = (AuditEvent.object_type == "Milestone") & AuditEvent.object_id.in_(
        milestone_ids
    )
    about_provisions = (AuditEvent.object_type == "Provision") & AuditEvent.object_id.in_(
        select(Provision.id).where(Provision.track_id == track_id)
    )
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(
                or_(about_track, about_milestones, about_provisions),
                AuditEvent.action.not_like("%.read"),
            )
            .options(selectinload(AuditEvent.actor))
            .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )
