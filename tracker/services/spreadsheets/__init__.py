"""CSV export and import of agreements and milestones (tracks: export only).

Export: UTF-8 with a byte-order mark (so Excel reads the accents of "EU–Kazakhstan"),
every cell that a spreadsheet would run as a formula prefixed with an apostrophe (CSV
injection), and an `id` column so a file exported here re-imports onto the same records.

Import: every row is checked by the rules and schemas that back the forms and worked out
without writing: a preview only reads. Nothing is written until the officer confirms,
then the whole file goes in one transaction or not at all, in bulk. A row that matches
its record (by id, else by its natural key) changes nothing, so importing the same file
twice does nothing the second time.

fileformat (columns, neutralise/restore, to_csv), export, parsing (the file, its cells,
RowError, Names), common (what the kinds share: reading the records a file names, inserting
in bulk), agreement_rows and milestone_rows (each row's outcome, worked out, on the plain
states of agreement_state and milestone_state; a milestone's numbered series in
milestone_series), agreement_bulk and bulk (an agreement file and a milestone file written
in a few statements; postgres: PostgreSQL's rows as arrays), run (run_import and its
results), carried (a preview's plan kept for its confirmation).
"""

from __future__ import annotations

from tracker.services.spreadsheets.export import (
    export_agreements,
    export_milestones,
    export_tracks,
)
from tracker.services.spreadsheets.fileformat import (
    AGREEMENT_COLUMNS,
    FORMULA_STARTS,
    LIST_SEPARATOR,
    MILESTONE_COLUMNS,
    TRACK_COLUMNS,
    neutralise,
    restore,
    to_csv,
)
from tracker.services.spreadsheets.parsing import MAX_ROWS, NO_SUCH_NAME, RowError, decode
from tracker.services.spreadsheets.run import (
    IMPORTERS,
    READ_ONLY,
    SERVICE_FIELD_COLUMNS,
    ImportResult,
    RowResult,
    run_import,
)

__all__ = [
    "AGREEMENT_COLUMNS",
    "FORMULA_STARTS",
    "IMPORTERS",
    "LIST_SEPARATOR",
    "MAX_ROWS",
    "MILESTONE_COLUMNS",
    "NO_SUCH_NAME",
    "READ_ONLY",
    "SERVICE_FIELD_COLUMNS",
    "TRACK_COLUMNS",
    "ImportResult",
    "RowError",
    "RowResult",
    "decode",
    "export_agreements",
    "export_milestones",
    "export_tracks",
    "neutralise",
    "restore",
    "run_import",
    "to_csv",
]
