"""What the importers of every kind of record share: reading the records a file names (by
id and by natural key), the outcome of a row, the changes it makes, and the "changed since
export" warning."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Insert, func, insert, select

from tracker.domain.messages import Message
from tracker.models import AuditEvent, FollowEvent, User
from tracker.orm import db
from tracker.schemas import SchemaRefusal
from tracker.schemas.base import Refusal, validate
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.records import audit_values, plain, same_value
from tracker.services.spreadsheets import postgres
from tracker.services.spreadsheets.fileformat import EXPORTED_AT
from tracker.services.spreadsheets.parsing import (
    SERVICE_FIELD_COLUMNS,
    Cells,
    RowError,
    RowErrors,
    _id,
    chunks,
)

#: what an importer returns for a row: its action ("create", "update", "unchanged"), its
#: label, a warning for the preview, and (column, before, after) of each cell it changes
Imported = tuple[str, str, Message | None, list[tuple[str, str, str]]]

#: a record of the file: (0, id) for a stored one, (1, n) for the n-th new one
Ref = tuple[int, int]


@dataclass(frozen=True)
class Pending:
    """The id of a record the writing makes (its Ref), in a row prepared before it is
    made; Writing.run puts the id in."""

    ref: Ref


@dataclass
class Writing:
    """A file's writing, prepared before the write lock is taken (building thousands of
    rows, folding keys and rendering audit texts took seconds while holding it) and run
    under it: the new records of `table` inserted, then each (statement, rows, checked) in
    order, each row's Pending ids put in first (a checked statement must meet every row,
    else ConflictError(`conflict`)), then each of `after` called with the ids of every
    record written (the full-text index, a track's activity)."""

    table: Any
    conflict: str
    new: list[tuple[Ref, dict[str, Any]]] = field(default_factory=list)
    steps: list[tuple[Any, list[dict[str, Any]], bool]] = field(default_factory=list)
    stored: list[int] = field(default_factory=list)
    after: list[Callable[[list[int]], None]] = field(default_factory=list)

    def run(self) -> None:
        """Write, in the caller's transaction (the boundary commits). Raises ConflictError
        when a checked statement misses a row (the caller rolls back)."""
        made = insert_made(self.table, [row for _, row in self.new])
        ids = dict(zip((ref for ref, _ in self.new), made, strict=True))
        for statement, rows, checked in self.steps:
            if not rows:
                continue
            for row in rows:
                for name, value in row.items():
                    if type(value) is Pending:
                        row[name] = ids[value.ref]
            if not checked and _plain_insert(statement):
                try:
                    postgres.insert_rows(db.session.connection(), statement.table, rows)
                    continue
                except postgres.NotPlain:
                    pass
            result = db.session.execute(statement, rows)
            if checked and result.rowcount != len(rows):
                raise ConflictError(self.conflict)
        written = sorted([*self.stored, *made])
        for call in self.after:
            call(written)
        db.session.expire_all()  # the records read for the plan are stale now


def _plain_insert(statement: Any) -> bool:
    """An `insert(table)` with nothing more (its rows given with it), on PostgreSQL: sent
    as one statement of arrays (postgres.insert_rows)."""
    return (
        isinstance(statement, Insert)
        and postgres.on_postgresql(db.session.connection())
        and not statement._values
        and not statement._multi_values
        and statement._returning == ()
    )


def the_id(ref: Ref) -> int | Pending:
    """A record's id in a prepared row: a stored record's, or Pending for a new one."""
    return ref[1] if ref[0] == 0 else Pending(ref)


def audits_and_notices(
    steps: Iterable[Any],
    object_type: str,
    actor: User,
    now: datetime,
    notice: Callable[[Any, int | Pending], dict[str, Any] | None],
) -> list[tuple[Any, list[dict[str, Any]], bool]]:
    """The audit entry of each planned save (`steps`: action, summary, before, after, ref),
    and its follow event where `notice(step, record id)` gives one (event_values' row), as
    the two insert statements of a Writing, each at `now`."""
    audits, notices = [], []
    for step in steps:
        record_id = the_id(step.ref)
        values = audit_values(
            actor,
            step.action,
            object_type,
            record_id,
            step.summary,
            step.before,
            step.after,  # type: ignore[arg-type]
        )
        audits.append({**values, "created_at": now})
        event = notice(step, record_id)
        if event is not None:
            notices.append({**event, "occurred_at": now})
    return [
        (insert(AuditEvent.__table__), audits, False),
        (insert(FollowEvent.__table__), notices, False),
    ]


def insert_made(table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` into `table` (its `id` made by the database) in as few statements as
    the driver allows; returns the ids made, in the rows' order.

    SQLite: the writer holds the write lock (BEGIN IMMEDIATE), so the ids are those SQLite
    would give one by one (the largest id plus one: the tables are not AUTOINCREMENT),
    set here, and the rows go in one executemany. (SQLAlchemy cannot batch an INSERT ...
    RETURNING that must keep the rows' order on SQLite: it ran one statement per row.)
    PostgreSQL: the ids taken from the table's sequence first (postgres.new_ids), then the
    rows with them in one statement of arrays (postgres.insert_rows: psycopg spent seconds
    rewriting a multi-row INSERT's placeholders)."""
    if not rows:
        return []
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        first = int(connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
        connection.execute(
            insert(table), [{**row, "id": made} for row, made in zip(rows, ids, strict=True)]
        )
        return ids
    ids = postgres.new_ids(connection, table, len(rows))
    made = [{**row, "id": new} for row, new in zip(rows, ids, strict=True)]
    try:
        postgres.insert_rows(connection, table, made)
    except postgres.NotPlain:
        connection.execute(insert(table), made)
    return ids


def ids_and_keys(
    rows: list[dict[str, str]], natural_key: Callable[[dict[str, str]], Hashable | None]
) -> tuple[list[Any], list[Any]]:
    """The record ids the rows give and their natural keys (`natural_key(row)`: the key,
    or None for a row without one), each sorted. A cell that is no id or key is left to
    the row's own check (RowError is not raised here)."""
    ids: set[int] = set()
    keys: set[Any] = set()
    for row in rows:
        for found, read in ((ids, _id), (keys, natural_key)):
            try:
                value = read(row)
            except RowError:
                value = None
            if value is not None:
                found.add(value)
    return sorted(ids), sorted(keys)


def read_named(
    rows: list[dict[str, str]],
    loading: Any,
    id_column: Any,
    natural_key: Callable[[dict[str, str]], Hashable | None],
    by_key: Callable[[list[Any]], Any],
) -> list[Any]:
    """The stored records `rows` name, by id and by natural key: `loading` (a select of
    the model with its loader options) run for each part of the ids (`id_column IN`) and
    of the keys (`by_key(part)`: the condition for a part), a query per CHUNK. A record
    named both ways is listed twice."""
    ids, keys = ids_and_keys(rows, natural_key)
    found: list[Any] = []
    for part in chunks(ids):
        found += db.session.scalars(loading.where(id_column.in_(part)))
    for part in chunks(keys):
        found += db.session.scalars(loading.where(by_key(part)))
    return found


def diff(
    values: dict[str, Any], changes: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set in `values` the changes that differ; return (before, after) of just those, as
    the audit log keeps them (tracker.services.records.apply_changes on a plain dict)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in changes.items():
        current = values[name]
        if not same_value(current, value):
            before[name] = plain(current)
            after[name] = plain(value)
            values[name] = value
    return before, after


def changes_between(before: dict[str, str], after: dict[str, str]) -> list[tuple[str, str, str]]:
    """(column, before, after) of each cell a row changes, for the preview."""
    return [
        (column, before[column], after[column])
        for column in after
        if column not in ("id", EXPORTED_AT) and not same_value(before[column], after[column])
    ]


def also_schema_refusals(
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


def column_of(field: str | None) -> str:
    """The file's column of a service's or schema's field ("(row)": the whole row)."""
    name = (field or "(row)").split(".", 1)[0]
    return SERVICE_FIELD_COLUMNS.get(name, name)


def note_refusals(cells: Cells, refusals: Iterable[Refusal]) -> None:
    """Note `refusals` in the row's errors, each at its column, but at a column refused
    already: that cell's own refusal says first what is wrong with it."""
    refused = {column for column, _ in cells.errors}
    for refusal in refusals:
        if column_of(refusal.field) not in refused:
            cells.errors.append((column_of(refusal.field), refusal.message))


def validated(
    cells: Cells, schema: Any, fields: dict[str, Any], *, only: Iterable[str] | None = None
) -> Any:
    """`fields` (by the schema's names) as `schema`, as the form's input is checked (its
    fields and the rules across them, tracker.schemas.base.validate), on the cells that
    were read: a refused cell's field is left out, so that the schema speaks of the others
    (h16g #1: a row shows every error at once). Its refusals are noted in `cells` (`only`:
    those at these columns, for a row refused already whose fields are not all known);
    None when anything of the row is refused."""
    given = {name: value for name, value in fields.items() if not cells.failed(column_of(name))}
    try:
        data = validate(schema, given)
    except SchemaRefusal as refusal:
        shown = None if only is None else set(only)
        note_refusals(
            cells, [r for r in refusal.refusals if shown is None or column_of(r.field) in shown]
        )
        return None
    return None if cells.errors else data


def row_errors(error: ServiceError, label: str) -> RowErrors:
    """A service's refusal of a row (a SchemaRefusal: each of its refusals) as the row's
    errors at their columns, with the row's label for the preview."""
    refusals = (
        error.refusals
        if isinstance(error, SchemaRefusal)
        else [Refusal(error.field, error.message)]
    )
    return RowErrors([(column_of(r.field), r.message) for r in refusals], label)


def exported_moment(row: dict[str, str], column: str = EXPORTED_AT) -> datetime | None:
    """The row's `exported_at` cell as a moment (UTC when it names no zone); None when
    empty. Raises RowError for a moment that cannot be read, so that a row's importer
    reads it with the row's other cells (Cells.read) and lists it among their errors."""
    stamp = row.get(column, "")
    if not stamp:
        return None
    try:
        exported = datetime.fromisoformat(stamp)
    except ValueError:
        raise RowError(
            column,
            "“%(text)s” is not a moment such as 2026-01-12T10:00:00+00:00.",
            text=stamp[:40],
        ) from None
    return exported if exported.tzinfo is not None else exported.replace(tzinfo=UTC)


def changed_since_export(row: dict[str, str], record: Any) -> Message | None:
    """A warning when the file says when it was exported and the record (anything with an
    `updated_at`) has changed in the tracker since: importing the row would overwrite that
    change. Raises RowError for a moment that cannot be read."""
    if record is None:
        return None
    exported = exported_moment(row, EXPORTED_AT)
    if exported is None or record.updated_at <= exported:
        return None
    return Message(
        "Changed in the tracker on %(date)s, after this file was exported: this row would "
        "overwrite that change. Export again, or check the row before confirming.",
        date=record.updated_at.date(),
    )
