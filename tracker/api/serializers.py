"""Records as JSON objects: the shapes the OpenAPI description (spec.py) documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tracker.domain.meetings import ProjectedMeeting
from tracker.models import Agreement, Body, Milestone, NegotiationTrack, StatusChange


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def agreement(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "short_title": a.short_title,
        "kind": a.kind.value,
        "status": a.status.value,
        "signed_on": _day(a.signed_on),
        "signed_at": a.signed_at,
        "provisionally_applied_on": _day(a.provisionally_applied_on),
        "in_force_on": _day(a.in_force_on),
        "summary": a.summary,
        "reference_url": a.reference_url,
        "owner_id": a.owner_id,
        "parties": [
            {
                "party": r.party.name,
                "signed_on": _day(r.signed_on),
                "notified_on": _day(r.notified_on),
                "deposited_on": _day(r.deposited_on),
                "provisionally_applied_on": _day(r.provisionally_applied_on),
                "expected_by": _day(r.expected_by),
            }
            for r in a.ratifications
        ],
        "ratified": a.ratified_count,
        "areas": [
            {"id": area.id, "name": area.name, "owner_id": area.owner_id, "note": area.status_note}
            for area in a.areas
        ],
        "version": a.version,
    }


def status_change(c: StatusChange) -> dict[str, Any]:
    return {
        "from_status": c.from_status.value if c.from_status else None,
        "to_status": c.to_status.value,
        "effective_on": c.effective_on.isoformat(),
        "recorded_at": _moment(c.recorded_at),
        "officer_id": c.officer_id,
        "comment": c.comment,
        "forced": c.forced,
    }


def track(t: NegotiationTrack, *, history: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": t.id,
        "name": t.name,
        "description": t.description,
        "status": t.status.value,
        "status_since": t.status_since.isoformat(),
        "framework_agreement_id": t.framework_agreement_id,
        "resulting_agreement_id": t.resulting_agreement_id,
        "lead_officer_id": t.lead_officer_id,
        "next_step": t.next_step,
        "target_date": _day(t.target_date),
        "classification": t.classification.value,
        "version": t.version,
    }
    if history:
        data["status_history"] = [status_change(c) for c in t.status_changes]
    return data


def milestone(m: Milestone) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "kind": m.kind.value,
        "track_id": m.track_id,
        "agreement_id": m.agreement_id,
        "body_id": m.body_id,
        "area_id": m.area_id,
        "number": m.number,
        "planned_on": m.planned_on.isoformat(),
        "date_precision": m.date_precision.value,
        "done_on": _day(m.done_on),
        "location": m.location,
        "owner_id": m.owner_id,
        "outcome": m.outcome,
        "notes": m.notes,
        "version": m.version,
    }


def body(
    b: Body, meetings: list[Milestone] | None = None, projected: ProjectedMeeting | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": b.id,
        "name": b.name,
        "short_name": b.short_name,
        "agreement_id": b.agreement_id,
        "cadence_months": b.cadence_months,
        "owner_id": b.owner_id,
    }
    if meetings is not None:
        data["meetings"] = [milestone(m) for m in meetings]
        data["projected_next_meeting"] = (
            {"number": projected.number, "expected_on": projected.expected_on.isoformat()}
            if projected
            else None
        )
    return data
