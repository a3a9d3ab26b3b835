"""the negotiating text (issue 17): our side per track, cross-references kept by key

`negotiation_tracks.our_side`: the short name of the Party whose officers use the
tracker, for this track (empty: the installation's TRACKER_OUR_SIDE).
`provisions.cross_references`: each reference in a provision's text ("article 5") tied to
the key of the provision it named when it was written, so renumbering is noticed.

Plain add_column: no batch mode (the provisions table is referenced with ON DELETE CASCADE).

Revision ID: e17d4c2a9b51
Revises: f7c2a9e1b460
Create Date: 2026-12-01 02:10:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'e17d4c2a9b51'
down_revision = 'f7c2a9e1b460'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'negotiation_tracks',
        sa.Column('our_side', sa.String(length=50), nullable=False, server_default=''),
    )
    op.add_column('provisions', sa.Column('cross_references', sa.JSON(), nullable=True))


def downgrade():
    op.drop_column('provisions', 'cross_references')
    op.drop_column('negotiation_tracks', 'our_side')
