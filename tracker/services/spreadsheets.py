"""CSV export and import of agreements and milestones (tracks: export only).

Export: UTF-8 with a byte-order mark (so Excel reads the accents of "EU–Kazakhstan"),
every cell that a spreadsheet would run as a formula prefixed with an apostrophe (CSV
injection), and an `id` column so a file exported here re-imports onto the same records.

Import: every row is validated by the same services that back the forms, inside a
transaction that a preview rolls back; nothing is written until the officer confirms,
then the whole file goes in one transaction or not at all. A row that matches its record
(by id, else by its natural key) changes nothing, so importing the same file twice does
nothing the second time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from tracker.domain.messages import N_, Message, as_message
from tracker.domain.workflow import IllegalMove
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
    Ratification,
    User,
)
from tracker.services import agreements as agreement_service
from tracker.services import milestones as milestone_service
from tracker.services.errors import ServiceError
from tracker.services.visibility import may_see_track

#: a leading character that makes a spreadsheet evaluate the cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: separates several values in one cell (parties, areas)
LIST_SEPARATOR = "; "
MAX_ROWS = 5_000


def neutralise(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """Undo neutralise() on import, so an exported value comes back as it was."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return out.getvalue()


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


# --- export ---------------------------------------------------------------------------

AGREEMENT_COLUMNS = (
    "id",
    "title",
    "short_title",
    "kind",
    "status",
    "signed_on",
    "signed_at",
    "provisionally_applied_on",
    "in_force_on",
    "parties",
    "areas",
    "summary",
    "reference_url",
)
MILESTONE_COLUMNS = (
    "id",
    "title",
    "kind",
    "track",
    "agreement",
    "body",
    "number",
    "planned_on",
    "date_precision",
    "done_on",
    "location",
    "owner",
    "outcome",
    "notes",
)
TRACK_COLUMNS = (
    "id",
    "name",
    "status",
    "status_since",
    "framework_agreement",
    "lead_officer",
    "next_step",
    "target_date",
    "classification",
)


def export_agreements(query: Select[tuple[Agreement]]) -> str:
    return to_csv(
        AGREEMENT_COLUMNS,
        (
            (
                a.id,
                a.title,
                a.short_title,
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
            )
            for a in db.session.scalars(
                query.options(
                    selectinload(Agreement.ratifications).joinedload(Ratification.party),
                    selectinload(Agreement.areas),
                )
            )
        ),
    )


def export_milestones(query: Select[tuple[Milestone]]) -> str:
    return to_csv(
        MILESTONE_COLUMNS,
        (
            (
                m.id,
                m.title,
                m.kind.value,
                m.track.name if m.track else "",
                m.agreement.title if m.agreement else "",
                m.body.name if m.body else "",
                m.number or "",
                m.planned_on.isoformat(),
                m.date_precision.value,
                _day(m.done_on),
                m.location,
                m.owner.email if m.owner else "",
                m.outcome,
                m.notes,
            )
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


# --- import ---------------------------------------------------------------------------


class RowError(Exception):
    def __init__(self, column: str, message: str, **params: Any) -> None:
        self.message = as_message(message, params)
        super().__init__(self.message)
        self.column = column


@dataclass
class RowResult:
    line: int
    label: str
    action: str = ""  # "create", "update", "unchanged"; "" when the row has errors
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ImportResult:
    kind: str
    rows: list[RowResult] = field(default_factory=list)
    #: problems with the file itself (encoding, header)
    file_errors: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(not r.errors for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def decode(data: bytes) -> str:
    """UTF-8, with or without the byte-order mark Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ServiceError("Save the file as CSV UTF-8, then try again.", field="file") from exc


def _read(
    text: str, columns: Sequence[str], required: Sequence[str]
) -> tuple[list[dict[str, str]], list[Message]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    unknown = [h for h in header if h not in columns]
    errors = []
    if missing:
        errors.append(
            Message(
                "The first row must name the columns; missing: %(missing)s.",
                missing=", ".join(missing),
            )
        )
    if unknown:
        errors.append(
            Message(
                "Unknown columns: %(unknown)s. Known: %(known)s.",
                unknown=", ".join(unknown),
                known=", ".join(columns),
            )
        )
    if errors:
        return [], errors
    rows = []
    for raw in reader:
        if None in raw:
            return [], [f"Line {reader.line_num} has more cells than the header."]
        rows.append({k.strip(): restore((v or "").strip()) for k, v in raw.items() if k})
        if len(rows) > MAX_ROWS:
            return [], [f"At most {MAX_ROWS} rows per file."]
    return rows, []


def _date(row: dict[str, str], column: str, *, required: bool = False) -> date | None:
    text = row.get(column, "")
    if not text:
        if required:
            raise RowError(column, "Enter a date, YYYY-MM-DD.")
        return None
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise RowError(column, "“%(text)s” is not a date (YYYY-MM-DD).", text=text[:30]) from None


def _enum(row: dict[str, str], column: str, enum: Any, default: Any = None) -> Any:
    text = row.get(column, "")
    if not text and default is not None:
        return default
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise RowError(
            column, "“%(text)s” is not one of: %(allowed)s.", text=text[:30], allowed=allowed
        ) from None


def _text(row: dict[str, str], column: str, max_length: int, *, required: bool = False) -> str:
    text = row.get(column, "")
    if required and not text:
        raise RowError(column, "This cell cannot be empty.")
    if len(text) > max_length:
        raise RowError(column, "At most %(max)s characters.", max=max_length)
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
        raise RowError(column, "Remove the control characters from this cell.")
    return text


def _id(row: dict[str, str]) -> int | None:
    text = row.get("id", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < 2**31:
        raise RowError("id", "The id is a whole number, as exported; leave it empty for new rows.")
    return int(text)


#: column -> the refusal when no record has the name given (whole sentences, translatable)
NO_SUCH_NAME = {
    "party": N_("No party is called “%(value)s”."),
    "track": N_("No track is called “%(value)s”."),
    "agreement": N_("No agreement is called “%(value)s”."),
    "body": N_("No body is called “%(value)s”."),
    "owner": N_("No owner is called “%(value)s”."),
}


def _lookup(model: Any, column: Any, value: str, name: str) -> Any:
    if not value:
        return None
    found = db.session.scalars(select(model).where(func.lower(column) == value.lower())).first()
    if found is None:
        raise RowError(name, NO_SUCH_NAME[name], value=value[:60])
    return found


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


#: the services name a form's fields; the file has columns
SERVICE_FIELD_COLUMNS = {
    "track_id": "track",
    "agreement_id": "agreement",
    "body_id": "body",
    "owner_id": "owner",
    "party_ids": "parties",
    "area_id": "area",
}


def _begin_for_savepoints() -> None:
    """Open the transaction the rows' savepoints live in.

    pysqlite starts a transaction only just before a write. A SAVEPOINT sent first would
    open a transaction of its own, which its RELEASE then commits: the dry run would be
    written. An explicit BEGIN keeps every savepoint inside the one transaction.
    """
    connection = db.session.connection()
    if (
        connection.dialect.name == "sqlite"
        and not connection.connection.dbapi_connection.in_transaction
    ):  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN")


def run_import(kind: str, text: str, actor: User, *, confirm: bool) -> ImportResult:
    """Validate every row by applying it in a transaction; keep it only if `confirm` and
    every row is valid. Each row runs in its own savepoint, so one bad row does not hide
    the errors of the next."""
    columns, required, importer = IMPORTERS[kind]
    result = ImportResult(kind)
    rows, result.file_errors = _read(text, columns, required)
    if result.file_errors:
        return result
    if not rows:
        result.file_errors.append(Message("The file has no rows under its header."))
        return result
    db.session.rollback()  # start from a clean transaction
    _begin_for_savepoints()
    try:
        for line, row in enumerate(rows, start=2):
            row_result = RowResult(line, row.get("title", "")[:80])
            try:
                with db.session.begin_nested():
                    row_result.action, _ = importer(row, actor)
            except RowError as error:
                row_result.errors.append((error.column, error.message))
            except (ServiceError, IllegalMove) as error:
                message = error.reason if isinstance(error, IllegalMove) else error.message
                field_name = getattr(error, "field", None) or "(row)"
                row_result.errors.append(
                    (SERVICE_FIELD_COLUMNS.get(field_name, field_name), message)
                )
            result.rows.append(row_result)
        if confirm and result.ok:
            db.session.commit()
        else:
            db.session.rollback()
    except Exception:
        db.session.rollback()
        raise
    return result
