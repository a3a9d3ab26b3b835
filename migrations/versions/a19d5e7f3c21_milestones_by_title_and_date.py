"""milestones by title and planned date: an import's look-up of each row's milestone

Revision ID: a19d5e7f3c21
Revises: d16m1a2b3c4d
Create Date: 2026-12-01 21:50:00

Issue 19 #4 (task h19d): a milestone file's rows without ids are looked for by their
title and planned date (tracker.services.spreadsheets.milestone_rows, the natural key).
With only the date indexed, PostgreSQL at scale 10 read every milestone on each of the
file's dates (about 340 a day) and kept the few of that title: 1.4–2 s of a 5,000-row
preview and again of its confirmation. ix_milestones_title_planned finds each at once.
Downgrade drops it.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "a19d5e7f3c21"
down_revision = "d16m1a2b3c4d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_milestones_title_planned", "milestones", ["title", "planned_on"])


def downgrade() -> None:
    op.drop_index("ix_milestones_title_planned", table_name="milestones")
