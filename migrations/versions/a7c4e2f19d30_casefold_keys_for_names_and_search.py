"""case-folded keys for names and search

SQLite's lower() folds ASCII only, and PostgreSQL's lower() and ILIKE follow the
database's locale (under locale C they leave Cyrillic alone), so "Совет сотрудничества"
and "СОВЕТ СОТРУДНИЧЕСТВА" were two bodies, and ?q=соглашение missed "Соглашение о…".
Names that must be unique or are looked up get a folded key (NFKC, then Unicode case
folding: tracker.domain.names.fold), unique where uniqueness is the rule; the lists'
search reads a folded copy of the searched text. Both are filled here for existing rows,
and kept in step by the models at every flush (tracker.models.folding).

Two existing names that differ only by case (or by İ/ı) cannot both keep a unique key:
the upgrade then stops, names them, and changes nothing; rename one and upgrade again.

Revision ID: a7c4e2f19d30
Revises: c4d82f6a1e97
Create Date: 2026-11-30 16:30:00

"""

import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7c4e2f19d30"
down_revision = "c4d82f6a1e97"
branch_labels = None
depends_on = None

# A copy of tracker.domain.names.fold as it stood when this migration was written: a
# migration must not change when the application's code does later.
_TURKIC_I = str.maketrans({"ı": "i"})


def _fold(text):
    folded = unicodedata.normalize("NFKC", text or "").casefold().translate(_TURKIC_I)
    return folded.replace("i\u0307", "i").strip()


#: table -> folded column -> (the columns it folds, unique within, index name)
KEYS = {
    "parties": {"name_key": (("name",), (), "uq_parties_name_key")},
    "bodies": {"name_key": (("name",), (), "uq_bodies_name_key")},
    "users": {"email_key": (("email",), (), "uq_users_email_key")},
    "agreement_areas": {"name_key": (("name",), ("agreement_id",), "uq_agreement_areas_name_key")},
    "agreements": {
        "title_key": (("title",), None, "ix_agreements_title_key"),
        "search_key": (("title", "short_title", "summary"), None, None),
    },
    "negotiation_tracks": {
        "name_key": (("name",), None, "ix_negotiation_tracks_name_key"),
        "search_key": (("name", "next_step", "description"), None, None),
    },
    "milestones": {"search_key": (("title", "location", "outcome"), None, None)},
}


def _table(table_name, keys):
    columns = {c for columns, within, _ in keys.values() for c in (*columns, *(within or ()))}
    return sa.table(table_name, sa.column("id"), *(sa.column(c) for c in {*columns, *keys}))


def _folded_rows(connection, table_name, keys, clashes):
    """Every row's folded keys; a pair of rows whose unique key is one is added to
    `clashes`."""
    table = _table(table_name, keys)
    sources = sorted(
        {c for columns, within, _ in keys.values() for c in (*columns, *(within or ()))}
    )
    rows = (
        connection.execute(
            sa.select(table.c.id, *(table.c[c] for c in sources)).order_by(table.c.id)
        )
        .mappings()
        .all()
    )
    seen = {}
    values = []
    for row in rows:
        folded = {
            key: "\n".join(_fold(row[c]) for c in columns) for key, (columns, _, _) in keys.items()
        }
        for key, (columns, within, _) in keys.items():
            if within is not None:
                scope = (key, *(row[c] for c in within), folded[key])
                if scope in seen:
                    clashes.append(
                        f"{table_name}: “{row[columns[0]]}” (id {row['id']}) is "
                        f"“{seen[scope][1]}” (id {seen[scope][0]})"
                    )
                seen.setdefault(scope, (row["id"], row[columns[0]]))
        values.append({"row_id": row["id"], **folded})
    return values


def upgrade():
    connection = op.get_bind()
    # Read and check everything before changing anything: SQLite's ALTER TABLE is not
    # undone when a later step fails.
    clashes = []
    folded = {name: _folded_rows(connection, name, keys, clashes) for name, keys in KEYS.items()}
    if clashes:
        raise RuntimeError(
            "These names differ only by case, so they are the same name to the tracker; "
            "rename one of each pair, then upgrade again: " + "; ".join(clashes)
        )
    for table_name, keys in KEYS.items():
        # Plain ADD COLUMN and CREATE INDEX, no batch copy: on SQLite a batch copy drops
        # and recreates the table, and with foreign keys on, dropping agreements would
        # delete their areas and milestones (ON DELETE CASCADE).
        for key in keys:
            op.add_column(table_name, sa.Column(key, sa.Text(), nullable=False, server_default=""))
        table = _table(table_name, keys)
        if folded[table_name]:
            connection.execute(
                table.update()
                .where(table.c.id == sa.bindparam("row_id"))
                .values({key: sa.bindparam(key) for key in keys}),
                folded[table_name],
            )
        for key, (_, within, index) in keys.items():
            if index:
                op.create_index(
                    index, table_name, [*(within or ()), key], unique=within is not None
                )


def downgrade():
    for table_name, keys in reversed(list(KEYS.items())):
        for key, (_, within, index) in keys.items():
            if index:
                op.drop_index(index, table_name=table_name)
        for key in keys:
            op.drop_column(table_name, key)  # SQLite 3.35+ drops a column in place
