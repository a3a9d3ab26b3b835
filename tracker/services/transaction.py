"""The boundary's two words to the session: commit what the services flushed, or roll it
back. The services only flush; the request (web and API), the job runner and each CLI
command end their unit of work here, so a multi-part change is all or nothing."""

from __future__ import annotations

from tracker.orm import db


def commit() -> None:
    """Commit the unit of work the services flushed (raises what the database raises)."""
    db.session.commit()


def roll_back() -> None:
    """Discard everything flushed since the last commit (after a refusal or an error)."""
    db.session.rollback()
