"""One importer per kind of record: a row applied through the services that back the
forms. A row that matches its record (by id, else by its natural key) changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from tracker.domain.messages import Message, as_message
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
from tracker.schemas import SchemaRefusal
from tracker.schemas.agreements import AgreementInput
from tracker.schemas.milestones import MilestoneInput
from tracker.services import agreements as agreement_service
from tracker.services import milestones as milestone_service
from tracker.services.spreadsheets.export import agreement_cells, milestone_cells
from tracker.services.spreadsheets.fileformat import (
    AGREEMENT_COLUMNS,
    EXPORTED_AT,
    MILESTONE_COLUMNS,
)
from tracker.services.spreadsheets.parsing import (
    NO_SUCH_NAME,
    SERVICE_FIELD_COLUMNS,
    Cells,
    RowError,
    _date,
    _enum,
    _id,
    _text,
)
from tracker.services.visibility import may_see_track

#: the agreement's own columns read as text, and as dates
_AGREEMENT_TEXT = ("short_title", "signed_at", "summary", "reference_url")
_AGREEMENT_DATES = ("signed_on", "provisionally_applied_on", "in_force_on")


def _import_agreement(row: dict[str, str], actor: User) -> Imported:
    """A row onto the agreement it names (by id, else by title in any case), or a new one.
    A column the file does not have leaves that field of an existing agreement as it is."""
    cells = Cells(row)
    fields: dict[str, Any] = {}
    # a row with an id may leave the title out (the column missing: unchanged); a new
    # agreement needs one
    if cells.has("title") or not row.get("id", "").strip():
        fields["title"] = cells.read(_text, "title", required=True)
    for column in _AGREEMENT_TEXT:
        if cells.has(column):
            fields[column] = cells.read(_text, column)
    for column, enum, default in (
        ("kind", AgreementKind, AgreementKind.BILATERAL),
        ("status", AgreementStatus, AgreementStatus.DRAFT),
    ):
        if cells.has(column):
            fields[column] = cells.read(_enum, column, enum, default)
    for column in _AGREEMENT_DATES:
        if cells.has(column):
            fields[column] = cells.read(_date, column)
    party_ids = None
    if cells.has("parties"):
        parties = [
            cells.lookup(Party, Party.name_key, name.strip(), "party")
            for name in row["parties"].split(";")
            if name.strip()
        ]
        party_ids = [p.id for p in parties if p is not None]
    areas = None
    if cells.has("areas"):
        areas = [a.strip() for a in row["areas"].split(";") if a.strip()]
    existing = None if cells.failed("title") else cells.read(_existing_agreement, "id")
    if cells.errors:
        _also_schema_refusals(cells, AgreementInput, fields, existing, party_ids=[], areas=[])
    cells.check()
    if existing is None:
        agreement_service.create_agreement(
            {"status": AgreementStatus.DRAFT, **fields},
            party_ids=party_ids or [],
            area_names=areas or [],
            actor=actor,
        )
        return "create", fields["title"], None, []
    warning = changed_since_export(row, existing)
    before_cells, before = agreement_cells(existing), existing.version
    agreement_service.update_agreement(
        existing,
        fields,
        party_ids=[p.id for p in existing.parties] if party_ids is None else party_ids,
        area_names=[a.name for a in existing.areas] if areas is None else areas,
        actor=actor,
        expected_version=existing.version,
    )
    if existing.version == before:
        return "unchanged", existing.title, None, []
    return "update", existing.title, warning, _changes(before_cells, agreement_cells(existing))


def _changes(before: dict[str, str], after: dict[str, str]) -> list[tuple[str, str, str]]:
    """(column, before, after) of each cell a row changes, for the preview."""
    return [
        (column, before[column], after[column])
        for column in after
        if column not in ("id", EXPORTED_AT) and before[column] != after[column]
    ]


def _also_schema_refusals(
    cells: Cells, schema: Any, fields: dict[str, Any], record: Any, **extra: Any
) -> None:
    """Add to a row's cell errors what the record's schema says of its other cells, so the
    preview lists every error of the row at once."""
    given = {k: v for k, v in fields.items() if v is not None}
    current = {k: getattr(record, k) for k in schema.model_fields if hasattr(record, k)}
    try:
        schema.of({**current, **given, **extra})
    except SchemaRefusal as refusal:
        for r in refusal.refusals:
            column = SERVICE_FIELD_COLUMNS.get(r.field or "(row)", r.field or "(row)")
            if not cells.failed(column) and column in cells.row:
                cells.errors.append((column, r.message))


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


def _existing_agreement(row: dict[str, str], _column: str = "id") -> Agreement | None:
    record_id = _id(row)
    if record_id is not None:
        found = db.session.get(Agreement, record_id)
        if found is None:
            raise RowError("id", "No agreement has id %(id)s.", id=record_id)
        return found
    return db.session.scalars(
        select(Agreement).where(Agreement.title_key == fold(row["title"])).order_by(Agreement.id)
    ).first()


#: a milestone's columns that name another record: (column, model, folded key, field)
_MILESTONE_LINKS = (
    ("track", NegotiationTrack, NegotiationTrack.name_key, "track_id"),
    ("agreement", Agreement, Agreement.title_key, "agreement_id"),
    ("body", Body, Body.name_key, "body_id"),
    ("owner", User, User.email_key, "owner_id"),
)


def _import_milestone(row: dict[str, str], actor: User) -> Imported:
    """A row onto the milestone it names (by id, else by title, date, track and agreement),
    or a new one. A column the file does not have leaves that field unchanged."""
    cells = Cells(row)
    fields: dict[str, Any] = {}
    for column, model, key, field_name in _MILESTONE_LINKS:
        if cells.has(column):
            found = cells.lookup(model, key, row[column], column)
            if column == "track" and found is not None and not may_see_track(actor, found):
                cells.errors.append(
                    (column, as_message(NO_SUCH_NAME["track"], {"value": row[column][:60]}))
                )
            fields[field_name] = found.id if found is not None else None
    if cells.has("number"):
        fields["number"] = cells.read(_number, "number")
    fields["title"] = cells.read(_text, "title", required=not cells.has("id"))
    if cells.has("kind"):
        fields["kind"] = cells.read(_enum, "kind", MilestoneKind)
    if cells.has("planned_on"):
        fields["planned_on"] = cells.read(_date, "planned_on", required=True)
    if cells.has("date_precision"):
        fields["date_precision"] = cells.read(
            _enum, "date_precision", DatePrecision, DatePrecision.DAY
        )
    for column in ("location", "notes"):
        if cells.has(column):
            fields[column] = cells.read(_text, column)
    done_on = cells.read(_date, "done_on") if cells.has("done_on") else None
    outcome = cells.read(_text, "outcome") if cells.has("outcome") else None
    if not fields["title"]:
        del fields["title"]  # an update by id that leaves the title as it is
    existing = cells.read(_existing_milestone, "id", fields, actor) if not cells.errors else None
    if cells.errors:
        _also_schema_refusals(cells, MilestoneInput, fields, existing)
    cells.check()
    warning = changed_since_export(row, existing)
    if existing is None:
        milestone = milestone_service.create_milestone(fields, actor=actor)
        action, before_cells = "create", None
    else:
        milestone, before, before_cells = existing, existing.version, milestone_cells(existing)
        milestone_service.update_milestone(
            milestone, fields, actor=actor, expected_version=milestone.version
        )
        action = "unchanged" if milestone.version == before else "update"
    if cells.has("done_on"):
        outcome = milestone.outcome if outcome is None else outcome
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
    if action != "update" or before_cells is None:
        return action, milestone.title, None, []
    return "update", milestone.title, warning, _changes(before_cells, milestone_cells(milestone))


def _number(row: dict[str, str], column: str) -> int | None:
    text = row.get(column, "")
    if text and not (text.isascii() and text.isdigit()):
        raise RowError(column, "A whole number, or empty.")  # its range is the schema's
    return int(text) if text else None


def _existing_milestone(
    row: dict[str, str], _column: str, fields: dict[str, Any], actor: User
) -> Milestone | None:
    record_id = _id(row)
    if record_id is not None:
        found = db.session.get(Milestone, record_id)
        if found is None or (found.track is not None and not may_see_track(actor, found.track)):
            raise RowError("id", "No milestone has id %(id)s.", id=record_id)
        return found
    if "planned_on" not in fields or "title" not in fields:
        return None  # a new milestone; the schema says what it lacks
    return db.session.scalars(
        select(Milestone).where(
            Milestone.title == fields["title"],
            Milestone.planned_on == fields["planned_on"],
            Milestone.track_id.is_(None)
            if fields.get("track_id") is None
            else Milestone.track_id == fields["track_id"],
            Milestone.agreement_id.is_(None)
            if fields.get("agreement_id") is None
            else Milestone.agreement_id == fields["agreement_id"],
        )
    ).first()


#: what an importer returns: the row's action, its label, a warning for the preview, and
#: (column, before, after) of each cell an update changes
Imported = tuple[str, str, Message | None, list[tuple[str, str, str]]]

IMPORTERS: dict[
    str, tuple[Sequence[str], Sequence[str], Callable[[dict[str, str], User], Imported]]
] = {
    "agreements": (AGREEMENT_COLUMNS, ("title",), _import_agreement),
    "milestones": (MILESTONE_COLUMNS, ("title", "kind", "planned_on"), _import_milestone),
}
