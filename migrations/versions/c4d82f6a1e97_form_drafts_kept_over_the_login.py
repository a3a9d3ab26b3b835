"""form drafts: what was typed when the session ended, kept over the login round trip

Revision ID: c4d82f6a1e97
Revises: a7c3e91d5b20
Create Date: 2026-11-30 16:35:00

Issue 14 #8.
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.types


# revision identifiers, used by Alembic.
revision = 'c4d82f6a1e97'
down_revision = 'a7c3e91d5b20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('form_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('path', sa.String(length=2000), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('created_at', tracker.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_drafts')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_form_drafts_key_hash'))
    )
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_drafts_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_drafts_created_at'))
    op.drop_table('form_drafts')
