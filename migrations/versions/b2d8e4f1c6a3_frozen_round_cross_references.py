"""frozen round versions keep their cross-references (issue 17, limitation 2)

A provision's version frozen at a round keeps the references of its text as they were
tied then ("article 5" -> the key of the provision that was Article 5), so a past round's
text, shown or exported, resolves its references as of that round, whatever was
renumbered or rewritten since. Versions frozen before this revision get the provision's
references as they stand (the best known).

Plain ALTER TABLE ... ADD COLUMN (and DROP COLUMN on the way down): no batch rebuild.

Revision ID: b2d8e4f1c6a3
Revises: a15d5f0c7e21
Create Date: 2026-12-01 05:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b2d8e4f1c6a3"
down_revision = "a15d5f0c7e21"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("provision_versions", sa.Column("cross_references", sa.JSON(), nullable=True))
    op.execute(
        "UPDATE provision_versions SET cross_references = ("
        "SELECT provisions.cross_references FROM provisions "
        "WHERE provisions.id = provision_versions.provision_id)"
    )


def downgrade():
    op.execute("ALTER TABLE provision_versions DROP COLUMN cross_references")
