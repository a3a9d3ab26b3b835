"""clock rules: an agreement's final clauses as data (issue 16 #4)

One rule per agreement and purpose (entry into force, initial term, tacit renewal, notice
of non-renewal, denunciation taking effect); the dates they give are computed.

Revision ID: e16c3f5a8d20
Revises: e93e8832c2a2
Create Date: 2026-11-30 22:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e16c3f5a8d20'
down_revision = 'e93e8832c2a2'
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade():
    op.create_table(
        'clock_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('purpose', _enum('purpose', 'entry_into_force', 'initial_term', 'renewal',
                                   'notice_of_non_renewal', 'denunciation_effect'),
                  nullable=False),
        sa.Column('mode', _enum('mode', 'on', 'after', 'first_day_of_nth_month_following',
                                'first_day_of_month_after_period'), nullable=False),
        sa.Column('anchor', _enum('anchor', 'signature', 'last_notification', 'nth_instrument',
                                  'entry_into_force', 'notification', 'end_of_term'),
                  nullable=False),
        sa.Column('offset', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('unit', _enum('unit', 'days', 'months', 'years'), nullable=False),
        sa.Column('nth', sa.Integer(), nullable=True),
        sa.Column('note', sa.String(300), nullable=False, server_default=''),
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], ondelete='CASCADE',
                                name=op.f('fk_clock_rules_agreement_id_agreements')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_rules')),
        sa.UniqueConstraint('agreement_id', 'purpose',
                            name=op.f('uq_clock_rules_agreement_id')),
    )
    op.create_index(op.f('ix_clock_rules_agreement_id'), 'clock_rules', ['agreement_id'])


def downgrade():
    op.drop_index(op.f('ix_clock_rules_agreement_id'), table_name='clock_rules')
    op.drop_table('clock_rules')
