"""the jobs' selections at scale: open live milestones by date; moves out of a status by track

Revision ID: c19a4b7d2e10
Revises: d16a8c3e5f70
Create Date: 2026-12-01 18:45:00

Issue 19 #4 (task h19c): two indexes for the reminder scan and the weekly report.
- ix_milestones_open_live_planned: a partial index of the open live milestones (neither
  done nor cancelled, `live`) by planned date, id and track, on PostgreSQL and SQLite
  alike (the predicate written as each renders Milestone.is_open and is_live).
- ix_status_changes_track_from: a track's moves out of a status by date, so that the day
  it last resumed from a suspension is looked up per track.
Downgrade drops both.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c19a4b7d2e10"
down_revision = "d16a8c3e5f70"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_milestones_open_live_planned",
        "milestones",
        ["planned_on", "id", "track_id"],
        sqlite_where=sa.text("done_on IS NULL AND cancelled_on IS NULL AND live = 1"),
        postgresql_where=sa.text("done_on IS NULL AND cancelled_on IS NULL AND live = true"),
    )
    op.create_index(
        "ix_status_changes_track_from",
        "status_changes",
        ["track_id", "from_status", "effective_on"],
    )


def downgrade() -> None:
    op.drop_index("ix_status_changes_track_from", table_name="status_changes")
    op.drop_index("ix_milestones_open_live_planned", table_name="milestones")
