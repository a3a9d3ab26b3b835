"""The SQLAlchemy handle every model, service, job and command shares.

Kept apart from the Flask extensions so that an architecture contract can say precisely
that the front doors (``tracker.web``, ``tracker.api``) never touch the session: they
call services, which query and flush, and commit through ``tracker.services.transaction``.
"""

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

# Named constraints so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
