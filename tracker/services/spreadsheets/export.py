"""Export of agreements, milestones and tracks, with an `id` column so a file exported
here re-imports onto the same records."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from tracker import clock
from tracker.domain.clock_rules import AgreementClocks, ClockDate
from tracker.domain.clocks import Purpose
from tracker.i18n import translate
from tracker.models import Agreement, Milestone, NegotiationTrack, Ratification
from tracker.orm import db
from tracker.services.clock_rules import clocks_of
from tracker.services.relations import RelationView, relations_by_agreement
from tracker.services.spreadsheets.fileformat import (
    AGREEMENT_COLUMNS,
    AGREEMENT_RECORD_COLUMNS,
    COMPUTED_AGREEMENT_COLUMNS,
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
                a.depositary,
                a.authentic_languages,
                a.place_of_deposit,
                a.publication_ref,
                exported_at,
            ),
            strict=True,
        )
    )


def _basis(found: ClockDate | None) -> str:
    if found is None:
        return ""
    return translate(found.basis or found.waiting or "")


def _per_party(dates: list[ClockDate]) -> str:
    """ "Party: date (basis)" per Party, or "Party: (what it waits for)"."""
    return LIST_SEPARATOR.join(
        f"{d.party}: {_day(d.on)} ({_basis(d)})" if d.on else f"{d.party}: ({_basis(d)})"
        for d in dates
    )


def record_cells(a: Agreement, relations: list[RelationView]) -> dict[str, str]:
    """An agreement's final clauses and relations in the reader's words (read-only
    columns, AGREEMENT_RECORD_COLUMNS): "Entry into force: <the clause> (<its note>)"
    and "<how this agreement reads the relation>: <the other agreement>"."""
    clauses = [
        f"{translate(r.purpose_words)}: {translate(r.words)}" + (f" ({r.note})" if r.note else "")
        for r in sorted(a.clock_rules, key=lambda r: list(Purpose).index(r.purpose))
    ]
    related = [f"{translate(v.words)}: {v.other.display_title}" for v in relations]
    return dict(
        zip(
            AGREEMENT_RECORD_COLUMNS,
            (LIST_SEPARATOR.join(clauses), LIST_SEPARATOR.join(related)),
            strict=True,
        )
    )


def computed_cells(clocks: AgreementClocks) -> dict[str, str]:
    """The dates an agreement's final clauses give (tracker.domain.clock_rules), column ->
    text: the dates in ISO form, their bases in the reader's (the exporting officer's)
    language, as README says; read-only columns (COMPUTED_AGREEMENT_COLUMNS)."""
    eif, term, notice = clocks.entry_into_force, clocks.term_end, clocks.notice_deadline
    # with a notice-of-non-renewal clause too, the last day to denounce with effect at the
    # end of the term has columns of its own (issue 16)
    denounce = clocks.denunciation_deadline
    return dict(
        zip(
            COMPUTED_AGREEMENT_COLUMNS,
            (
                _day(eif.on) if eif else "",
                _basis(eif),
                _per_party(clocks.per_party),
                _day(term.on) if term else "",
                _basis(term),
                _day(notice.on) if notice else "",
                _deadline_basis(notice),
                _day(denounce.on) if denounce else "",
                _deadline_basis(denounce),
                _per_party(clocks.denunciations),
            ),
            strict=True,
        )
    )


def _deadline_basis(deadline: ClockDate | None) -> str:
    """A last day to give notice in words: what it is, then its basis."""
    return f"{translate(deadline.what)}: {_basis(deadline)}" if deadline is not None else ""


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
                _day(m.cancelled_on),
                m.cancel_reason,
                exported_at,
            ),
            strict=True,
        )
    )


def export_agreements(query: Select[tuple[Agreement]]) -> str:
    """The agreements of `query` as CSV text: their own columns, then (read-only on
    import) their final clauses and relations, and the dates their clauses give today."""
    exported_at = _now()
    today = clock.today()
    relations = relations_by_agreement()
    return to_csv(
        (*AGREEMENT_COLUMNS, *AGREEMENT_RECORD_COLUMNS, *COMPUTED_AGREEMENT_COLUMNS),
        (
            [
                *agreement_cells(a, exported_at).values(),
                *record_cells(a, relations.get(a.id, [])).values(),
                *computed_cells(clocks_of(a, today)).values(),
            ]
            for a in db.session.scalars(
                query.options(
                    selectinload(Agreement.ratifications).joinedload(Ratification.party),
                    selectinload(Agreement.ratifications).selectinload(Ratification.actions),
                    selectinload(Agreement.areas),
                    selectinload(Agreement.clock_rules),
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
