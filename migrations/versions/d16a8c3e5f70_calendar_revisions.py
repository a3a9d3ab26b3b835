"""calendar_revisions: the last version of each computed date a calendar feed served

Revision ID: d16a8c3e5f70
Revises: c17c1a2b3d4e
Create Date: 2026-12-01 18:40:00

Task h16h #1: a computed date of an agreement's calendar feed (entry into force, the end
of a term, the last day for notice, ...) had a SEQUENCE made from a CRC-32 of its date
and basis, which can go down; RFC 5545 (3.8.7.4) wants it to only grow. This table keeps,
per agreement, kind and Party (party_key 0: the agreement itself), the date and basis
last served, its SEQUENCE and when it last changed. A new table only: nothing to carry
over: the first read of each feed stores SEQUENCE 0, and the computed events' UIDs change
with this revision (clock-<agreement>-<kind>-agreement / -party-<id>, no longer -all /
-<Party name>), so a client holding a CRC-32 SEQUENCE (up to 2**31 - 1) for an old UID
drops that event and takes the new one instead of ignoring every update to it.
"""

import sqlalchemy as sa
from alembic import op

from tracker.models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = "d16a8c3e5f70"
down_revision = "c17c1a2b3d4e"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=80), nullable=False),
        sa.Column("party_key", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("basis", sa.Text(), server_default="", nullable=False),
        sa.Column("sequence", sa.Integer(), server_default="0", nullable=False),
        sa.Column("revised_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_calendar_revisions_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_revisions")),
        sa.UniqueConstraint(
            "agreement_id",
            "kind",
            "party_key",
            name=op.f("uq_calendar_revisions_agreement_id"),
        ),
    )


def downgrade():
    op.drop_table("calendar_revisions")
