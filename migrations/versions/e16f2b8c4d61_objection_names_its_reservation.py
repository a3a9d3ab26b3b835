"""an objection names the reservation it objects to

Revision ID: e16f2b8c4d61
Revises: d9b3f7a1c5e3
Create Date: 2026-12-01 13:15:00

Issue 16 (found by a fresh check): an objection could not name the reservation it objects
to. A nullable column party_actions.objects_to_id referring to party_actions.id, ON DELETE
SET NULL (the objection stays when the reservation is removed).
PostgreSQL: plain op.add_column and op.create_foreign_key. SQLite cannot add a foreign key
that names its ON DELETE where it can be read back (a column's own REFERENCES is enforced
but SQLAlchemy reflects no ON DELETE from it), so there the table is re-created in batch
mode. That is safe for party_actions only because no other table refers to it (checked:
the initial schema and every later revision; its one reference is to ratifications, as a
child): dropping the old table cascades to nothing, and every row is copied.
tests/test_objection_migration.py counts the rows through upgrade and downgrade.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e16f2b8c4d61"
down_revision = "d9b3f7a1c5e3"
branch_labels = None
depends_on = None

FK = "fk_party_actions_objects_to"


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("party_actions") as batch:
            batch.add_column(sa.Column("objects_to_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                FK, "party_actions", ["objects_to_id"], ["id"], ondelete="SET NULL"
            )
        return
    op.add_column("party_actions", sa.Column("objects_to_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        FK, "party_actions", "party_actions", ["objects_to_id"], ["id"], ondelete="SET NULL"
    )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("party_actions") as batch:
            batch.drop_constraint(FK, type_="foreignkey")
            batch.drop_column("objects_to_id")
        return
    op.drop_constraint(FK, "party_actions", type_="foreignkey")
    op.drop_column("party_actions", "objects_to_id")
