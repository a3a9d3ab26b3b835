"""Reading an imported file: its header and rows, and each cell checked for what it
should hold, with a refusal (RowError) naming the column."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from tracker.domain.messages import N_, Choices, Message, as_message
from tracker.domain.names import fold
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.spreadsheets.fileformat import restore

#: the limits of one file (the README's "at most 5,000 rows"); each refused with a message
MAX_ROWS = 5_000
MAX_FILE_BYTES = 1_500_000
#: the longest text field of any record is 5,000 characters (tracker.schemas); a cell
#: well past that is a mistake (a whole document pasted in), refused before parsing on
MAX_CELL_CHARACTERS = 20_000
#: the separators spreadsheets write: a comma; a semicolon where the comma is the decimal
#: sign (Excel's "CSV UTF-8" with Russian or Kazakh regional settings); a tab
SEPARATORS = ",;\t"
#: a line break inside a quoted cell, as the csv module counts lines
LINE_END = re.compile(r"\r\n|\r|\n")
#: values per IN (...) of a set-based read (well under SQLite's limit of bound values)
CHUNK = 900


#: the services name a form's fields; the file has columns
SERVICE_FIELD_COLUMNS = {
    "track_id": "track",
    "agreement_id": "agreement",
    "body_id": "body",
    "owner_id": "owner",
    "party_ids": "parties",
    "area_id": "area",
    "other_agreement_id": "other_agreement",
}


class RowError(Exception):
    def __init__(self, column: str, message: str, **params: Any) -> None:
        self.message = as_message(message, params)
        super().__init__(self.message)
        self.column = column


class RowErrors(Exception):
    """Every refusal of one row's cells, (column, message) each, and the row's label for
    the preview when the importer names it ("": the preview labels it by its cells)."""

    def __init__(self, errors: list[tuple[str, Message]], label: str = "") -> None:
        super().__init__(errors)
        self.errors = errors
        self.label = label


class Cells:
    """One row's cells, read column by column; a bad cell is noted and reading goes on, so
    that the preview can list every error of the row, not the first only.

    A column the file does not have is not in the row: `has()` says so, and the importers
    leave that field of an existing record unchanged.
    """

    def __init__(self, row: dict[str, str]) -> None:
        self.row = row
        self.errors: list[tuple[str, Message]] = []

    def has(self, column: str) -> bool:
        return column in self.row

    def read(self, reader: Any, column: str, *args: Any, **kwargs: Any) -> Any:
        """`reader(row, column, ...)`'s value, or None with the refusal noted."""
        try:
            return reader(self.row, column, *args, **kwargs)
        except RowError as error:
            self.errors.append((error.column, error.message))
            return None

    def lookup(self, names: Names, value: str, column: str) -> Any:
        """The record named `value` in `column` (Names.get), or None with the refusal noted."""
        try:
            return names.get(value, column)
        except RowError as error:
            self.errors.append((error.column, error.message))
            return None

    def failed(self, column: str) -> bool:
        return any(c == column for c, _ in self.errors)

    def check(self, label: str = "") -> None:
        """Raises RowErrors when any cell was refused (`label`: the row's, as the preview
        names the row when it is fine)."""
        if self.errors:
            raise RowErrors(self.errors, label)


def decode(data: bytes) -> str:
    """UTF-8, with or without the byte-order mark Excel writes. Raises ServiceError for a
    file over MAX_FILE_BYTES or not in UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        raise ServiceError(
            "The file has %(size)s MB; a file may have at most %(max)s MB. "
            "Split it into smaller files.",
            field="file",
            # rounded up: a file just over the limit never reads as the limit itself
            size=math.ceil(len(data) / 100_000) / 10,
            max=MAX_FILE_BYTES / 1_000_000,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ServiceError("Save the file as CSV UTF-8, then try again.", field="file") from exc


def separator_of(text: str) -> str:
    """The file's separator: the one a first line "sep=;" names (Excel writes and reads
    that hint), else the one csv.Sniffer reads from the header row among SEPARATORS; a
    comma when the header has one column only."""
    hint = _separator_hint(text)
    if hint:
        return hint
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=SEPARATORS).delimiter
    except csv.Error:  # one column: nothing to tell
        return ","


def _separator_hint(text: str) -> str | None:
    """The separator a first line "sep=X" names (X one of SEPARATORS), or None."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if len(first) == 5 and first[:4].lower() == "sep=" and first[4] in SEPARATORS:
        return first[4]
    return None


def _read(
    text: str, columns: Sequence[str], required: Sequence[str], read_only: Sequence[str] = ()
) -> tuple[list[dict[str, str]], list[int], list[Message], str, list[str]]:
    """The file's rows (column -> cell, for the columns it has), the line each row starts
    on (counting from 1, the header's line), the file's errors, its separator, and the
    `read_only` columns it has (an export's computed columns: known, but left out of the
    rows, so never applied)."""
    separator = separator_of(text)
    stream = io.StringIO(text.lstrip("\ufeff"))
    skipped = 0  # lines before the header, for the line numbers the messages give
    if _separator_hint(text):
        stream.readline()  # Excel's "sep=;" line is no row
        skipped = 1
    # strict: a quoted cell never closed is an error, not the rest of the file in one cell
    reader = csv.DictReader(stream, delimiter=separator, strict=True)
    # column names in any case ("Planned_on" is planned_on), as people retype them
    known = {column.lower(): column for column in (*columns, *read_only)}
    try:
        header = [known.get(h.strip().lower(), h.strip()) for h in reader.fieldnames or []]
    except csv.Error:
        return [], [], [_UNREADABLE_LINE((reader.line_num or 1) + skipped)], separator, []
    reader.fieldnames = header
    # with an id column, a row may update just the cells the file has
    missing = [c for c in required if c not in header] if "id" not in header else []
    unknown = [h for h in header if h not in columns and h not in read_only]
    ignored = [h for h in header if h in read_only]
    twice = sorted({h for h in header if h and header.count(h) > 1})
    errors = []
    if twice:
        errors.append(
            Message(
                "Each column may appear once; more than once: %(columns)s.",
                columns=", ".join(twice),
            )
        )
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
        return [], [], errors, separator, ignored
    rows: list[dict[str, str]] = []
    lines: list[int] = []  # the line each row starts on
    row_starts_at = reader.line_num + skipped + 1
    try:
        for raw in reader:
            if None in raw:
                return (
                    [],
                    [],
                    [
                        Message(
                            "Line %(line)s has more cells than the header.",
                            line=reader.line_num + skipped,
                        )
                    ],
                    separator,
                    ignored,
                )
            for column, value in raw.items():
                if value is not None and len(value) > MAX_CELL_CHARACTERS:
                    return (
                        [],
                        [],
                        [
                            Message(
                                "Line %(line)s, column %(column)s: a cell holds at most %(max)s "
                                "characters.",
                                line=reader.line_num + skipped,
                                column=column,
                                max=MAX_CELL_CHARACTERS,
                            )
                        ],
                        separator,
                        ignored,
                    )
            row = {
                k: restore((v or "").strip()) for k, v in raw.items() if k and k not in read_only
            }
            if not any(row.values()):
                # a row of separators only (";;;"): Excel writes them for rows it has
                # cleared or formatted; it holds nothing, like a blank line
                continue
            rows.append(row)
            # the line it starts on: csv skips blank lines before a row, and a quoted
            # cell may hold line breaks, so count back from the line it ends on
            inside = sum(len(LINE_END.findall(v)) for v in raw.values() if v)
            lines.append(reader.line_num + skipped - inside)
            if len(rows) > MAX_ROWS:
                return (
                    [],
                    [],
                    [Message("At most %(max)s rows per file.", max=MAX_ROWS)],
                    separator,
                    ignored,
                )
            row_starts_at = reader.line_num + skipped + 1
    except csv.Error as error:  # a cell beyond the field size limit, a stray NUL, a quote...
        if "unexpected end of data" in str(error):
            unclosed = Message(
                'Line %(line)s opens a quoted cell (") that is never closed.', line=row_starts_at
            )
            return [], [], [unclosed], separator, ignored
        return [], [], [_UNREADABLE_LINE(row_starts_at)], separator, ignored
    return rows, lines, [], separator, ignored


def _UNREADABLE_LINE(line: int) -> Message:  # noqa: N802  (reads as the message it is)
    return Message(
        "Line %(line)s cannot be read: a cell is too long or the file is not CSV.", line=line
    )


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
        allowed = Choices(m.value for m in enum)  # joined in the reader's language
        raise RowError(
            column, "“%(text)s” is not one of: %(allowed)s.", text=text[:30], allowed=allowed
        ) from None


def _text(row: dict[str, str], column: str, *, required: bool = False) -> str:
    """The cell's text. Its limits (length, one line, no control characters) are the
    record's schema's, checked by the service the row goes through (tracker.schemas)."""
    text = row.get(column, "")
    if required and not text:
        raise RowError(column, "This cell cannot be empty.")
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
#: the same by the kind of record a column names, for a column named otherwise (a
#: relation's "other_agreement")
_NO_SUCH_RECORD = {
    "Party": NO_SUCH_NAME["party"],
    "NegotiationTrack": NO_SUCH_NAME["track"],
    "Agreement": NO_SUCH_NAME["agreement"],
    "Body": NO_SUCH_NAME["body"],
    "User": NO_SUCH_NAME["owner"],
}


class Names:
    """The records of one kind that a file's cells name, read in one query (a few for a
    long file) by their folded key, in any case or script (tracker.domain.names.fold)."""

    def __init__(
        self, model: Any, key: Any, values: Iterable[str], *where: Any, also: Sequence[Any] = ()
    ) -> None:
        """`where`: conditions a record must meet to be found (a track the importing user
        may see: names are not unique, and a hidden record must not stand in for one).
        `also`: other name columns (official names in Russian and Kazakh) that find a record
        the key did not, compared folded too; a name found by the key comes first."""
        given = [v for v in values if v]
        folded = sorted({fold(v) for v in given})
        self.no_such = _NO_SUCH_RECORD[model.__name__]
        self.found: dict[str, Any] = {}
        for start in range(0, len(folded), CHUNK):
            query = select(model).where(key.in_(folded[start : start + CHUNK]), *where)
            for record in db.session.scalars(query.order_by(model.id)):
                self.found.setdefault(getattr(record, key.key), record)
        missing = {fold(v): v for v in given if fold(v) not in self.found}
        if also and missing:
            self._find_by_other_names(model, missing, where, also)

    def _find_by_other_names(
        self, model: Any, missing: dict[str, str], where: Sequence[Any], also: Sequence[Any]
    ) -> None:
        """Records whose name in one of `also` folds to a missing value (folded -> as typed).
        The columns hold no folded key, so candidates are narrowed in SQL by length (of the
        value as typed or folded; a change of letter case keeps it) and compared folded."""
        lengths = sorted({len(v) for pair in missing.items() for v in pair})
        wanted = set(missing)
        for part in chunks(lengths):
            narrowed = or_(*(func.length(column).in_(part) for column in also))
            query = select(model).where(narrowed, *where).order_by(model.id)
            for record in db.session.scalars(query):
                for column in also:
                    name = fold(getattr(record, column.key) or "")
                    if name in wanted:
                        self.found.setdefault(name, record)

    def get(self, value: str, name: str) -> Any:
        """The record `value` names; None for an empty cell. Raises RowError when no record
        has that name."""
        if not value:
            return None
        found = self.found.get(fold(value))
        if found is None:
            raise RowError(name, NO_SUCH_NAME.get(name, self.no_such), value=value[:60])
        return found


def chunks(items: list[Any]) -> list[list[Any]]:
    """`items` in parts of CHUNK, one IN (...) each."""
    return [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]


def whole_number(row: dict[str, str], column: str) -> int | None:
    """The cell as a whole number, None when empty. Raises RowError."""
    text = row.get(column, "")
    if text and not (text.isascii() and text.isdigit()):
        raise RowError(column, "A whole number, or empty.")  # its range is the schema's
    return int(text) if text else None
