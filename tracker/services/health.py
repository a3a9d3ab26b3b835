"""Whether the database answers: for the health check that load balancers poll."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tracker.orm import db


def database_reachable() -> bool:
    """True if the database answers `SELECT 1`; False (the session rolled back, so the
    next request starts clean) on any database error."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True
