"""the negotiating text (issue 17): provisions, their versions per round, positions

A track's provisions with a stable key, text per language, status and the round it was
reached in; the text frozen per round when the round's milestone is completed; the
positions per provision and round (team only).

Revision ID: e93e8832c2a2
Revises: f7c2a9d4b1ea
Create Date: 2026-11-30 22:29:06.416216

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'e93e8832c2a2'
down_revision = 'f7c2a9d4b1ea'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('provisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('track_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.Enum('preamble', 'article', 'paragraph', 'annex', name='provisionkind', native_enum=False, length=32), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.Column('bracket_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('open', 'agreed_ad_referendum', 'confirmed', 'agreed', 'deleted', 'parked', name='provisionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('status_round_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['status_round_id'], ['milestones.id'], name=op.f('fk_provisions_status_round_id_milestones'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['track_id'], ['negotiation_tracks.id'], name=op.f('fk_provisions_track_id_negotiation_tracks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provisions')),
    sa.UniqueConstraint('track_id', 'key', name=op.f('uq_provisions_track_id'))
    )
    with op.batch_alter_table('provisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provisions_status_round_id'), ['status_round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provisions_track_id'), ['track_id'], unique=False)
        batch_op.create_index('ix_provisions_track_position', ['track_id', 'position', 'id'], unique=False)

    op.create_table('positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provision_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('ours', sa.Text(), nullable=False),
    sa.Column('red_line', sa.Text(), nullable=False),
    sa.Column('fallback', sa.Text(), nullable=False),
    sa.Column('theirs', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['provision_id'], ['provisions.id'], name=op.f('fk_positions_provision_id_provisions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['milestones.id'], name=op.f('fk_positions_round_id_milestones'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_positions_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_positions')),
    sa.UniqueConstraint('provision_id', 'round_id', name=op.f('uq_positions_provision_id'))
    )
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_positions_provision_id'), ['provision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_updated_by_id'), ['updated_by_id'], unique=False)

    op.create_table('provision_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provision_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('preamble', 'article', 'paragraph', 'annex', name='provisionkind', native_enum=False, length=32), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.Column('bracket_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('open', 'agreed_ad_referendum', 'confirmed', 'agreed', 'deleted', 'parked', name='provisionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('status_round_id', sa.Integer(), nullable=True),
    sa.Column('frozen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['provision_id'], ['provisions.id'], name=op.f('fk_provision_versions_provision_id_provisions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['milestones.id'], name=op.f('fk_provision_versions_round_id_milestones'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provision_versions')),
    sa.UniqueConstraint('provision_id', 'round_id', name=op.f('uq_provision_versions_provision_id'))
    )
    with op.batch_alter_table('provision_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provision_versions_provision_id'), ['provision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provision_versions_round_id'), ['round_id'], unique=False)



def downgrade():
    with op.batch_alter_table('provision_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provision_versions_round_id'))
        batch_op.drop_index(batch_op.f('ix_provision_versions_provision_id'))

    op.drop_table('provision_versions')
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_positions_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_positions_round_id'))
        batch_op.drop_index(batch_op.f('ix_positions_provision_id'))

    op.drop_table('positions')
    with op.batch_alter_table('provisions', schema=None) as batch_op:
        batch_op.drop_index('ix_provisions_track_position')
        batch_op.drop_index(batch_op.f('ix_provisions_track_id'))
        batch_op.drop_index(batch_op.f('ix_provisions_status_round_id'))

    op.drop_table('provisions')
