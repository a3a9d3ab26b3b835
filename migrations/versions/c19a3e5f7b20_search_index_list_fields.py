"""search index: the lists' fields too (agreement summary, track next step and description,
milestone outcome)

Revision ID: c19a3e5f7b20
Revises: b2d8e4f1c6a3
Create Date: 2026-12-01 05:45:00

Issue 19 #3: the lists' ?q= reads the full-text index (tracker.services.search.words_begin),
so the index now holds what those lists searched besides the titles and names
(tracker.services.search_index.LIST_TEXTS). No table changes: the index is rebuilt with
today's code, so that records written before this revision are found by those words too.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "c19a3e5f7b20"
down_revision = "b2d8e4f1c6a3"
branch_labels = None
depends_on = None


def upgrade():
    from tracker.services.search_index import index_exists, readable, rebuild

    connection = op.get_bind()
    # As in e1f4b6c8d0a2: a later migration that adds a column the index reads rebuilds
    # it instead, and a database without the index's tables has nothing to rebuild.
    if index_exists(connection) and readable(connection):
        rebuild(connection)


def downgrade():
    # The extra words are harmless to the older code (its lists read search_key, its
    # search page finds a record by one more of its own fields); nothing to undo.
    pass
