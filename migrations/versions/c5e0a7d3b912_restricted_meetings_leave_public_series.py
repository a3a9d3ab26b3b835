"""restricted meetings leave their bodies' public series

A meeting of a restricted track attached to a body no longer takes a number in the body's
public series (tracker.services.visibility.public_meeting): numbers given before are
cleared, so the series, its projection and its "number taken" check tell nothing of them.
The meeting's title still says which meeting it was. Not reversible: the numbers are gone.

Revision ID: c5e0a7d3b912
Revises: bae38ba46749
Create Date: 2026-11-30 13:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c5e0a7d3b912'
down_revision = 'bae38ba46749'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        """
        UPDATE milestones SET number = NULL, version = version + 1
        WHERE kind = 'meeting' AND body_id IS NOT NULL AND number IS NOT NULL
          AND track_id IN (
            SELECT id FROM negotiation_tracks WHERE classification = 'restricted'
          )
        """
    )


def downgrade():
    pass  # the numbers are not kept anywhere to put back
