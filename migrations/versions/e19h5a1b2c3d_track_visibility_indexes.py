"""the restricted tracks' ids, the current tracks by status, the agreements list's order

Revision ID: e19h5a1b2c3d
Revises: a19d5e7f3c21
Create Date: 2026-12-01 22:00:00

Issue 19 #2 (task h19e): an officer's dashboard read afresh at PostgreSQL scale 10.
- ix_negotiation_tracks_restricted_id: the ids of the restricted tracks, which
  tracker.services.visibility.hidden_track_ids reads in every statement an officer's page
  issues, from the index alone (it read 1,400 heap pages for 2,500 ids, 5-13 ms a time),
  with their milestone counts (the officer's milestones list subtracts them).
- ix_negotiation_tracks_current_status: the tracks not archived by status, classification
  and id, so that the dashboard's counts by status scan an index, not the table.
Both partial, on PostgreSQL and SQLite alike.
- ix_agreements_list_order, PostgreSQL only: the current agreements in the list's order
  (signed_on DESC NULLS LAST, title, id), so that a page of the agreements list is read
  from the index (forwards, or backwards for a page in the second half) instead of sorting
  the 10,000 agreements of bench scale 10 (22 ms). SQLite cannot write NULLS LAST in an
  index (and puts NULLs last in a descending order anyway); the models leave it out, and
  tests/test_database.py's comparison of the models with the migrations skips it.
- ix_negotiation_tracks_launched_month_day gains the id, and two partial indexes of the
  current agreements' month days: the dashboard's count of anniversaries (12,000 launches
  and 4,900 agreements in its window at bench scale 10) is read from the indexes alone,
  56 -> 8 ms (loaded machine).
Downgrade drops them all and gives the launches' index back its four columns.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e19h5a1b2c3d"
down_revision = "a19d5e7f3c21"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_negotiation_tracks_restricted_id",
        "negotiation_tracks",
        ["id", "milestone_count"],
        sqlite_where=sa.text("classification = 'restricted'"),
        postgresql_where=sa.text("classification = 'restricted'"),
    )
    op.create_index(
        "ix_negotiation_tracks_current_status",
        "negotiation_tracks",
        ["status", "classification", "id"],
        sqlite_where=sa.text("archived_on IS NULL"),
        postgresql_where=sa.text("archived_on IS NULL"),
    )

    # the dashboard's count of anniversaries read from indexes alone: the launches' with
    # the track's id (the visibility rule tests it), the agreements' of the current ones
    op.drop_index("ix_negotiation_tracks_launched_month_day", table_name="negotiation_tracks")
    op.create_index(
        "ix_negotiation_tracks_launched_month_day",
        "negotiation_tracks",
        ["launched_month_day", "launched_on", "classification", "status", "id"],
    )
    for column in ("signed", "in_force"):
        op.create_index(
            f"ix_agreements_current_{column}_month_day",
            "agreements",
            [f"{column}_month_day", f"{column}_on"],
            sqlite_where=sa.text("archived_on IS NULL"),
            postgresql_where=sa.text("archived_on IS NULL"),
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_agreements_list_order ON agreements "
            "(signed_on DESC NULLS LAST, title, id) WHERE archived_on IS NULL"
        )


def downgrade() -> None:
    for column in ("signed", "in_force"):
        op.drop_index(f"ix_agreements_current_{column}_month_day", table_name="agreements")
    op.drop_index("ix_negotiation_tracks_launched_month_day", table_name="negotiation_tracks")
    op.create_index(
        "ix_negotiation_tracks_launched_month_day",
        "negotiation_tracks",
        ["launched_month_day", "launched_on", "classification", "status"],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_agreements_list_order", table_name="agreements")
    op.drop_index("ix_negotiation_tracks_current_status", table_name="negotiation_tracks")
    op.drop_index("ix_negotiation_tracks_restricted_id", table_name="negotiation_tracks")
