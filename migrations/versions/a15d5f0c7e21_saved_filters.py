"""saved filters: an officer's named filters of the tracks, agreements, milestones and
action-items lists (issue 15, "Also expected by officers")

A new table only (plain create_table and create_index: no batch rebuild of any table).

Revision ID: a15d5f0c7e21
Revises: f7c2a9e1b461
Create Date: 2026-12-01 02:40:00

"""

import sqlalchemy as sa
from alembic import op

import tracker.models.types

# revision identifiers, used by Alembic.
revision = "a15d5f0c7e21"
down_revision = "f7c2a9e1b461"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("query", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("created_at", tracker.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_saved_filters_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filters")),
        sa.UniqueConstraint("user_id", "list_name", "name", name="uq_saved_filters_user_list_name"),
    )
    op.create_index(op.f("ix_saved_filters_user_id"), "saved_filters", ["user_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_saved_filters_user_id"), table_name="saved_filters")
    op.drop_table("saved_filters")
