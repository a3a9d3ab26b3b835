"""a treaty relation made by a track's result: which track made it

Revision ID: d16m1a2b3c4d
Revises: e16j4a7b2c93
Create Date: 2026-12-01 19:15:00

Issue 16 #3 (re-check, task h16m #1): a track under a framework agreement that results in
an agreement makes the framework agreement "the framework for" the result. The track's save
records that relation (tracker.services.track_relations); treaty_relations.track_id names
the track that made it, so that a changed or cleared result takes away that relation and
never one an officer recorded by hand (track_id NULL). The track is deleted: the relation
stays, as one recorded (SET NULL). No data step: no relation was made by a track before.
"""

import sqlalchemy as sa
from alembic import op

revision = "d16m1a2b3c4d"
down_revision = "e16j4a7b2c93"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("treaty_relations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("track_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_treaty_relations_track_id_negotiation_tracks"),
            "negotiation_tracks",
            ["track_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_treaty_relations_track_id"), ["track_id"])


def downgrade():
    with op.batch_alter_table("treaty_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treaty_relations_track_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_treaty_relations_track_id_negotiation_tracks"), type_="foreignkey"
        )
        batch_op.drop_column("track_id")
