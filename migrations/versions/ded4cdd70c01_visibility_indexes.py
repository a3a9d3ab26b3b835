"""indexes for counting what a reader may see

Counting tracks by status, anniversaries of launches and overdue milestones for a reader
who is not an administrator tests each row's classification or track against the hidden
restricted tracks (tracker.services.visibility). With these columns in the index the
count is read from the index alone: an officer's dashboard at 500,000 milestones and
50,000 tracks no longer looks up every overdue milestone and every track in its table.
Each replaces an index that is its prefix. And a user's open action items (the
dashboard's "my action items") are read by owner, not found among everyone's.

Revision ID: ded4cdd70c01
Revises: c5e0a7d3b912
Create Date: 2026-11-30 14:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'ded4cdd70c01'
down_revision = 'c5e0a7d3b912'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(
            'ix_milestones_open_planned_track', ['done_on', 'planned_on', 'track_id'], unique=False
        )
        batch_op.drop_index('ix_milestones_open_planned')

    with op.batch_alter_table('negotiation_tracks', schema=None) as batch_op:
        batch_op.create_index(
            'ix_negotiation_tracks_status_classification', ['status', 'classification'], unique=False
        )
        batch_op.create_index(
            'ix_negotiation_tracks_launched_classification',
            ['launched_on', 'classification'],
            unique=False,
        )
        batch_op.drop_index('ix_negotiation_tracks_status')
        batch_op.drop_index('ix_negotiation_tracks_launched_on')

    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.create_index(
            'ix_action_items_owner_open', ['owner_id', 'status', 'due_on'], unique=False
        )


def downgrade():
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_index('ix_action_items_owner_open')

    with op.batch_alter_table('negotiation_tracks', schema=None) as batch_op:
        batch_op.create_index('ix_negotiation_tracks_launched_on', ['launched_on'], unique=False)
        batch_op.create_index('ix_negotiation_tracks_status', ['status'], unique=False)
        batch_op.drop_index('ix_negotiation_tracks_launched_classification')
        batch_op.drop_index('ix_negotiation_tracks_status_classification')

    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index('ix_milestones_open_planned', ['done_on', 'planned_on'], unique=False)
        batch_op.drop_index('ix_milestones_open_planned_track')
