"""Search from anywhere (issue 15 #1): the records whose indexed words a query's words
begin, grouped by kind, as the reader may see them.

The index is tracker.models.search, kept by tracker.services.search_index; the words and
the match expressions are tracker.domain.search's. Each kind is filtered by the one rule
(tracker.services.visibility) in the same statement that matches, so a record the reader
may not see is neither shown nor counted. Within a kind, the newest records come first
(the highest ids: read from the index in its own order, so a common word costs no sort
of every match); a kind shows at most PER_KIND records and counts up to COUNT_CAP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    bindparam,
    false,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.orm import selectinload

from tracker.domain.search import fts5_match, query_words, tsquery
from tracker.models import ActionItem, Document, Milestone, NegotiationTrack, Provision
from tracker.models.search import KINDS, index_table
from tracker.orm import db
from tracker.services import gate
from tracker.services.search_index import MODELS
from tracker.services.visibility import (
    Reader,
    action_item_is_visible,
    document_is_visible,
    milestone_is_visible,
    provision_is_visible,
    track_is_visible,
)

#: records shown per kind
PER_KIND = 10
#: matches counted per kind; beyond, the page says "more than COUNT_CAP"
COUNT_CAP = 100


@dataclass(frozen=True)
class KindResults:
    """The records of one kind a query found: the first PER_KIND, and how many in all
    (at most COUNT_CAP + 1, which reads "more than COUNT_CAP")."""

    kind: str
    records: list[Any]
    total: int

    @property
    def more_than_cap(self) -> bool:
        return self.total > COUNT_CAP


@dataclass(frozen=True)
class SearchResults:
    """What a search page shows: the query as typed, the words searched for (empty: there
    was nothing to search for) and the kinds that found something, in KINDS order."""

    query: str
    words: list[str]
    groups: list[KindResults] = field(default_factory=list)

    @property
    def found(self) -> int:
        return sum(group.total for group in self.groups)


def visible(kind: str, reader: Reader) -> ColumnElement[bool]:
    """The one rule (tracker.services.visibility) for records of `kind`."""
    if kind == "track":
        return track_is_visible(reader)
    if kind == "milestone":
        return milestone_is_visible(reader)
    if kind == "action_item":
        return action_item_is_visible(reader)
    if kind == "document":
        return document_is_visible(reader)
    if kind == "provision":
        return provision_is_visible(reader)  # its track's rule
    return true()  # agreements and bodies are public


def _match(kind: str, dialect: str, terms: BindParameter[str]) -> ColumnElement[bool]:
    """The index of `kind` matching `terms` (a match expression: fts5_match, tsquery)."""
    table = index_table(kind, dialect)
    if dialect == "postgresql":
        simple = literal_column("'simple'::regconfig")
        return table.c.words.op("@@")(func.to_tsquery(simple, terms))
    return literal_column(table.name).op("MATCH")(terms)


def words_begin(kind: str, text: str) -> ColumnElement[bool]:
    """A condition on the records of `kind` ("agreement", "track", "milestone", ...): every
    word of `text` begins one of the record's indexed words (tracker.domain.search; any
    case and script). What the lists' `?q=` filters by (issue 19 #3), from the full-text
    index instead of a `LIKE '%…%'` over every row. A text with no word in it (only
    punctuation) matches nothing. Adds no visibility rule: the list's own applies."""
    terms = query_words(text)
    if not terms:
        return false()
    dialect = db.session.get_bind().dialect.name
    expression = tsquery(terms) if dialect == "postgresql" else fts5_match(terms)
    table = index_table(kind, dialect)
    terms_given = bindparam("list_terms", expression, unique=True)
    ids = select(table.c.record_id).where(_match(kind, dialect, terms_given))
    return MODELS[kind].id.in_(ids)


#: built statements by (kind, dialect, reader id, role): building the visibility rule costs
#: more than running it (about 1 ms a kind); the reader's tracks are read when it runs, so
#: a statement stays right while assignments change. Emptied when it grows past 1,024.
_STATEMENTS: dict[tuple[str, str, int | None, str | None], Select[tuple[int]]] = {}


def _matching_ids(kind: str, reader: Reader) -> Select[tuple[int]]:
    """The ids of the records of `kind` that the reader may see and whose index words the
    terms (the bound parameter "terms", a match expression) begin, newest first, at most
    COUNT_CAP + 1."""
    dialect = db.session.get_bind().dialect.name
    key = (kind, dialect, reader.id if reader else None, reader.role.value if reader else None)
    statement = _STATEMENTS.get(key)
    if statement is not None:
        return statement
    table = index_table(kind, dialect)
    model = MODELS[kind]
    matches = _match(kind, dialect, bindparam("terms"))
    statement = (
        select(table.c.record_id)
        .join(model, model.id == table.c.record_id)
        .where(matches, visible(kind, reader))
        .order_by(table.c.record_id.desc())
        .limit(COUNT_CAP + 1)
    )
    if len(_STATEMENTS) >= 1024:
        _STATEMENTS.clear()
    _STATEMENTS[key] = statement
    return statement


_LOAD = {
    "track": (selectinload(NegotiationTrack.framework_agreement),),
    "milestone": (selectinload(Milestone.track), selectinload(Milestone.body)),
    "action_item": (
        selectinload(ActionItem.meeting).selectinload(Milestone.track),
        selectinload(ActionItem.track),
    ),
    "document": (
        selectinload(Document.track),
        selectinload(Document.milestone).selectinload(Milestone.track),
    ),
    "provision": (selectinload(Provision.track),),
}


def _tracks_of(kind: str, record: Any) -> list[Any]:
    if kind == "track":
        return [record]
    if kind == "milestone":
        return [record.track]
    if kind == "action_item":
        return [record.track, record.meeting.track]
    if kind == "document":
        return [record.track, record.milestone.track if record.milestone else None]
    if kind == "provision":
        return [record.track]
    return []


def search(reader: Reader, query: str) -> SearchResults:
    """The records matching `query` that `reader` may see, grouped by kind (kinds with no
    match left out). Every word of the query must begin a word of the record, in any case
    and script (tracker.domain.search). An administrator's view of restricted records not
    theirs is audited, as for any list (gate.audit_admin_list)."""
    terms = query_words(query)
    if not terms:
        return SearchResults(query=query, words=[])
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    expression = tsquery(terms) if postgresql else fts5_match(terms)
    groups = []
    for kind in KINDS:
        ids = list(db.session.scalars(_matching_ids(kind, reader), {"terms": expression}))
        if not ids:
            continue
        model = MODELS[kind]
        shown = ids[:PER_KIND]
        records = {
            record.id: record
            for record in db.session.scalars(
                select(model).where(model.id.in_(shown)).options(*_LOAD.get(kind, ()))
            )
        }
        ordered = [records[i] for i in shown if i in records]
        if kind in _LOAD:
            gate.audit_admin_list(reader, model, ordered, lambda r, k=kind: _tracks_of(k, r))
        groups.append(KindResults(kind=kind, records=ordered, total=len(ids)))
    return SearchResults(query=query, words=terms, groups=groups)
