"""a provision's bracket count: its text's, once, not every language version's added up

Revision ID: c17c1a2b3d4e
Revises: b16a7d3e9c21
Create Date: 2026-12-01 16:05:00

Issue 17 (re-check, task h17c #1): bracket_count of provisions and of their frozen
versions (provision_versions) was the sum over the language versions, so a translation
carrying the same brackets doubled the count. A data step: each row's count is set again
to the largest count among its language versions (tracker.domain.provisions.bracket_count,
the rule every count now uses), read with tracker.domain.brackets.count; a row whose text
cannot be read keeps its count. A frozen version's text is not changed, only the count
derived from it. Downgrade sets the sum back (the old rule).
"""

import sqlalchemy as sa
from alembic import op

from tracker.domain import brackets

# revision identifiers, used by Alembic.
revision = "c17c1a2b3d4e"
down_revision = "b16a7d3e9c21"
branch_labels = None
depends_on = None


def _recount(largest: bool) -> None:
    """Count each row's brackets again: the largest among its languages, or their sum."""
    connection = op.get_bind()
    for name in ("provisions", "provision_versions"):
        table = sa.table(
            name,
            sa.column("id", sa.Integer),
            sa.column("texts", sa.JSON),
            sa.column("bracket_count", sa.Integer),
        )
        rows = connection.execute(sa.select(table.c.id, table.c.texts, table.c.bracket_count))
        for row_id, texts, stored in rows.fetchall():
            try:
                counts = [brackets.count(text or "") for text in (texts or {}).values()]
            except brackets.BracketError:
                continue
            counted = max(counts, default=0) if largest else sum(counts)
            if counted != stored:
                connection.execute(
                    table.update().where(table.c.id == row_id).values(bracket_count=counted)
                )


def upgrade():
    _recount(largest=True)


def downgrade():
    _recount(largest=False)
