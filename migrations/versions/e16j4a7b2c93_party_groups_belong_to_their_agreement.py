"""party groups belong to their agreement (issue 16, h16j)

Revision ID: e16j4a7b2c93
Revises: c19a4b7d2e10
Create Date: 2026-12-01 19:00:00

A group of Parties ("EU Member States", "Observer States") was global: made on one
agreement, it showed on every agreement with one of its members and made them "of the
one part" of every mixed agreement. party_groups gets agreement_id (ON DELETE CASCADE),
unique (agreement_id, name) in place of unique (name). The rows move without loss: each
existing group becomes, on each agreement with at least one of its members as a Party, a
group of that name with all its members; then the global rows go (a group none of whose
members is a Party to any agreement shows nowhere and goes too). The rows are read
first and both tables emptied before batch mode rebuilds party_groups on SQLite (a
rebuild would reach party_group_members through its cascading key). The downgrade merges
the groups of one name back into one global group with all their members.
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e16j4a7b2c93"
down_revision = "c19a4b7d2e10"
branch_labels = None
depends_on = None

FK = "fk_party_groups_agreement_id_agreements"
UNIQUE_NAME = "uq_party_groups_name"
UNIQUE_PER_AGREEMENT = "uq_party_groups_agreement_id"


def _members() -> dict[int, list[int]]:
    """Each group's member Parties (group id -> party ids, in order)."""
    found: dict[int, list[int]] = defaultdict(list)
    rows = op.get_bind().execute(
        sa.text("SELECT group_id, party_id FROM party_group_members ORDER BY group_id, party_id")
    )
    for group_id, party_id in rows:
        found[group_id].append(party_id)
    return found


def _empty() -> None:
    op.execute("DELETE FROM party_group_members")
    op.execute("DELETE FROM party_groups")


def _add(values: dict, members: list[int]) -> None:
    """Insert a group (`values`: its columns) with its members."""
    bind = op.get_bind()
    groups = sa.Table(
        "party_groups",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        *(sa.Column(c) for c in values),
    )
    group_id = bind.execute(sa.insert(groups).values(**values)).inserted_primary_key[0]
    if members:
        bind.execute(
            sa.text("INSERT INTO party_group_members (group_id, party_id) VALUES (:g, :p)"),
            [{"g": group_id, "p": p} for p in members],
        )


def upgrade():
    bind = op.get_bind()
    groups = bind.execute(sa.text("SELECT id, name, version FROM party_groups ORDER BY id")).all()
    members = _members()
    parties_of: dict[int, set[int]] = defaultdict(set)
    for agreement_id, party_id in bind.execute(
        sa.text("SELECT agreement_id, party_id FROM ratifications ORDER BY agreement_id")
    ):
        parties_of[agreement_id].add(party_id)
    _empty()
    with op.batch_alter_table("party_groups") as batch:
        batch.add_column(sa.Column("agreement_id", sa.Integer(), nullable=False))
        batch.drop_constraint(UNIQUE_NAME, type_="unique")
        batch.create_foreign_key(FK, "agreements", ["agreement_id"], ["id"], ondelete="CASCADE")
        batch.create_unique_constraint(UNIQUE_PER_AGREEMENT, ["agreement_id", "name"])
    for group_id, name, version in groups:
        group_members = members.get(group_id, [])
        for agreement_id in sorted(parties_of):
            if parties_of[agreement_id] & set(group_members):
                values = {"agreement_id": agreement_id, "name": name, "version": version}
                _add(values, group_members)


def downgrade():
    bind = op.get_bind()
    groups = bind.execute(sa.text("SELECT id, name FROM party_groups ORDER BY id")).all()
    members = _members()
    merged: dict[str, list[int]] = {}
    for group_id, name in groups:
        merged.setdefault(name, [])
        merged[name] += [p for p in members.get(group_id, []) if p not in merged[name]]
    _empty()
    with op.batch_alter_table("party_groups") as batch:
        batch.drop_constraint(UNIQUE_PER_AGREEMENT, type_="unique")
        batch.drop_constraint(FK, type_="foreignkey")
        batch.drop_column("agreement_id")
        batch.create_unique_constraint(UNIQUE_NAME, ["name"])
    for name, group_members in merged.items():
        _add({"name": name}, sorted(group_members))
