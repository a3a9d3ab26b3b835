"""the demo's Parties: their names in Russian and Kazakh on an existing database

Revision ID: b16a7d3e9c21
Revises: a16d0b2c4e6f
Create Date: 2026-12-01 14:45:00

Issue 16 (found by a fresh check, task h16a): the demo loader names its Parties in three
languages, but it runs on a database's first start only, so a database created by an
earlier `make run` kept their Russian and Kazakh names empty. A data step: for the demo's
Parties only, matched by their English name and short name together, it fills name_ru and
name_kk where they are empty; a name someone typed is kept, another Party is not touched.
The names are copied here (a migration must not change when the demo does);
tests/test_demo_party_names_migration.py checks they are the demo's.
Downgrade changes nothing: a filled name and a typed one cannot be told apart.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b16a7d3e9c21"
down_revision = "a16d0b2c4e6f"
branch_labels = None
depends_on = None

#: (English name, short name) -> (Russian name, Kazakh name), as tracker.services.demo has them
DEMO_PARTY_NAMES = {
    ("European Union", "EU"): ("Европейский союз", "Еуропалық Одақ"),
    ("Kazakhstan", "KZ"): ("Республика Казахстан", "Қазақстан Республикасы"),
    ("EU Member States", "EU MS"): ("государства — члены ЕС", "ЕО мүше мемлекеттері"),
}


def upgrade():
    parties = sa.table(
        "parties",
        sa.column("name", sa.String),
        sa.column("short_name", sa.String),
        sa.column("name_ru", sa.String),
        sa.column("name_kk", sa.String),
    )
    for (name, short_name), names in DEMO_PARTY_NAMES.items():
        for column, value in zip(("name_ru", "name_kk"), names, strict=True):
            op.execute(
                parties.update()
                .where(
                    parties.c.name == name,
                    parties.c.short_name == short_name,
                    parties.c[column] == "",
                )
                .values({column: value})
            )


def downgrade():
    pass
