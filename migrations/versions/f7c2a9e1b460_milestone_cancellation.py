"""milestone cancellation: a milestone can be cancelled with a reason (issue 15 #7)

A cancelled milestone is neither open nor overdue: it leaves reminders, counts and the
weekly report; the audit log keeps who cancelled it and why, and an administrator can
restore it. The open live milestones' index (ix_milestones_open_live) gains the column, so
that "overdue" and "coming up" stay read from it alone.

Revision ID: f7c2a9e1b460
Revises: f15c3a8e2d47
Create Date: 2026-11-30 23:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f7c2a9e1b460'
down_revision = 'f15c3a8e2d47'
branch_labels = None
depends_on = None


def upgrade():
    # plain ALTER TABLE: a batch rebuild of milestones on SQLite drops the old table, and
    # its cascade empties action items
    op.add_column('milestones', sa.Column('cancelled_on', sa.Date(), nullable=True))
    op.add_column(
        'milestones', sa.Column('cancel_reason', sa.Text(), server_default='', nullable=False)
    )
    op.drop_index('ix_milestones_open_live', table_name='milestones')
    op.create_index(
        'ix_milestones_open_live',
        'milestones',
        ['done_on', 'cancelled_on', 'live', 'planned_on', 'track_id'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_milestones_open_live', table_name='milestones')
    op.create_index(
        'ix_milestones_open_live',
        'milestones',
        ['done_on', 'live', 'planned_on', 'track_id'],
        unique=False,
    )
    # ALTER TABLE ... DROP COLUMN itself (SQLite 3.35+, PostgreSQL): a batch rebuild of
    # milestones would drop the table, and the cascade would empty action items on SQLite.
    op.execute('ALTER TABLE milestones DROP COLUMN cancel_reason')
    op.execute('ALTER TABLE milestones DROP COLUMN cancelled_on')
