"""Running an import. Every row is worked out without writing (agreement_rows,
milestone_rows): a preview only reads, holds no write transaction and no row lock, and
copies nothing. Once confirmed, the whole file goes in one transaction or not at all (the
README's promise), written in bulk (bulk), so importing the same file twice does nothing
the second time."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text as sql_text
from sqlalchemy.exc import IntegrityError

from tracker.domain.messages import Message
from tracker.domain.workflow import IllegalMove
from tracker.models import User
from tracker.orm import db
from tracker.schemas import SchemaRefusal
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.spreadsheets import action_rows, agreement_bulk, bulk, treaty_rows
from tracker.services.spreadsheets.action_rows import ActionPlan
from tracker.services.spreadsheets.agreement_rows import AgreementPlan
from tracker.services.spreadsheets.carried import keep as keep_plan
from tracker.services.spreadsheets.carried import rests_on
from tracker.services.spreadsheets.carried import take as take_plan
from tracker.services.spreadsheets.common import Writing
from tracker.services.spreadsheets.fileformat import (
    ACTION_COLUMNS,
    AGREEMENT_COLUMNS,
    MILESTONE_COLUMNS,
    READ_ONLY_AGREEMENT_COLUMNS,
    RELATION_COLUMNS,
    RULE_COLUMNS,
)
from tracker.services.spreadsheets.milestone_rows import MilestonePlan
from tracker.services.spreadsheets.parsing import (
    SERVICE_FIELD_COLUMNS,
    RowError,
    RowErrors,
    _read,
)

#: per kind of import: its columns, the columns a file without ids must have, its plan
IMPORTERS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Any]] = {
    "agreements": (tuple(AGREEMENT_COLUMNS), ("title",), AgreementPlan),
    "milestones": (tuple(MILESTONE_COLUMNS), ("title", "kind", "planned_on"), MilestonePlan),
    "actions": (tuple(ACTION_COLUMNS), ("agreement", "party", "kind"), ActionPlan),
    "final-clauses": (
        RULE_COLUMNS,
        ("agreement", "purpose", "mode", "anchor"),
        treaty_rows.RulePlan,
    ),
    "relations": (
        RELATION_COLUMNS,
        ("agreement", "kind", "other_agreement"),
        treaty_rows.RelationPlan,
    ),
}

#: per kind of import: the columns an export adds for reading only (an agreement's final
#: clauses and relations, kept on its page, and the dates the tracker computes from its
#: clauses): a file that has them is read without them, and the preview says so
READ_ONLY: dict[str, tuple[str, ...]] = {"agreements": READ_ONLY_AGREEMENT_COLUMNS}

#: per kind of import: the preparation of its bulk writing, and what it says when a record
#: of the file changed between its reading and its writing (PostgreSQL: another transaction
#: committed meanwhile)
WRITERS: dict[str, tuple[Any, str]] = {
    "agreements": (agreement_bulk.prepare_agreements, agreement_bulk.CHANGED_WHILE_IMPORTING),
    "milestones": (bulk.prepare_milestones, bulk.CHANGED_WHILE_IMPORTING),
    # a file of party actions is short (one agreement's acts): saved act by act through
    # the party-action service when the writing runs
    "actions": (ActionPlan.writing, action_rows.CHANGED_WHILE_IMPORTING),
    # final clauses and relations: one agreement's few, saved through their services
    "final-clauses": (treaty_rows.RulePlan.writing, treaty_rows.CHANGED_WHILE_IMPORTING),
    "relations": (treaty_rows.RelationPlan.writing, treaty_rows.CHANGED_WHILE_IMPORTING),
}


@dataclass
class RowResult:
    line: int
    label: str
    action: str = ""  # "create", "update", "unchanged"; "" when the row has errors
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: what to check before confirming (e.g. the record changed after the export)
    warnings: list[Message] = field(default_factory=list)
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
    #: the line of the file each row starts on (a cell may hold line breaks)
    row_lines: list[int] = field(default_factory=list)
    #: the file's read-only columns (computed by the tracker), ignored
    ignored: list[str] = field(default_factory=list)
    #: a preview's kept plan, for its confirmation (carried); "" when none was kept
    plan_token: str = ""
    #: a confirmation found the rows' outcomes other than its preview showed (a record of
    #: the file changed since): nothing was written, and `rows` are the outcomes as now
    changed_since_preview: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(not r.errors for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def shown(self) -> str:
        """A digest (SHA-256, hex) of what the preview shows of every row: its line, label,
        action, errors, warnings and changes (before and after). The confirmation form
        carries it back; a confirmation whose rows work out otherwise writes nothing
        (run_import's `shown`), whichever worker serves it."""
        digest = hashlib.sha256()
        for row in self.rows:
            seen = (row.line, row.label, row.action, row.errors, row.warnings, row.changes)
            digest.update(repr(seen).encode())
        return digest.hexdigest()


def _begin_writing() -> None:
    """On SQLite, take the write lock before the first write (BEGIN IMMEDIATE), waiting its
    turn under the busy timeout: a read snapshot that another connection has since changed
    cannot be upgraded to a write (SQLite answers "database is locked" at once). The plan's
    reads before it run outside any transaction (pysqlite opens one for writes only)."""
    connection = db.session.connection()
    if (
        connection.dialect.name == "sqlite"
        and not connection.connection.dbapi_connection.in_transaction  # type: ignore[union-attr]
    ):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


#: the advisory lock confirmations take in turn on PostgreSQL
IMPORT_LOCK = "accord-tracker:import"


def _data_version() -> int | None:
    """SQLite's count of commits by other connections to this database file (PRAGMA
    data_version: it changes when another connection commits); None on PostgreSQL, where
    confirmations wait for each other instead (_one_confirmation_at_a_time)."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return None
    return int(connection.exec_driver_sql("PRAGMA data_version").scalar() or 0)


def _one_confirmation_at_a_time() -> None:
    """PostgreSQL: confirmations wait for each other (a transaction-level advisory lock),
    so two confirmations of one file never both make its new records. Saves of single
    records do not wait; the versions the writing checks catch those. (SQLite has one
    writer at a time anyway; see _data_version.)"""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(
            sql_text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": IMPORT_LOCK}
        )


def run_import(
    kind: str, text: str, actor: User, *, confirm: bool, carried: str = "", shown: str = ""
) -> ImportResult:
    """Work out every row of `text` (a CSV file of `kind`: "agreements", "milestones" or
    "actions") without writing; if `confirm` and every row is valid, write them all in the caller's
    transaction (the boundary commits; on any error nothing is written). One bad row does
    not hide the errors of the next. Returns every row's outcome.

    A preview whose rows are all valid keeps its plan for the confirmation (its token in
    `plan_token`); a confirmation given that token (`carried`) writes the kept plan when
    nothing it rests on has changed since (see carried), else works the file out again.
    A confirmation given its preview's `shown` (ImportResult.shown) writes only when the rows
    work out as the preview showed them: a record of the file changed since (another
    officer's save, another import confirmed) would otherwise be overwritten with what the
    officer never saw. Then nothing is written and `changed_since_preview` is set, the rows
    being the outcomes as they stand now.

    Python's cyclic garbage collector is paused meanwhile (collector_paused)."""
    with collector_paused():
        return _run_import(kind, text, actor, confirm=confirm, carried=carried, shown=shown)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block, as it was after it.
    Measured (bench/session15-h19d.md): the objects of a 5,000-row file's rows live until
    its end, yet made 1–7 full collections of the whole process each, 0.5 s of CPU of a
    1–1.3 s preview, during which no other thread of the process ran (the bench's other
    officer's save waited up to 1.3 s). Reference counting still frees what is not kept."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _run_import(
    kind: str, text: str, actor: User, *, confirm: bool, carried: str, shown: str
) -> ImportResult:
    columns, required, _ = IMPORTERS[kind]
    result = ImportResult(kind)
    rows, result.row_lines, result.file_errors, result.separator, result.ignored = _read(
        text, columns, required, READ_ONLY.get(kind, ())
    )
    if result.file_errors:
        return result
    if not rows:
        result.file_errors.append(Message("The file has no rows under its header."))
        return result
    db.session.rollback()  # start from a clean transaction
    try:
        if confirm:
            _one_confirmation_at_a_time()
        seen = _data_version()
        plan = _carried_plan(kind, text, rows, actor, result, carried) if confirm else None
        if plan is None:
            plan = _plan(kind, rows, actor, result)
        if not (confirm and result.ok):
            if result.ok:  # kept for its confirmation (carried), before the reading ends
                result.plan_token = keep_plan(kind, text, actor, plan, result.rows)
            db.session.rollback()  # a preview ends its reading; nothing was written
            return result
        try:
            # the write lock is taken for the writing only: the rows were worked out and
            # their writing prepared before it, and the writing checks the versions they read
            writing = WRITERS[kind][0](plan, actor)
            _begin_writing()
            if (
                seen is not None
                and _data_version() != seen
                and (plan.seen is None or _read_again(kind, rows, actor) != plan.seen)
            ):
                # another connection committed while the rows were worked out, and changed
                # what they were worked out on (the same file confirmed twice at once made
                # its new milestones twice: found by the adversarial check): work them out
                # again, under the write lock
                result.rows = []
                plan = _plan(kind, rows, actor, result)
                if not result.ok:
                    db.session.rollback()
                    return result
                writing = WRITERS[kind][0](plan, actor)
            if _changed_since_preview(result, shown):
                return result
            _write(writing)
        except (ConflictError, IntegrityError):
            # someone saved a record of the file meanwhile: work the file out again, now
            # under the write lock (SQLite) or on what is committed now (PostgreSQL)
            db.session.rollback()
            _begin_writing()
            result.rows = []
            plan = _plan(kind, rows, actor, result)
            if not result.ok or _changed_since_preview(result, shown):
                return result
            _write(WRITERS[kind][0](plan, actor))
    except (ConflictError, IntegrityError):
        db.session.rollback()
        result.file_errors.append(Message(WRITERS[kind][1]))
    except Exception:
        db.session.rollback()
        raise
    return result


def _changed_since_preview(result: ImportResult, shown: str) -> bool:
    """Whether the rows, as worked out for the confirmation, differ from what its preview
    showed (`shown`, "" for no check); if so the transaction is rolled back, nothing
    written, and the result says so. A file that now changes nothing (the same
    confirmation posted again) writes nothing anyway: it goes through as before."""
    if not shown or result.shown() == shown or all(r.action == "unchanged" for r in result.rows):
        return False
    db.session.rollback()
    result.changed_since_preview = True
    return True


def _carried_plan(
    kind: str, text: str, rows: list[dict[str, str]], actor: User, result: ImportResult, token: str
) -> Any:
    """The preview's plan of this file (carried.take), when what it rests on is read again
    unchanged (under the confirmation's lock on PostgreSQL); its rows' outcomes are put in
    `result`. None when there is none or anything moved: the caller works the file out."""
    kept = take_plan(token, kind, text, actor)
    if kept is None:
        return None
    db.session.expire_all()  # read afresh, not from what this session holds
    fresh = IMPORTERS[kind][2](actor)
    fresh.read(rows)
    if rests_on(fresh) != kept.rests_on:
        return None
    kept.plan.actor = actor
    result.rows = list(kept.rows)
    return kept.plan


def _read_again(kind: str, rows: list[dict[str, str]], actor: User) -> Any:
    """What the rows name, read again (a few set-based queries; no row is worked out):
    the stored records found by id and natural key with their versions, the names looked
    up, a milestone's series. When it equals the plan's `seen`, a commit made by another
    connection meanwhile changed nothing the plan depends on (a save of another record,
    the usual case while a long file is worked out), and the plan is written as it is;
    the writing still checks the versions of what it changes."""
    db.session.expire_all()  # the records the plan loaded are read again, not reused
    plan = IMPORTERS[kind][2](actor)
    plan.read(rows)
    return plan.seen


def _plan(kind: str, rows: list[dict[str, str]], actor: User, result: ImportResult) -> Any:
    """Every row worked out, without writing; each row's outcome added to `result`."""
    plan = IMPORTERS[kind][2](actor)
    plan.read(rows)
    first_line: dict[str, int] = {}  # id -> the line that names it first
    for line, row in zip(result.row_lines, rows, strict=True):
        outcome = _outcome(plan, line, row)
        record_id = row.get("id", "")
        if record_id in first_line:
            outcome.warnings.append(
                Message(
                    "Line %(line)s names this record too; the rows are applied in the "
                    "file's order, this one last.",
                    line=first_line[record_id],
                )
            )
        elif record_id:
            first_line[record_id] = line
        result.rows.append(outcome)
    return plan


def _write(writing: Writing) -> None:
    writing.run()
    db.session.flush()


def _outcome(plan: Any, line: int, row: dict[str, str]) -> RowResult:
    label = row.get("title") or " · ".join(
        row[c] for c in ("agreement", "party", "kind", "purpose", "other_agreement") if row.get(c)
    )
    row_result = RowResult(line, label[:80])
    try:
        row_result.action, title, warning, row_result.changes = plan.row(row)
        if title and not row.get("title"):  # a file of some columns: the stored record's
            row_result.label = str(title)[:80]
        if warning is not None:
            row_result.warnings.append(warning)
    except RowErrors as errors:  # every cell of the row that is wrong
        row_result.errors.extend(errors.errors)
        if errors.label:  # named as the row would be if it were fine (h16g #2)
            row_result.label = errors.label[:80]
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
        row_result.errors.append((SERVICE_FIELD_COLUMNS.get(field_name, field_name), message))
    return row_result
