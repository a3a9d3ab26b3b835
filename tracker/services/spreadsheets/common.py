"""What the importers of every kind of record share: the outcome of a row, the changes
it makes, and the "changed since export" warning."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tracker.domain.messages import Message
from tracker.schemas import SchemaRefusal
from tracker.services.records import plain
from tracker.services.spreadsheets.fileformat import EXPORTED_AT
from tracker.services.spreadsheets.parsing import SERVICE_FIELD_COLUMNS, Cells, RowError

#: what an importer returns for a row: its action ("create", "update", "unchanged"), its
#: label, a warning for the preview, and (column, before, after) of each cell it changes
Imported = tuple[str, str, Message | None, list[tuple[str, str, str]]]


def diff(
    values: dict[str, Any], changes: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set in `values` the changes that differ; return (before, after) of just those, as
    the audit log keeps them (tracker.services.records.apply_changes on a plain dict)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in changes.items():
        current = values[name]
        if current != value:
            before[name] = plain(current)
            after[name] = plain(value)
            values[name] = value
    return before, after


def changes_between(before: dict[str, str], after: dict[str, str]) -> list[tuple[str, str, str]]:
    """(column, before, after) of each cell a row changes, for the preview."""
    return [
        (column, before[column], after[column])
        for column in after
        if column not in ("id", EXPORTED_AT) and before[column] != after[column]
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


def changed_since_export(row: dict[str, str], record: Any) -> Message | None:
    """A warning when the file says when it was exported and the record (anything with an
    `updated_at`) has changed in the tracker since: importing the row would overwrite that
    change. Raises RowError for a moment that cannot be read."""
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
