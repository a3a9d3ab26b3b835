"""account versions: an administrator's edit of an account is checked for lost updates

Two administrators editing one account (or an administrator and the officer changing
their own settings) no longer overwrite each other silently: the account carries a
version like every other record an officer edits (issue 13: a missing version is a
conflict).

Revision ID: e6a1d4b8c372
Revises: d2b7c9e4f813
Create Date: 2026-11-30 20:05:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e6a1d4b8c372'
down_revision = 'd2b7c9e4f813'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('version')
