"""Running an import: every row validated by applying it in a transaction that a
preview rolls back; once confirmed, the whole file goes in one transaction or not at all,
so importing the same file twice does nothing the second time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.domain.messages import Message
from tracker.domain.workflow import IllegalMove
from tracker.models import User
from tracker.orm import db
from tracker.schemas import SchemaRefusal
from tracker.services.errors import ServiceError
from tracker.services.spreadsheets.importers import IMPORTERS
from tracker.services.spreadsheets.parsing import (
    SERVICE_FIELD_COLUMNS,
    RowError,
    RowErrors,
    _read,
)
from tracker.services.spreadsheets.sandbox import preview_on_copy, sqlite_file


@dataclass
class RowResult:
    line: int
    label: str
    action: str = ""  # "create", "update", "unchanged"; "" when the row has errors
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: what to check before confirming (e.g. the record changed after the export)
    warnings: list[str] = field(default_factory=list)
    #: (column, before, after) of each cell an update changes
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class ImportResult:
    kind: str
    rows: list[RowResult] = field(default_factory=list)
    #: problems with the file itself (encoding, header)
    file_errors: list[Message] = field(default_factory=list)
    #: the separator the file was read with: ",", ";" or a tab
    separator: str = ","

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(not r.errors for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def _begin_for_savepoints(*, write: bool) -> None:
    """Open the transaction the rows' savepoints live in.

    pysqlite starts a transaction only just before a write. A SAVEPOINT sent first would
    open a transaction of its own, which its RELEASE then commits: the dry run would be
    written. An explicit BEGIN keeps every savepoint inside the one transaction. A
    confirmation begins IMMEDIATE: it takes the write lock at once, waiting its turn under
    the busy timeout, instead of reading first and then meeting another writer's commit
    (a read snapshot that another connection has since changed cannot be upgraded to a
    write: SQLite answers "database is locked" at once, without waiting).
    """
    connection = db.session.connection()
    if (
        connection.dialect.name == "sqlite"
        and not connection.connection.dbapi_connection.in_transaction
    ):  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def run_import(kind: str, text: str, actor: User, *, confirm: bool) -> ImportResult:
    """Validate every row by applying it; keep the changes only if `confirm` and every row
    is valid. Each row runs in its own savepoint, so one bad row does not hide the errors
    of the next.

    On SQLite a preview's rows run on a private copy of the database
    (tracker.services.spreadsheets.sandbox), so a preview never holds the write lock; a
    confirmation runs in the request's transaction, and other writers wait their turn.
    """
    columns, required, importer = IMPORTERS[kind]
    result = ImportResult(kind)
    rows, result.file_errors, result.separator = _read(text, columns, required)
    if result.file_errors:
        return result
    if not rows:
        result.file_errors.append(Message("The file has no rows under its header."))
        return result
    path = sqlite_file()
    if path is None or confirm:
        return _apply_rows(result, rows, importer, actor, confirm=confirm)
    actor_id = actor.id

    def on_the_copy() -> ImportResult:
        copy = ImportResult(kind, separator=result.separator)
        return _apply_rows(copy, rows, importer, db.session.get(User, actor_id), confirm=confirm)

    return preview_on_copy(path, on_the_copy)


def _apply_rows(
    result: ImportResult, rows: list[dict[str, str]], importer: Any, actor: User, *, confirm: bool
) -> ImportResult:
    db.session.rollback()  # start from a clean transaction
    _begin_for_savepoints(write=confirm)
    try:
        for line, row in enumerate(rows, start=2):
            row_result = RowResult(line, row.get("title", "")[:80])
            try:
                with db.session.begin_nested():
                    row_result.action, _, warning, row_result.changes = importer(row, actor)
                if warning is not None:
                    row_result.warnings.append(warning)
            except RowErrors as errors:  # every cell of the row that is wrong
                row_result.errors.extend(errors.errors)
            except RowError as error:
                row_result.errors.append((error.column, error.message))
            except SchemaRefusal as refusal:  # every cell the schema refuses, not the first
                row_result.errors.extend(
                    (SERVICE_FIELD_COLUMNS.get(r.field or "(row)", r.field or "(row)"), r.message)
                    for r in refusal.refusals
                )
            except (ServiceError, IllegalMove) as error:
                message = error.reason if isinstance(error, IllegalMove) else error.message
                field_name = getattr(error, "field", None) or "(row)"
                row_result.errors.append(
                    (SERVICE_FIELD_COLUMNS.get(field_name, field_name), message)
                )
            result.rows.append(row_result)
        if confirm and result.ok:
            db.session.flush()
        else:
            db.session.rollback()
    except Exception:
        db.session.rollback()
        raise
    return result
