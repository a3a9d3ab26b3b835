"""One importer per kind of record: a row applied through the services that back the
forms. A row that matches its record (by id, else by its natural key) changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select

from tracker.extensions import db
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
from tracker.services import agreements as agreement_service
from tracker.services import milestones as milestone_service
from tracker.services.spreadsheets.fileformat import AGREEMENT_COLUMNS, MILESTONE_COLUMNS
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


def _import_agreement(row: dict[str, str], actor: User) -> tuple[str, str]:
    fields = {
        "title": _text(row, "title", 300, required=True),
        "short_title": _text(row, "short_title", 50),
        "kind": _enum(row, "kind", AgreementKind, AgreementKind.BILATERAL),
        "status": _enum(row, "status", AgreementStatus, AgreementStatus.DRAFT),
        "signed_on": _date(row, "signed_on"),
        "signed_at": _text(row, "signed_at", 200),
        "provisionally_applied_on": _date(row, "provisionally_applied_on"),
        "in_force_on": _date(row, "in_force_on"),
        "summary": _text(row, "summary", 5000),
        "reference_url": _text(row, "reference_url", 500),
    }
    if fields["reference_url"] and not fields["reference_url"].startswith(("http://", "https://")):
        raise RowError("reference_url", "Enter a web address starting with https://.")
    party_ids = [
        _lookup(Party, Party.name, name.strip(), "party").id
        for name in row.get("parties", "").split(";")
        if name.strip()
    ]
    areas = [a.strip() for a in row.get("areas", "").split(";") if a.strip()]
    existing = _existing_agreement(row, fields["title"])
    if existing is None:
        agreement_service.create_agreement(
            fields, party_ids=party_ids, area_names=areas, actor=actor, commit=False
        )
        return "create", fields["title"]
    before = existing.version
    agreement_service.update_agreement(
        existing,
        fields,
        party_ids=party_ids,
        area_names=areas,
        actor=actor,
        expected_version=existing.version,
        commit=False,
    )
    return ("unchanged" if existing.version == before else "update"), fields["title"]


def _existing_agreement(row: dict[str, str], title: str) -> Agreement | None:
    record_id = _id(row)
    if record_id is not None:
        found = db.session.get(Agreement, record_id)
        if found is None:
            raise RowError("id", "No agreement has id %(id)s.", id=record_id)
        return found
    return db.session.scalars(select(Agreement).where(Agreement.title == title)).first()


def _import_milestone(row: dict[str, str], actor: User) -> tuple[str, str]:
    track = _lookup(NegotiationTrack, NegotiationTrack.name, row.get("track", ""), "track")
    if track is not None and not may_see_track(actor, track):
        no_such_track = NO_SUCH_NAME["track"]
        raise RowError("track", no_such_track, value=row.get("track", "")[:60])
    agreement = _lookup(Agreement, Agreement.title, row.get("agreement", ""), "agreement")
    body = _lookup(Body, Body.name, row.get("body", ""), "body")
    owner = _lookup(User, User.email, row.get("owner", ""), "owner")
    number_text = row.get("number", "")
    if number_text and not (
        number_text.isascii() and number_text.isdigit() and 0 < int(number_text) <= 10000
    ):
        raise RowError("number", "A number from 1 to 10000, or empty.")
    fields = {
        "title": _text(row, "title", 300, required=True),
        "kind": _enum(row, "kind", MilestoneKind),
        "track_id": track.id if track else None,
        "agreement_id": agreement.id if agreement else None,
        "body_id": body.id if body else None,
        "number": int(number_text) if number_text else None,
        "planned_on": _date(row, "planned_on", required=True),
        "date_precision": _enum(row, "date_precision", DatePrecision, DatePrecision.DAY),
        "location": _text(row, "location", 200),
        "owner_id": owner.id if owner else None,
        "notes": _text(row, "notes", 5000),
    }
    done_on = _date(row, "done_on")
    outcome = _text(row, "outcome", 5000)
    existing = _existing_milestone(row, fields, actor)
    if existing is None:
        milestone = milestone_service.create_milestone(fields, actor=actor, commit=False)
        action = "create"
    else:
        milestone, before = existing, existing.version
        milestone_service.update_milestone(
            milestone, fields, actor=actor, expected_version=milestone.version, commit=False
        )
        action = "unchanged" if milestone.version == before else "update"
    if done_on != milestone.done_on or (done_on and outcome != milestone.outcome):
        if done_on is None:
            milestone_service.reopen_milestone(
                milestone, actor=actor, expected_version=milestone.version, commit=False
            )
        else:
            milestone_service.complete_milestone(
                milestone,
                done_on=done_on,
                outcome=outcome,
                actor=actor,
                expected_version=milestone.version,
                commit=False,
            )
        action = "create" if action == "create" else "update"
    return action, fields["title"]


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


IMPORTERS: dict[
    str, tuple[Sequence[str], Sequence[str], Callable[[dict[str, str], User], tuple[str, str]]]
] = {
    "agreements": (AGREEMENT_COLUMNS, ("title",), _import_agreement),
    "milestones": (MILESTONE_COLUMNS, ("title", "kind", "planned_on"), _import_milestone),
}
