"""The list pages of agreements, tracks, milestones and bodies, for the web and the API:
one filter object (tracker.services.overview), one page, one CSV of the whole list.

The web's pages come with their links (`paginate`), the API's as plain rows; both read
through the visibility rule with the reader, and an administrator's page or export that
shows records of restricted tracks not theirs is audited (gate.audit_admin_list): for an
export, the restricted records of the whole list are read by one more query, for
administrators only (the export reads its own rows, with what its columns need).
"""

from __future__ import annotations

from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import selectinload

from tracker.models import (
    Agreement,
    AgreementStatus,
    Body,
    Classification,
    Milestone,
    NegotiationTrack,
)
from tracker.orm import db
from tracker.services import gate
from tracker.services.overview import (
    AGREEMENT_LIST_ORDER,
    MILESTONE_LIST_ORDER,
    TRACK_LIST_ORDER,
    MilestoneFilter,
    TrackFilter,
    agreement_list_query,
    milestone_list_count,
    milestone_list_query,
    track_list_query,
)
from tracker.services.paging import PageRequest, Rows, paginate, rows_page
from tracker.services.spreadsheets import export_agreements, export_milestones, export_tracks
from tracker.services.visibility import Reader

# --- agreements (public) -----------------------------------------------------------------


def agreement_list(
    status: AgreementStatus | None, text: str, at: PageRequest, archived: bool = False
) -> Pagination:
    """A page of the agreements list: latest signed first, filtered by status and text;
    the current agreements, or with `archived` the archived ones."""
    return paginate(
        agreement_list_query(status, text, archived),
        AGREEMENT_LIST_ORDER,
        at,
        kept_as=("agreements", status, text, archived),
    )


def agreement_csv(status: AgreementStatus | None, text: str, archived: bool = False) -> str:
    """The agreements list as it is filtered, every page, as CSV text."""
    query = agreement_list_query(status, text, archived)
    return export_agreements(query.order_by(*AGREEMENT_LIST_ORDER))


def agreement_rows(
    status: AgreementStatus | None, text: str, at: PageRequest, archived: bool = False
) -> Rows:
    """A page of agreements with their areas, by id (the API's order)."""
    query = (
        agreement_list_query(status, text, archived)
        .options(selectinload(Agreement.areas))
        .order_by(None)
        .order_by(Agreement.id)
    )
    return rows_page(query, at)


def _who(reader: Reader) -> int | None:
    """Whose list a kept total is (the reader's id), as the visibility rule tells them apart."""
    return None if reader is None else reader.id


def _restricted_track() -> ColumnElement[bool]:
    return NegotiationTrack.classification == Classification.RESTRICTED


# --- tracks ------------------------------------------------------------------------------


def _audit_tracks(reader: Reader, tracks: list[NegotiationTrack]) -> None:
    gate.audit_admin_list(reader, NegotiationTrack, tracks, lambda track: [track])


def track_list(reader: Reader, flt: TrackFilter, at: PageRequest) -> Pagination:
    """A page of the tracks the reader may see, by name; audited for an administrator."""
    page = paginate(
        track_list_query(flt, reader), TRACK_LIST_ORDER, at, kept_as=("tracks", _who(reader), flt)
    )
    _audit_tracks(reader, page.items)
    return page


def track_csv(reader: Reader, flt: TrackFilter) -> str:
    """The tracks list as it is filtered, every page, as CSV text; audited."""
    query = track_list_query(flt, reader, joined=False)  # export_tracks loads the parents
    if reader is not None and reader.is_admin:
        _audit_tracks(reader, list(db.session.scalars(query.where(_restricted_track()))))
    return export_tracks(query.order_by(*TRACK_LIST_ORDER))


def track_rows(reader: Reader, flt: TrackFilter, at: PageRequest) -> Rows:
    """A page of the tracks the reader may see, by id (the API's order); audited."""
    query = track_list_query(flt, reader).order_by(None).order_by(NegotiationTrack.id)
    rows = rows_page(query, at)
    _audit_tracks(reader, rows.items)
    return rows


# --- milestones --------------------------------------------------------------------------


def _audit_milestones(reader: Reader, milestones: list[Milestone]) -> None:
    gate.audit_admin_list(reader, Milestone, milestones, lambda milestone: [milestone.track])


def milestone_list(
    reader: Reader, flt: MilestoneFilter, today: date, at: PageRequest
) -> Pagination:
    """A page of the milestones the reader may see, latest planned first; audited."""
    page = paginate(
        milestone_list_query(flt, today, reader),
        MILESTONE_LIST_ORDER,
        at,
        count_with=lambda: milestone_list_count(flt, today, reader),
        kept_as=("milestones", _who(reader), flt, today),
    )
    _audit_milestones(reader, page.items)
    return page


def milestone_csv(reader: Reader, flt: MilestoneFilter, today: date) -> str:
    """The milestones list as it is filtered, every page, as CSV text; audited."""
    query = milestone_list_query(flt, today, reader, joined=False)  # export_milestones loads
    if reader is not None and reader.is_admin:
        restricted = query.where(
            Milestone.track_id.in_(select(NegotiationTrack.id).where(_restricted_track()))
        ).options(selectinload(Milestone.track))
        _audit_milestones(reader, list(db.session.scalars(restricted)))
    return export_milestones(query)


def milestone_rows(reader: Reader, flt: MilestoneFilter, today: date, at: PageRequest) -> Rows:
    """A page of the milestones the reader may see (the API's); audited."""
    rows = rows_page(milestone_list_query(flt, today, reader), at)
    _audit_milestones(reader, rows.items)
    return rows


# --- bodies (public) ---------------------------------------------------------------------


def body_rows(at: PageRequest) -> Rows:
    """A page of bodies, by id."""
    return rows_page(select(Body).order_by(Body.id), at)
