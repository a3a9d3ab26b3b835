"""form drafts belong to the user whose session ended

Revision ID: b5e1f0c3d7a2
Revises: a7c4e2f19d30
Create Date: 2026-11-30 17:50:00

A draft was handed to whoever logged in next in the same browser, and kept for anyone
posting without a login. Drafts live 15 minutes, so the table is emptied and rebuilt
with the owner's id.
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.types


# revision identifiers, used by Alembic.
revision = 'b5e1f0c3d7a2'
down_revision = 'a7c4e2f19d30'
branch_labels = None
depends_on = None


def _create(with_user: bool) -> None:
    columns = [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('path', sa.String(length=2000), nullable=False),
        sa.Column('fields', sa.Text(), nullable=False),
        sa.Column('created_at', tracker.models.types.UTCDateTime(timezone=True), nullable=False),
    ]
    if with_user:
        columns.append(sa.Column('user_id', sa.Integer(), nullable=False))
        columns.append(
            sa.ForeignKeyConstraint(
                ['user_id'], ['users.id'],
                name=op.f('fk_form_drafts_user_id_users'), ondelete='CASCADE',
            )
        )
    op.create_table(
        'form_drafts',
        *columns,
        sa.PrimaryKeyConstraint('id', name=op.f('pk_form_drafts')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_form_drafts_key_hash')),
    )
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_drafts_created_at'), ['created_at'], unique=False)
        if with_user:
            batch_op.create_index(batch_op.f('ix_form_drafts_user_id'), ['user_id'], unique=False)


def upgrade():
    op.drop_table('form_drafts')
    _create(with_user=True)


def downgrade():
    op.drop_table('form_drafts')
    _create(with_user=False)
