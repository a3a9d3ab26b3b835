"""month-days of signatures, entries into force and launches, stored and indexed

The dashboard's anniversaries of a 90-day window were read as one date range per year
back to the oldest event (32 ranges at bench scale 10), then ordered by a month and day
computed on every matching row: eight statements, 33 ms (bench/results.md). The
month-days (month * 100 + day), kept by tracker.models.folding, are read from an index
in the order the anniversaries fall.

Revision ID: f7c2a9d4b1e9
Revises: f7c2a9d4b1e8
Create Date: 2026-11-30 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7c2a9d4b1e9'
down_revision = 'f7c2a9d4b1e8'
branch_labels = None
depends_on = None

COLUMNS = {
    'agreements': (('signed_month_day', 'signed_on'), ('in_force_month_day', 'in_force_on')),
    'negotiation_tracks': (('launched_month_day', 'launched_on'),),
}


def _month_day(column):
    return (
        sa.cast(sa.extract('month', column), sa.Integer) * 100
        + sa.cast(sa.extract('day', column), sa.Integer)
    )


def upgrade():
    for table_name, columns in COLUMNS.items():
        # plain ALTER TABLE: a batch rebuild on SQLite drops the old table, and the
        # cascades empty ratifications, milestones and action items
        for name, _ in columns:
            op.add_column(table_name, sa.Column(name, sa.SmallInteger(), nullable=True))
        table = sa.table(
            table_name,
            *(sa.column(name, sa.SmallInteger()) for name, _ in columns),
            *(sa.column(source, sa.Date()) for _, source in columns),
        )
        for name, source in columns:
            op.execute(
                table.update()
                .where(table.c[source].is_not(None))
                .values({name: _month_day(table.c[source])})
            )
    op.create_index(
        'ix_agreements_signed_month_day', 'agreements', ['signed_month_day', 'signed_on']
    )
    op.create_index(
        'ix_agreements_in_force_month_day', 'agreements', ['in_force_month_day', 'in_force_on']
    )
    op.create_index(
        'ix_negotiation_tracks_launched_month_day',
        'negotiation_tracks',
        ['launched_month_day', 'launched_on', 'classification', 'status'],
    )


def downgrade():
    op.drop_index('ix_negotiation_tracks_launched_month_day', table_name='negotiation_tracks')
    op.drop_index('ix_agreements_in_force_month_day', table_name='agreements')
    op.drop_index('ix_agreements_signed_month_day', table_name='agreements')
    # ALTER TABLE ... DROP COLUMN itself (SQLite 3.35+, PostgreSQL): a batch rebuild would
    # drop the table, and the cascades would empty ratifications and milestones on SQLite.
    for table_name, columns in COLUMNS.items():
        for name, _ in columns:
            op.execute(f'ALTER TABLE {table_name} DROP COLUMN {name}')
