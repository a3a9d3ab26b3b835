"""milestone cancellation: a milestone can be cancelled with a reason (issue 15 #7)

A cancelled milestone is neither open nor overdue: it leaves reminders, counts and the
weekly report; the audit log keeps who cancelled it and why, and an administrator can
restore it.

Revision ID: f7c2a9e1b460
Revises: e16b7d4a9c21
Create Date: 2026-11-30 23:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f7c2a9e1b460'
down_revision = 'e16b7d4a9c21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_on', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('cancel_reason', sa.Text(), server_default='', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_on')
