"""login sessions kept on the server, and failed logins counted in the database

Revision ID: a7c3e91d5b20
Revises: f3a91c2e7b40
Create Date: 2026-11-30 16:20:00

Issue 14 #9 and #10. Sessions created before this revision carry the old identity
(no session key) and are refused: everyone logs in once more.
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.types


# revision identifiers, used by Alembic.
revision = 'a7c3e91d5b20'
down_revision = 'f3a91c2e7b40'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', tracker.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', tracker.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_login_sessions_key_hash'))
    )
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('failed_logins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', tracker.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_failed_logins'))
    )
    with op.batch_alter_table('failed_logins', schema=None) as batch_op:
        batch_op.create_index('ix_failed_logins_address_at', ['address', 'at'], unique=False)
        batch_op.create_index('ix_failed_logins_email_address_at', ['email', 'address', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('failed_logins', schema=None) as batch_op:
        batch_op.drop_index('ix_failed_logins_email_address_at')
        batch_op.drop_index('ix_failed_logins_address_at')
    op.drop_table('failed_logins')
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_user_id'))
    op.drop_table('login_sessions')
