"""search index: the provisions of the negotiating text

Revision ID: d9b3f7a1c5e3
Revises: d9b3f7a1c5e2
Create Date: 2026-12-01 11:50:00

Issue 17 (found by a fresh check): the negotiating text was not in the site search. A new
index table, search_provision (FTS5 on SQLite, tsvector with GIN on PostgreSQL, as
e1f4b6c8d0a2 makes the others), and the index rebuilt with today's code: a provision's
heading in three languages, its title and its texts (tracker.services.search_index);
never its positions.
A new table only: no other table is touched.
"""

from alembic import op

from tracker.domain.search import FTS5_TOKENIZER

# revision identifiers, used by Alembic.
revision = "d9b3f7a1c5e3"
down_revision = "d9b3f7a1c5e2"
branch_labels = None
depends_on = None

NAME = "search_provision"


def upgrade():
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute(f"CREATE TABLE {NAME} (record_id INTEGER PRIMARY KEY, words TSVECTOR NOT NULL)")
        op.execute(f"CREATE INDEX ix_{NAME}_words ON {NAME} USING gin (words)")
    else:
        op.execute(
            f"CREATE VIRTUAL TABLE {NAME} USING fts5("
            f"words, tokenize=\"{FTS5_TOKENIZER}\", prefix='1 2 3')"
        )
    from tracker.services.search_index import readable, rebuild

    # Every kind, not only the provisions: the earlier migrations' rebuilds are skipped
    # while this table is missing (readable() is False), so an upgrade from before the
    # index fills it here. A later migration that adds a column the index reads rebuilds
    # it instead.
    if readable(connection):
        rebuild(connection)


def downgrade():
    op.execute(f"DROP TABLE {NAME}")
