"""party rows: an explicit side of a mixed agreement; groups shown as one are not Parties

Revision ID: e16e5a7c3b92
Revises: d4e8a2c6f1b3
Create Date: 2026-12-01 11:40:00

Issue 16 (found by a fresh check, #2). Each Party row (ratifications) gets `side`
("one_part": the Union and its Member States; "other_part": the partner; NULL: not set),
so that the sides of a mixed agreement are recorded, not derived from groups. Existing
rows of mixed agreements take the side the old derivation gave them (of the one part: a
Party that is an organisation or a member of a group of Parties; of the other part: the
rest); other agreements' rows stay NULL. A Party named as a group it belongs to (the
demo's "EU Member States" row standing for the Member States not listed one by one)
becomes kind "group": a group shown as one, not counted in "X of N". Plain
op.add_column (no batch mode: ratifications are referenced by party_actions with ON
DELETE CASCADE).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e16e5a7c3b92"
down_revision = "d4e8a2c6f1b3"
branch_labels = None
depends_on = None

GROUPED = "SELECT party_id FROM party_group_members"
ORGANISATIONS = "SELECT id FROM parties WHERE kind = 'organisation'"


def upgrade():
    op.add_column("ratifications", sa.Column("side", sa.String(32), nullable=True))
    op.execute(
        "UPDATE ratifications SET side = CASE WHEN party_id IN ("
        + ORGANISATIONS
        + ") OR party_id IN ("
        + GROUPED
        + ") THEN 'one_part' ELSE 'other_part' END "
        "WHERE agreement_id IN (SELECT id FROM agreements WHERE kind = 'mixed')"
    )
    op.execute(
        "UPDATE parties SET kind = 'group' WHERE kind = 'state' AND EXISTS ("
        "SELECT 1 FROM party_group_members m JOIN party_groups g ON g.id = m.group_id "
        "WHERE m.party_id = parties.id AND g.name = parties.name)"
    )


def downgrade():
    op.execute("UPDATE parties SET kind = 'state' WHERE kind = 'group'")
    # drop_column without batch mode (SQLite 3.35 drops a column in place)
    op.drop_column("ratifications", "side")
