"""Export of agreements, milestones and tracks, with an `id` column so a file exported
here re-imports onto the same records."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from tracker import clock
from tracker.models import Agreement, Milestone, NegotiationTrack, Ratification
from tracker.orm import db
from tracker.services.spreadsheets.fileformat import (
    AGREEMENT_COLUMNS,
    LIST_SEPARATOR,
    MILESTONE_COLUMNS,
    TRACK_COLUMNS,
    to_csv,
)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _now() -> str:
    return clock.now_utc().isoformat(timespec="seconds")


def agreement_cells(a: Agreement, exported_at: str = "") -> dict[str, str]:
    """An agreement's row as exported (before the formula guard), column -> text."""
    return dict(
        zip(
            AGREEMENT_COLUMNS,
            (
                str(a.id),
                a.title,
                a.short_title,
                a.official_title_ru,
                a.official_title_kk,
                a.kind.value,
                a.status.value,
                _day(a.signed_on),
                a.signed_at,
                _day(a.provisionally_applied_on),
                _day(a.in_force_on),
                LIST_SEPARATOR.join(p.name for p in a.parties),
                LIST_SEPARATOR.join(area.name for area in a.areas),
                a.summary,
                a.reference_url,
                exported_at,
            ),
            strict=True,
        )
    )


def milestone_cells(m: Milestone, exported_at: str = "") -> dict[str, str]:
    """A milestone's row as exported (before the formula guard), column -> text."""
    return dict(
        zip(
            MILESTONE_COLUMNS,
            (
                str(m.id),
                m.title,
                m.kind.value,
                m.track.name if m.track else "",
                m.agreement.title if m.agreement else "",
                m.body.name if m.body else "",
                str(m.number or ""),
                m.planned_on.isoformat(),
                m.date_precision.value,
                _day(m.done_on),
                m.location,
                m.owner.email if m.owner else "",
                m.outcome,
                m.notes,
                exported_at,
            ),
            strict=True,
        )
    )


def export_agreements(query: Select[tuple[Agreement]]) -> str:
    exported_at = _now()
    return to_csv(
        AGREEMENT_COLUMNS,
        (
            agreement_cells(a, exported_at).values()
            for a in db.session.scalars(
                query.options(
                    selectinload(Agreement.ratifications).joinedload(Ratification.party),
                    selectinload(Agreement.ratifications).selectinload(Ratification.actions),
                    selectinload(Agreement.areas),
                )
            )
        ),
    )


def export_milestones(query: Select[tuple[Milestone]]) -> str:
    exported_at = _now()
    return to_csv(
        MILESTONE_COLUMNS,
        (
            milestone_cells(m, exported_at).values()
            for m in db.session.scalars(
                query.options(
                    selectinload(Milestone.track),
                    selectinload(Milestone.agreement),
                    selectinload(Milestone.body),
                    selectinload(Milestone.owner),
                )
            )
        ),
    )


def export_tracks(query: Select[tuple[NegotiationTrack]]) -> str:
    return to_csv(
        TRACK_COLUMNS,
        (
            (
                t.id,
                t.name,
                t.official_name_ru,
                t.official_name_kk,
                t.status.value,
                t.status_since.isoformat(),
                t.framework_agreement.title if t.framework_agreement else "",
                t.lead_officer.email if t.lead_officer else "",
                t.next_step,
                _day(t.target_date),
                t.classification.value,
            )
            for t in db.session.scalars(
                query.options(
                    selectinload(NegotiationTrack.framework_agreement),
                    selectinload(NegotiationTrack.lead_officer),
                )
            )
        ),
    )
