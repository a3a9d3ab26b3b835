"""The full-text index: one table per kind of record (issue 15 #1).

Not on db.metadata: its tables differ by database and are made by their migration
(migrations/versions/*_full_text_search_index.py), never by create_all.
- SQLite: an FTS5 virtual table `search_<kind>(words)` whose rowid is the record's id,
  tokenizer tracker.domain.search.FTS5_TOKENIZER, with prefix indexes of 1 to 3 characters
  so that a short prefix is read from an index rather than merged from every word.
- PostgreSQL: a table `search_<kind>(record_id primary key, words tsvector)`, the words in
  the `simple` configuration (no stemmer, no stop words), with a GIN index.
Either way `words` holds tracker.domain.search.document() of the record's texts.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import TSVECTOR

#: kind -> the table its records live in; the order of the results page
KINDS: dict[str, str] = {
    "agreement": "agreements",
    "track": "negotiation_tracks",
    "milestone": "milestones",
    "body": "bodies",
    "action_item": "action_items",
    "document": "documents",
    "provision": "provisions",
}

#: the search_<kind> names, and their FTS5 shadow tables' prefix
INDEX_TABLE_PREFIX = "search_"

_sqlite = MetaData()
_postgresql = MetaData()


def index_table_name(kind: str) -> str:
    """`search_agreement` -> the table of that kind's index words."""
    return f"{INDEX_TABLE_PREFIX}{kind}"


def is_index_table(name: str) -> bool:
    """Whether a table of the database belongs to the full-text index (its own tables and
    FTS5's shadow tables): not described by the models, left out of their comparison."""
    return name.startswith(INDEX_TABLE_PREFIX)


def index_table(kind: str, dialect: str) -> Table:
    """The index table of `kind` on `dialect` ("sqlite" or "postgresql"), with the columns
    `record_id` (the record's id; FTS5's rowid on SQLite) and `words`."""
    name = index_table_name(kind)
    if dialect == "sqlite":
        if name not in _sqlite.tables:
            Table(
                name,
                _sqlite,
                Column("rowid", Integer, key="record_id", primary_key=True),
                Column("words", Text),
            )
        return _sqlite.tables[name]
    if name not in _postgresql.tables:
        Table(
            name,
            _postgresql,
            Column("record_id", Integer, primary_key=True, autoincrement=False),
            Column("words", TSVECTOR, nullable=False),
        )
    return _postgresql.tables[name]
