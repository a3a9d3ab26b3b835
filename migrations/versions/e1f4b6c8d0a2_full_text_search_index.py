"""full-text search index: FTS5 on SQLite, tsvector with GIN on PostgreSQL

Revision ID: e1f4b6c8d0a2
Revises: e6a1d4b8c372
Create Date: 2026-11-30 19:40:00

Issue 15 #1: one index table per kind of record (tracker.models.search), filled from the
records already there.
"""

from alembic import op

from tracker.domain.search import FTS5_TOKENIZER
from tracker.models.search import index_table_name

#: the kinds indexed at this revision (a later kind's table is made by its own migration:
#: d9b3f7a1c5e3, the negotiating text's provisions)
KINDS = ("agreement", "track", "milestone", "body", "action_item", "document")


# revision identifiers, used by Alembic.
revision = "e1f4b6c8d0a2"
down_revision = "e6a1d4b8c372"
branch_labels = None
depends_on = None


def upgrade():
    connection = op.get_bind()
    for kind in KINDS:
        name = index_table_name(kind)
        if connection.dialect.name == "postgresql":
            op.execute(
                f"CREATE TABLE {name} (record_id INTEGER PRIMARY KEY, words TSVECTOR NOT NULL)"
            )
            op.execute(f"CREATE INDEX ix_{name}_words ON {name} USING gin (words)")
        else:
            op.execute(
                f"CREATE VIRTUAL TABLE {name} USING fts5("
                f"words, tokenize=\"{FTS5_TOKENIZER}\", prefix='1 2 3')"
            )
    from tracker.services.search_index import readable, rebuild

    # The rebuild reads the records with today's code: when a later migration adds a
    # column it reads (f15c3a8e2d47, official names), that migration rebuilds instead.
    if readable(connection):
        rebuild(connection)


def downgrade():
    for kind in KINDS:
        op.execute(f"DROP TABLE {index_table_name(kind)}")
