"""provisions: the day a status was reached (status_reached_on), on the provision and its
versions frozen per round

Revision ID: d4e8a2c6f1b3
Revises: c19a3e5f7b20
Create Date: 2026-12-01 08:30:00

Issue 17 (found by a fresh check): a status reached after the last round held, with no
round in progress or planned, was stamped "reached at" that last round, whose frozen text
shows another status. Such a status now carries no round but the day it was reached
("reached after Round 2, on 12 Jan 2026"). A nullable column on each table, added with
plain op.add_column (no batch mode: provisions are referenced with ON DELETE CASCADE);
rows written before stay NULL (their day is not known).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4e8a2c6f1b3"
down_revision = "c19a3e5f7b20"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("provisions", sa.Column("status_reached_on", sa.Date(), nullable=True))
    op.add_column("provision_versions", sa.Column("status_reached_on", sa.Date(), nullable=True))


def downgrade():
    # drop_column without batch mode (SQLite 3.35 drops a column in place)
    op.drop_column("provision_versions", "status_reached_on")
    op.drop_column("provisions", "status_reached_on")
