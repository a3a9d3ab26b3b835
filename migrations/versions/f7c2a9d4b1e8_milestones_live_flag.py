"""milestones.live: whether a milestone's parents make it live, stored and indexed

An overdue or coming-up milestone counts only if its track (or, with no track, its
agreement) is live (issue 14, item 4). Testing that per row against every closed or paused
track cost the dashboard 20 ms a statement at bench scale 10 (bench/results.md); the flag,
kept by tracker.models.liveness, lets ix_milestones_open_live give the lists in date order.
The statuses below are those of tracker.domain.workflow (CLOSED | PAUSED for tracks) and
tracker.models.agreement (suspended and terminated agreements) on this date.

Revision ID: f7c2a9d4b1e8
Revises: e16b7d4a9c21
Create Date: 2026-11-30 23:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7c2a9d4b1e8'
down_revision = 'e16b7d4a9c21'
branch_labels = None
depends_on = None

NOT_LIVE_TRACK = ('abandoned', 'in_force', 'suspended')
NOT_LIVE_AGREEMENT = ('suspended', 'terminated')


def upgrade():
    # Plain ALTER TABLE (no batch): a batch rebuild of milestones on SQLite drops the old
    # table, and its cascade empties action items (the bench archives lost theirs).
    op.add_column(
        'milestones', sa.Column('live', sa.Boolean(), server_default=sa.true(), nullable=False)
    )
    milestones = sa.table(
        'milestones',
        sa.column('live', sa.Boolean()),
        sa.column('track_id', sa.Integer()),
        sa.column('agreement_id', sa.Integer()),
    )
    tracks = sa.table('negotiation_tracks', sa.column('id'), sa.column('status'))
    agreements = sa.table('agreements', sa.column('id'), sa.column('status'))
    not_live_tracks = sa.select(tracks.c.id).where(tracks.c.status.in_(NOT_LIVE_TRACK))
    not_live_agreements = sa.select(agreements.c.id).where(
        agreements.c.status.in_(NOT_LIVE_AGREEMENT)
    )
    op.execute(
        milestones.update()
        .where(
            sa.or_(
                milestones.c.track_id.in_(not_live_tracks),
                sa.and_(
                    milestones.c.track_id.is_(None),
                    milestones.c.agreement_id.in_(not_live_agreements),
                ),
            )
        )
        .values(live=sa.false())
    )
    op.drop_index('ix_milestones_open_live', table_name='milestones')
    op.create_index(
        'ix_milestones_open_live',
        'milestones',
        ['done_on', 'live', 'planned_on', 'track_id'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_milestones_open_live', table_name='milestones')
    op.create_index(
        'ix_milestones_open_live',
        'milestones',
        ['done_on', 'planned_on', 'track_id', 'agreement_id'],
        unique=False,
    )
    # ALTER TABLE ... DROP COLUMN itself (SQLite 3.35+, PostgreSQL): a batch rebuild of
    # milestones would drop the table, and the cascade would empty action items on SQLite.
    op.execute('ALTER TABLE milestones DROP COLUMN live')
