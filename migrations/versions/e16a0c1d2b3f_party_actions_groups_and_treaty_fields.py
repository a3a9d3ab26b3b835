"""party actions, party groups and the agreement's treaty fields (issue 16)

Every Party's acts under an agreement become rows of party_actions; the ratification
matrix is derived from them. The dates each ratifications row held move into actions
without loss: signed_on -> signature subject to ratification (a signature in the matrix
did not count as ratified), notified_on -> notification of completion of procedures,
deposited_on -> ratification (the instrument deposited), provisionally_applied_on ->
provisional application. ratifications keeps the party row and expected_by, now "the
expected date of the party's next step". Downgrade puts the first dated act of each kind
back into the four columns (acts the old matrix had no column for are dropped with their
table).

Agreements gain depositary, authentic languages, place of deposit and official
publication reference; party_groups (with members) group Parties such as "EU Member
States".

Revision ID: e16a0c1d2b3f
Revises: e1f4b6c8d0a2
Create Date: 2026-11-30 19:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e16a0c1d2b3f'
down_revision = 'e1f4b6c8d0a2'
branch_labels = None
depends_on = None

#: the old matrix column, and the kind of act it becomes (and comes back from)
COLUMNS = {
    'signed_on': ('signature_subject_to_ratification', ('signature', 'signature_subject_to_ratification')),
    'notified_on': ('notification_of_completion', ('notification_of_completion',)),
    'deposited_on': ('ratification', ('ratification', 'acceptance', 'approval', 'accession')),
    'provisionally_applied_on': ('provisional_application', ('provisional_application',)),
}
KIND_LENGTH = 40


def upgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('depositary', sa.String(300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('authentic_languages', sa.String(500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('place_of_deposit', sa.String(300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('publication_ref', sa.String(300), nullable=False, server_default=''))

    op.create_table(
        'party_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_party_groups')),
        sa.UniqueConstraint('name', name=op.f('uq_party_groups_name')),
    )
    op.create_table(
        'party_group_members',
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('party_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['group_id'], ['party_groups.id'], ondelete='CASCADE',
                                name=op.f('fk_party_group_members_group_id_party_groups')),
        sa.ForeignKeyConstraint(['party_id'], ['parties.id'], ondelete='CASCADE',
                                name=op.f('fk_party_group_members_party_id_parties')),
        sa.PrimaryKeyConstraint('group_id', 'party_id', name=op.f('pk_party_group_members')),
    )

    # The acts are stashed in a plain table first: on SQLite, dropping the old columns
    # rebuilds ratifications, and a table with a cascading key to it would lose its rows.
    op.create_table(
        'party_actions_moving',
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('party_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(KIND_LENGTH), nullable=False),
        sa.Column('on', sa.Date(), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
    )
    connection = op.get_bind()
    for position, (column, (kind, _)) in enumerate(COLUMNS.items()):
        connection.execute(
            sa.text(
                'INSERT INTO party_actions_moving (agreement_id, party_id, kind, "on", position) '
                f'SELECT agreement_id, party_id, :kind, {column}, id * 4 + {position} '
                f'FROM ratifications WHERE {column} IS NOT NULL'
            ),
            {'kind': kind},
        )
    with op.batch_alter_table('ratifications', schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_column(column)

    op.create_table(
        'party_actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('party_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(KIND_LENGTH), nullable=False),
        sa.Column('on', sa.Date(), nullable=True),
        sa.Column('effective_on', sa.Date(), nullable=True),
        sa.Column('instrument_ref', sa.String(300), nullable=False, server_default=''),
        sa.Column('notification_ref', sa.String(300), nullable=False, server_default=''),
        sa.Column('note', sa.Text(), nullable=False, server_default=''),
        sa.Column('document_url', sa.String(500), nullable=False, server_default=''),
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['agreement_id', 'party_id'],
            ['ratifications.agreement_id', 'ratifications.party_id'],
            name='fk_party_actions_party_row',
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_party_actions')),
    )
    op.create_index('ix_party_actions_agreement_party', 'party_actions', ['agreement_id', 'party_id'])
    connection.execute(
        sa.text(
            'INSERT INTO party_actions (agreement_id, party_id, kind, "on", created_at, '
            'updated_at) SELECT agreement_id, party_id, kind, "on", CURRENT_TIMESTAMP, '
            'CURRENT_TIMESTAMP FROM party_actions_moving ORDER BY position'
        )
    )
    op.drop_table('party_actions_moving')


def downgrade():
    with op.batch_alter_table('ratifications', schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Date(), nullable=True))
    connection = op.get_bind()
    for column, (_, kinds) in COLUMNS.items():
        first = sa.text(
            f'UPDATE ratifications SET {column} = (SELECT MIN(a."on") FROM party_actions a '
            'WHERE a.agreement_id = ratifications.agreement_id '
            'AND a.party_id = ratifications.party_id AND a.kind IN :kinds)'
        ).bindparams(sa.bindparam('kinds', expanding=True))
        connection.execute(first, {'kinds': list(kinds)})
    op.drop_index('ix_party_actions_agreement_party', table_name='party_actions')
    op.drop_table('party_actions')
    op.drop_table('party_group_members')
    op.drop_table('party_groups')
    # ALTER TABLE ... DROP COLUMN itself (SQLite 3.35+, PostgreSQL): a batch rebuild of
    # agreements would drop the table, and the cascade would empty ratifications on SQLite.
    for column in ('publication_ref', 'place_of_deposit', 'authentic_languages', 'depositary'):
        op.execute(f'ALTER TABLE agreements DROP COLUMN {column}')
