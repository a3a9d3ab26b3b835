"""A milestone of an import as the rows leave it (plain values, never an ORM object), and
the steps the milestone service would record for it (tracker.services.spreadsheets.
milestone_rows works them out, tracker.services.spreadsheets.bulk writes them)."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from tracker.domain.messages import N_, Message
from tracker.models import Agreement, Body, MilestoneKind, NegotiationTrack, User
from tracker.orm import db
from tracker.services import milestones as rules
from tracker.services.spreadsheets.common import Ref
from tracker.services.spreadsheets.export import milestone_cells
from tracker.services.spreadsheets.parsing import Cells, _date

#: a milestone's cancellation: exported, carried as read, never set by an import (it is
#: cancelled and restored on its page, with a reason: issue #15, item 7)
READ_ONLY = ("cancelled_on", "cancel_reason")
#: what a milestone holds that an import reads and writes back: the record's fields, its
#: completion, and its cancellation as it was read
FIELDS = (*rules.EDITABLE_FIELDS, "done_on", "outcome", *READ_ONLY)

#: a milestone's columns that name another record: (column, model, folded key, field)
LINKS = (
    ("track", NegotiationTrack, NegotiationTrack.name_key, "track_id"),
    ("agreement", Agreement, Agreement.title_key, "agreement_id"),
    ("body", Body, Body.name_key, "body_id"),
    ("owner", User, User.email_key, "owner_id"),
)
#: column -> the official names in Russian and Kazakh that also name its record in a file
#: (issue 15: an officer may write the name they know, in the file's language)
OFFICIAL_NAMES: dict[str, tuple[Any, ...]] = {
    "track": (NegotiationTrack.official_name_ru, NegotiationTrack.official_name_kk),
    "agreement": (Agreement.official_title_ru, Agreement.official_title_kk),
    "body": (Body.official_name_ru, Body.official_name_kk),
}


@dataclass
class MilestoneState:
    """A milestone as the rows so far leave it (never an ORM object: nothing is flushed)."""

    ref: Ref
    values: dict[str, Any]
    version: int
    updated_at: Any = None

    @property
    def id(self) -> int | None:
        return self.ref[1] if self.ref[0] == 0 else None

    def record(self) -> SimpleNamespace:
        """Something the milestone service's rules and the export read like a milestone."""
        get = db.session.get
        v = self.values
        return SimpleNamespace(
            id=self.id,
            updated_at=self.updated_at,
            track=get(NegotiationTrack, v["track_id"]) if v["track_id"] else None,
            agreement=get(Agreement, v["agreement_id"]) if v["agreement_id"] else None,
            body=get(Body, v["body_id"]) if v["body_id"] else None,
            owner=get(User, v["owner_id"]) if v["owner_id"] else None,
            **v,
        )


#: a cell of a read-only column that is not the milestone's own value
READ_ONLY_CELL = N_(
    "A milestone is cancelled or restored on its page, with a reason: an import does not "
    "change this column. Leave the cell as exported (“%(stored)s”) or remove the column."
)


def refuse_read_only_changes(cells: Cells, existing: MilestoneState | None) -> None:
    """Refuse a cell of a read-only column (READ_ONLY) that differs from what is stored
    (for a new milestone: from empty), so that a file can never cancel or restore a
    milestone silently; the same cell as exported is no change."""
    stored = milestone_cells(existing.record()) if existing is not None else {}  # type: ignore[arg-type]
    for column in READ_ONLY:
        if cells.has(column) and cells.row[column] != stored.get(column, ""):
            stored_text = stored.get(column, "")[:60]
            cells.errors.append((column, Message(READ_ONLY_CELL, stored=stored_text)))


@dataclass
class Step:
    """One change as one service call makes it: its audit event and followers' notice."""

    action: str
    ref: Ref
    summary: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    #: (follow event action, summary, track_id, agreement_id, body_id), or None
    notice: tuple[str, Message, int | None, int | None, int | None] | None = None


def natural_key(values: dict[str, Any]) -> tuple[Any, ...]:
    return (values["title"], values["planned_on"], values["track_id"], values["agreement_id"])


def title_and_date(row: dict[str, str]) -> tuple[str, Any] | None:
    """What a row without an id is first looked for by: its title and planned date (the
    rest of its natural key, the track and agreement, is checked on the records found)."""
    planned = _date(row, "planned_on")
    # an untitled round is looked for by its empty title, its date and its track
    named = row.get("title") or row.get("kind", "").strip() == MilestoneKind.ROUND
    return (row.get("title", ""), planned) if named and planned is not None else None


def placement(values: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    return values["track_id"], values["agreement_id"], values["body_id"]
