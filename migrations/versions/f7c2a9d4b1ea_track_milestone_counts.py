"""negotiation_tracks.milestone_count: each track's milestones, counted and stored

An officer's milestones list is counted as all milestones less those on the tracks the
officer may not see; the second count walked every milestone of the hidden tracks (25,000
at bench scale 10). The stored count, kept by tracker.models.activity, is read with the
classification from one index (replacing the classification's own), one entry per hidden
track.

Revision ID: f7c2a9d4b1ea
Revises: f7c2a9d4b1e9
Create Date: 2026-11-30 23:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7c2a9d4b1ea'
down_revision = 'f7c2a9d4b1e9'
branch_labels = None
depends_on = None


def upgrade():
    # plain ALTER TABLE: a batch rebuild on SQLite drops the old table, and the cascade
    # empties its milestones and their action items
    op.add_column(
        'negotiation_tracks',
        sa.Column('milestone_count', sa.Integer(), server_default='0', nullable=False),
    )
    tracks = sa.table('negotiation_tracks', sa.column('id'), sa.column('milestone_count'))
    milestones = sa.table('milestones', sa.column('track_id'))
    op.execute(
        tracks.update().values(
            milestone_count=sa.select(sa.func.count())
            .select_from(milestones)
            .where(milestones.c.track_id == tracks.c.id)
            .scalar_subquery()
        )
    )
    op.drop_index('ix_negotiation_tracks_classification', table_name='negotiation_tracks')
    op.create_index(
        'ix_negotiation_tracks_classification_count',
        'negotiation_tracks',
        ['classification', 'milestone_count'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_negotiation_tracks_classification_count', table_name='negotiation_tracks')
    op.create_index(
        'ix_negotiation_tracks_classification',
        'negotiation_tracks',
        ['classification'],
        unique=False,
    )
    # ALTER TABLE ... DROP COLUMN itself (SQLite 3.35+, PostgreSQL): a batch rebuild of
    # negotiation_tracks would drop the table, and the cascade would empty its milestones.
    op.execute('ALTER TABLE negotiation_tracks DROP COLUMN milestone_count')
