"""The CSV files themselves: their columns, and cells a spreadsheet will not run.

UTF-8 with a byte-order mark (so Excel reads the accents of "EU–Kazakhstan"), and every
cell that a spreadsheet would run as a formula prefixed with an apostrophe (CSV
injection, OWASP), undone on import.

Export and import agree exactly on the apostrophe: the export prefixes one to every value
that starts with a formula character *or with an apostrophe*, and the import removes one
leading apostrophe from every cell. So "=1+1" travels as "'=1+1", "'=not a formula" as
"''=not a formula", and both come back as they were; a cell typed by hand as "'007" is
read as "007", as a spreadsheet reads its text marker.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

#: a leading character that makes a spreadsheet evaluate the cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: the moment a file was exported, on each row (ISO 8601, UTC): on re-import, a row whose
#: record changed in the tracker after it is flagged, as it would overwrite that change
EXPORTED_AT = "exported_at"
#: separates several values in one cell (parties, areas)
LIST_SEPARATOR = "; "


#: the spreadsheet's text marker, which neutralise() adds and restore() removes
TEXT_MARKER = "'"


def neutralise(value: Any) -> str:
    """The cell for `value`: an apostrophe before a formula character or an apostrophe."""
    text = "" if value is None else str(value)
    return TEXT_MARKER + text if text.startswith((*FORMULA_STARTS, TEXT_MARKER)) else text


def restore(text: str) -> str:
    """Undo neutralise() on import: one leading apostrophe is the text marker, removed."""
    return text.removeprefix(TEXT_MARKER)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return out.getvalue()


AGREEMENT_COLUMNS = (
    "id",
    "title",
    "short_title",
    "official_title_ru",
    "official_title_kk",
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
    "depositary",
    "authentic_languages",
    "place_of_deposit",
    "publication_ref",
    "exported_at",
)

#: an agreement's final clauses (as rules, in words) and its relations to other agreements
#: (both ways), exported after AGREEMENT_COLUMNS for reading: kept on the agreement's
#: page, so read-only on import (ignored, and the preview says so)
AGREEMENT_RECORD_COLUMNS = ("final_clauses", "relations")

#: the dates an agreement's final clauses give from the Parties' acts (issue 16 #4), each
#: with its basis in words, exported after AGREEMENT_COLUMNS: computed by the tracker, so
#: read-only on import (ignored, and the preview says so). Dates ISO 8601, empty: not
#: computed (no rule, or its event has not happened); several Parties separated by "; ".
COMPUTED_AGREEMENT_COLUMNS = (
    "computed_in_force_on",
    "computed_in_force_basis",
    "computed_in_force_per_party",
    "computed_term_ends_on",
    "computed_term_basis",
    "computed_notice_by",
    "computed_notice_basis",
    "computed_denounce_by",
    "computed_denounce_basis",
    "computed_denunciations",
)
#: the agreements' columns an import reads past: exported, never applied
READ_ONLY_AGREEMENT_COLUMNS = AGREEMENT_RECORD_COLUMNS + COMPUTED_AGREEMENT_COLUMNS

#: the columns of an agreement's acts as a spreadsheet (tracker.services.party_actions;
#: dates ISO 8601, empty: not recorded)
ACTION_COLUMNS = (
    "id",
    "agreement",
    "party",
    "kind",
    "on",
    "effective_on",
    "instrument_ref",
    "notification_ref",
    "note",
    "document_url",
    "objects_to_id",  # of an objection: the id of the reservation it objects to
    EXPORTED_AT,
)

#: the columns of final clauses as a spreadsheet (one rule per agreement and purpose; the
#: words of tracker.domain.clocks: purpose, mode, anchor, unit)
RULE_COLUMNS = (
    "id",
    "agreement",
    "purpose",
    "mode",
    "anchor",
    "offset",
    "unit",
    "nth",
    "note",
)

#: the columns of relations between treaties: "agreement <kind> other_agreement"
RELATION_COLUMNS = ("id", "agreement", "kind", "other_agreement", "note")


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
    # read-only: a milestone is cancelled and restored on its page (issue #15, item 7)
    "cancelled_on",
    "cancel_reason",
    "exported_at",
)
TRACK_COLUMNS = (
    "id",
    "name",
    "official_name_ru",
    "official_name_kk",
    "status",
    "status_since",
    "framework_agreement",
    "lead_officer",
    "next_step",
    "target_date",
    "classification",
)
