"""tidy records: action items cancelled, tracks and agreements archived, with a reason
(issue 15 #7)

An action item that will not be done is cancelled with a reason (cancelled_on,
cancel_reason), as a milestone is; a closed track and an agreement are archived with a
reason, by whom and when (archived_on, archive_reason, archived_by_id), hidden from the
default lists, counts and reminders, and an administrator can undo either.

Plain ALTER TABLE ... ADD COLUMN only: a batch rebuild of these tables on SQLite drops the
old table, and the cascades of their children would empty them.

Revision ID: f7c2a9e1b461
Revises: e17d4c2a9b51
Create Date: 2026-12-01 02:05:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f7c2a9e1b461'
down_revision = 'e17d4c2a9b51'
branch_labels = None
depends_on = None

ARCHIVED = ('negotiation_tracks', 'agreements')


def upgrade():
    op.add_column('action_items', sa.Column('cancelled_on', sa.Date(), nullable=True))
    op.add_column(
        'action_items',
        sa.Column('cancel_reason', sa.Text(), server_default='', nullable=False),
    )
    for table in ARCHIVED:
        op.add_column(table, sa.Column('archived_on', sa.Date(), nullable=True))
        op.add_column(
            table, sa.Column('archive_reason', sa.Text(), server_default='', nullable=False)
        )
        if op.get_bind().dialect.name == 'sqlite':
            # SQLite adds a column's own REFERENCES in place; Alembic would ask for a
            # separate ADD CONSTRAINT, which SQLite has only through a rebuild (see above)
            op.execute(
                f'ALTER TABLE {table} ADD COLUMN archived_by_id INTEGER '
                f'CONSTRAINT fk_{table}_archived_by_id_users REFERENCES users (id)'
            )
        else:
            op.add_column(table, sa.Column('archived_by_id', sa.Integer(), nullable=True))
            op.create_foreign_key(
                f'fk_{table}_archived_by_id_users', table, 'users', ['archived_by_id'], ['id']
            )


def downgrade():
    # ALTER TABLE ... DROP COLUMN itself (SQLite 3.35+, PostgreSQL), never a batch rebuild
    for table in ARCHIVED:
        if op.get_bind().dialect.name != 'sqlite':
            op.drop_constraint(f'fk_{table}_archived_by_id_users', table, type_='foreignkey')
        for column in ('archived_by_id', 'archive_reason', 'archived_on'):
            op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
    op.execute('ALTER TABLE action_items DROP COLUMN cancel_reason')
    op.execute('ALTER TABLE action_items DROP COLUMN cancelled_on')
