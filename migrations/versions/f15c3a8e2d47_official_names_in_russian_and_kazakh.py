"""official names in Russian and Kazakh (issue 15 #11)

Agreements, negotiation tracks and bodies carry their official names in Russian and
Kazakh, optional (empty when not known): shown to a reader of that language, searched in
every language.

Revision ID: f15c3a8e2d47
Revises: e16c3f5a8d20
Create Date: 2026-11-30 22:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'f15c3a8e2d47'
down_revision = 'e16c3f5a8d20'
branch_labels = None
depends_on = None

#: table -> (column prefix, length)
NAMES = {
    'agreements': ('official_title', 300),
    'negotiation_tracks': ('official_name', 300),
    'bodies': ('official_name', 200),
}


def upgrade():
    # Plain ALTER TABLE, never a batch rebuild: on SQLite a rebuild of `agreements` would
    # empty the tables whose keys cascade from it (ratifications, party acts).
    for table, (prefix, length) in NAMES.items():
        for language in ('ru', 'kk'):
            op.add_column(
                table,
                sa.Column(f'{prefix}_{language}', sa.String(length), nullable=False,
                          server_default=''),
            )
    # The search index reads these names too; an upgrade from before the index
    # (e1f4b6c8d0a2) could not fill it until they existed.
    from tracker.services.search_index import readable, rebuild

    connection = op.get_bind()
    if readable(connection):
        rebuild(connection)


def downgrade():
    # ALTER TABLE ... DROP COLUMN itself (SQLite 3.35+, PostgreSQL), for the same reason.
    for table, (prefix, _length) in NAMES.items():
        for language in ('kk', 'ru'):
            op.drop_column(table, f'{prefix}_{language}')
