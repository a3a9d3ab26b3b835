"""follow_events.provision_id: a notice of a change to the negotiating text links to the
provision it is about

Revision ID: d9b3f7a1c5e2
Revises: e16e5a7c3b92
Create Date: 2026-12-01 11:40:00

Issue 17 (found by a fresh check): "Article 5 agreed ad referendum" linked to the track,
not to Article 5. A nullable column naming the provision (ON DELETE SET NULL: the notice
then links to the track); events written before stay NULL. SQLite cannot add a foreign key
to a table with ALTER, so the column is added in batch mode there: follow_events is
referenced by no other table (nothing cascades from it), so re-creating it loses no row.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d9b3f7a1c5e2"
down_revision = "e16e5a7c3b92"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("follow_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("provision_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_follow_events_provision_id"), ["provision_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_follow_events_provision_id_provisions"),
            "provisions",
            ["provision_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("follow_events", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_follow_events_provision_id_provisions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_follow_events_provision_id"))
        batch_op.drop_column("provision_id")
