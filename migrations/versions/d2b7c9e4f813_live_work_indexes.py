"""indexes that read "live" work from the index alone

Closed and paused work is silent (issue 14, item 4): an overdue milestone counts only if
its track (or, with no track, its agreement) is live, and a launch is marked only for a
live track. Those conditions added the track's status and the milestone's agreement to
the dashboard's counts, which the indexes did not hold: at 520,000 milestones and 50,000
tracks each overdue milestone and each launch in the window was looked up in its table
(the launches' anniversary list 28 ms, now 8 ms; bench/results.md). Each replaces the
index that is its prefix.

Revision ID: d2b7c9e4f813
Revises: b5e1f0c3d7a2
Create Date: 2026-11-30 19:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd2b7c9e4f813'
down_revision = 'b5e1f0c3d7a2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(
            'ix_milestones_open_live',
            ['done_on', 'planned_on', 'track_id', 'agreement_id'],
            unique=False,
        )
        batch_op.drop_index('ix_milestones_open_planned_track')

    with op.batch_alter_table('negotiation_tracks', schema=None) as batch_op:
        batch_op.create_index(
            'ix_negotiation_tracks_launched_live',
            ['launched_on', 'classification', 'status'],
            unique=False,
        )
        batch_op.drop_index('ix_negotiation_tracks_launched_classification')


def downgrade():
    with op.batch_alter_table('negotiation_tracks', schema=None) as batch_op:
        batch_op.create_index(
            'ix_negotiation_tracks_launched_classification',
            ['launched_on', 'classification'],
            unique=False,
        )
        batch_op.drop_index('ix_negotiation_tracks_launched_live')

    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(
            'ix_milestones_open_planned_track', ['done_on', 'planned_on', 'track_id'], unique=False
        )
        batch_op.drop_index('ix_milestones_open_live')
