"""One importer per kind of record: a row applied through the services that back the
forms. A row that matches its record (by id, else by its natural key) changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from tracker.domain.messages import Message
from tracker.domain.names import fold
from tracker.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Body,
    DatePrecision,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Party,
    User,
)
from tracker.orm import db
from tracker.services import agreements as agreement_service
from tracker.services import milestones as milestone_service
from tracker.services.spreadsheets.fileformat import (
    AGREEMENT_COLUMNS,
    EXPORTED_AT,
    MILESTONE_COLUMNS,
)
from tracker.services.spreadsheets.parsing import (
    NO_SUCH_NAME,
    RowError,
    _date,
    _enum,
    _id,
    _lookup,
    _text,
)
from tracker.services.visibility import may_see_track


def _import_agreement(row: dict[str, str], actor: User) -> Imported:
    fields = {
        "title": _text(row, "title", required=True),
        "short_title": _text(row, "short_title"),
        "kind": _enum(row, "kind", AgreementKind, AgreementKind.BILATERAL),
        "status": _enum(row, "status", AgreementStatus, AgreementStatus.DRAFT),
        "signed_on": _date(row, "signed_on"),
        "signed_at": _text(row, "signed_at"),
        "provisionally_applied_on": _date(row, "provisionally_applied_on"),
        "in_force_on": _date(row, "in_force_on"),
        "summary": _text(row, "summary"),
        "reference_url": _text(row, "reference_url"),
    }
    party_ids = [
        _lookup(Party, Party.name_key, name.strip(), "party").id
        for name in row.get("parties", "").split(";")
        if name.strip()
    ]
    areas = [a.strip() for a in row.get("areas", "").split(";") if a.strip()]
    existing = _existing_agreement(row, fields["title"])
    if existing is None:
        agreement_service.create_agreement(
            fields, party_ids=party_ids, area_names=areas, actor=actor
        )
        return "create", fields["title"], None
    warning = changed_since_export(row, existing)
    before = existing.version
    agreement_service.update_agreement(
        existing,
        fields,
        party_ids=party_ids,
        area_names=areas,
        actor=actor,
        expected_version=existing.version,
    )
    action = "unchanged" if existing.version == before else "update"
    return action, fields["title"], warning if action == "update" else None


def changed_since_export(row: dict[str, str], record: Any) -> Message | None:
    """A warning when the file says when it was exported and the record has changed in the
    tracker since: importing the row would overwrite that change. Raises RowError for a
    moment that cannot be read."""
    stamp = row.get(EXPORTED_AT, "")
    if not stamp or record is None:
        return None
    try:
        exported = datetime.fromisoformat(stamp)
    except ValueError:
        raise RowError(
            EXPORTED_AT,
            "“%(text)s” is not a moment such as 2026-01-12T10:00:00+00:00.",
            text=stamp[:40],
        ) from None
    if exported.tzinfo is None:
        exported = exported.replace(tzinfo=UTC)
    if record.updated_at <= exported:
        return None
    return Message(
        "Changed in the tracker on %(date)s, after this file was exported: this row would "
        "overwrite that change. Export again, or check the row before confirming.",
        date=record.updated_at.date(),
    )


def _existing_agreement(row: dict[str, str], title: str) -> Agreement | None:
    record_id = _id(row)
    if record_id is not None:
        found = db.session.get(Agreement, record_id)
        if found is None:
            raise RowError("id", "No agreement has id %(id)s.", id=record_id)
        return found
    return db.session.scalars(
        select(Agreement).where(Agreement.title_key == fold(title)).order_by(Agreement.id)
    ).first()


def _import_milestone(row: dict[str, str], actor: User) -> Imported:
    track = _lookup(NegotiationTrack, NegotiationTrack.name_key, row.get("track", ""), "track")
    if track is not None and not may_see_track(actor, track):
        no_such_track = NO_SUCH_NAME["track"]
        raise RowError("track", no_such_track, value=row.get("track", "")[:60])
    agreement = _lookup(Agreement, Agreement.title_key, row.get("agreement", ""), "agreement")
    body = _lookup(Body, Body.name_key, row.get("body", ""), "body")
    owner = _lookup(User, User.email_key, row.get("owner", ""), "owner")
    number_text = row.get("number", "")
    if number_text and not (number_text.isascii() and number_text.isdigit()):
        raise RowError("number", "A whole number, or empty.")  # its range is the schema's
    fields = {
        "title": _text(row, "title", required=True),
        "kind": _enum(row, "kind", MilestoneKind),
        "track_id": track.id if track else None,
        "agreement_id": agreement.id if agreement else None,
        "body_id": body.id if body else None,
        "number": int(number_text) if number_text else None,
        "planned_on": _date(row, "planned_on", required=True),
        "date_precision": _enum(row, "date_precision", DatePrecision, DatePrecision.DAY),
        "location": _text(row, "location"),
        "owner_id": owner.id if owner else None,
        "notes": _text(row, "notes"),
    }
    done_on = _date(row, "done_on")
    outcome = _text(row, "outcome")
    existing = _existing_milestone(row, fields, actor)
    warning = changed_since_export(row, existing)
    if existing is None:
        milestone = milestone_service.create_milestone(fields, actor=actor)
        action = "create"
    else:
        milestone, before = existing, existing.version
        milestone_service.update_milestone(
            milestone, fields, actor=actor, expected_version=milestone.version
        )
        action = "unchanged" if milestone.version == before else "update"
    if done_on != milestone.done_on or (done_on and outcome != milestone.outcome):
        if done_on is None:
            milestone_service.reopen_milestone(
                milestone, actor=actor, expected_version=milestone.version
            )
        else:
            milestone_service.complete_milestone(
                milestone,
                done_on=done_on,
                outcome=outcome,
                actor=actor,
                expected_version=milestone.version,
            )
        action = "create" if action == "create" else "update"
    return action, fields["title"], warning if action == "update" else None


def _existing_milestone(
    row: dict[str, str], fields: dict[str, Any], actor: User
) -> Milestone | None:
    record_id = _id(row)
    if record_id is not None:
        found = db.session.get(Milestone, record_id)
        if found is None or (found.track is not None and not may_see_track(actor, found.track)):
            raise RowError("id", "No milestone has id %(id)s.", id=record_id)
        return found
    return db.session.scalars(
        select(Milestone).where(
            Milestone.title == fields["title"],
            Milestone.planned_on == fields["planned_on"],
            Milestone.track_id.is_(None)
            if fields["track_id"] is None
            else Milestone.track_id == fields["track_id"],
            Milestone.agreement_id.is_(None)
            if fields["agreement_id"] is None
            else Milestone.agreement_id == fields["agreement_id"],
        )
    ).first()


#: what an importer returns: the row's action, its label, and a warning for the preview
Imported = tuple[str, str, Message | None]

IMPORTERS: dict[
    str, tuple[Sequence[str], Sequence[str], Callable[[dict[str, str], User], Imported]]
] = {
    "agreements": (AGREEMENT_COLUMNS, ("title",), _import_agreement),
    "milestones": (MILESTONE_COLUMNS, ("title", "kind", "planned_on"), _import_milestone),
}
