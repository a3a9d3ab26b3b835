"""parties: their names in Russian and Kazakh

Revision ID: a16d0b2c4e6f
Revises: e16f2b8c4d61
Create Date: 2026-12-01 13:15:00

Issue 16 (found by a fresh check): a Party had its English name only, so a Russian or
Kazakh page said "European Union", "Kazakhstan". Two optional columns, empty by default;
the English name stays the key. Plain add_column (parties is referenced by other tables:
no batch mode).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a16d0b2c4e6f"
down_revision = "e16f2b8c4d61"
branch_labels = None
depends_on = None


def upgrade():
    for column in ("name_ru", "name_kk"):
        op.add_column(
            "parties", sa.Column(column, sa.String(200), nullable=False, server_default="")
        )


def downgrade():
    for column in ("name_kk", "name_ru"):
        op.drop_column("parties", column)
