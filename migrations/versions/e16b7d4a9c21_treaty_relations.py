"""treaty relations (issue 16 #3)

One agreement amends, is a protocol to, supersedes, implements or is the framework for
another; stored once (from -> to) and shown from both sides.

Revision ID: e16b7d4a9c21
Revises: e16a0c1d2b3f
Create Date: 2026-11-30 19:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e16b7d4a9c21'
down_revision = 'e16a0c1d2b3f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'treaty_relations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('from_agreement_id', sa.Integer(), nullable=False),
        sa.Column('to_agreement_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('amends', 'protocol_to', 'supersedes', 'implements',
                                  'framework_for', name='relationkind', native_enum=False,
                                  length=32), nullable=False),
        sa.Column('note', sa.String(300), nullable=False, server_default=''),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('from_agreement_id <> to_agreement_id',
                           name=op.f('ck_treaty_relations_not_to_itself')),
        sa.ForeignKeyConstraint(['from_agreement_id'], ['agreements.id'], ondelete='CASCADE',
                                name=op.f('fk_treaty_relations_from_agreement_id_agreements')),
        sa.ForeignKeyConstraint(['to_agreement_id'], ['agreements.id'], ondelete='CASCADE',
                                name=op.f('fk_treaty_relations_to_agreement_id_agreements')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_treaty_relations')),
        sa.UniqueConstraint('from_agreement_id', 'to_agreement_id', 'kind',
                            name=op.f('uq_treaty_relations_from_agreement_id')),
    )
    op.create_index(op.f('ix_treaty_relations_from_agreement_id'), 'treaty_relations',
                    ['from_agreement_id'])
    op.create_index(op.f('ix_treaty_relations_to_agreement_id'), 'treaty_relations',
                    ['to_agreement_id'])


def downgrade():
    op.drop_index(op.f('ix_treaty_relations_to_agreement_id'), table_name='treaty_relations')
    op.drop_index(op.f('ix_treaty_relations_from_agreement_id'), table_name='treaty_relations')
    op.drop_table('treaty_relations')
