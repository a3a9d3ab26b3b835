"""area and ratification versions

An agreement's area rows and ratification rows are saved one by one from its page; like
the other records they now carry a version, so that two officers saving the same row
are told, not silently overwritten.

Revision ID: f3a91c2e7b40
Revises: ded4cdd70c01
Create Date: 2026-11-30 14:35:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3a91c2e7b40'
down_revision = 'ded4cdd70c01'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agreement_areas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('ratifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    with op.batch_alter_table('ratifications', schema=None) as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('agreement_areas', schema=None) as batch_op:
        batch_op.drop_column('version')
