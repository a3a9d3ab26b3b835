"""Checking a login: the password, and the failures counted in the database so that every
gunicorn worker sees them (issue 14 #10). Flask-Limiter still limits the request rate
(tracker.web.auth); this is the count that holds whatever its storage.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select, text
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.domain.logins import COUNTING_WINDOW, wait_before_next_login
from tracker.domain.names import fold
from tracker.models import FailedLogin, User
from tracker.orm import db
from tracker.services.users import find_by_email


class LoginDelayed(Exception):
    """Too many recent failures from this address (for this email, or for any): the
    attempt was not checked. `minutes` is the wait, rounded up."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(wait)
        self.minutes = max(1, math.ceil(wait.total_seconds() / 60))


@cache
def _unknown_account_hash() -> str:
    """A hash of nothing anyone knows, checked when no account has the email, so that a
    failed login takes the same work whether or not the account exists."""
    return generate_password_hash(secrets.token_hex(16), method="scrypt")


def email_key(email: str) -> str:
    """The submitted email as failures are counted: trimmed, case-folded, at most 254."""
    return fold(email)[:254]


@dataclass(frozen=True)
class Attempt:
    """A login attempt counted as a failure until its password proves right."""

    key: str
    address: str
    email: str


def _serialise_attempts_from(address: str) -> None:
    """Take the lock that makes one address's attempts count one after another.

    Counting and recording an attempt must be one step, or parallel attempts (in any
    worker) all read the same count and are all answered. PostgreSQL: a transaction-level
    advisory lock on the address. SQLite: the write lock, taken at once (BEGIN IMMEDIATE;
    a read first could not be upgraded after another writer's commit).
    """
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"login:{address}"}
        )
    elif connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if not raw.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def begin_attempt(email: str, *, address: str, now: datetime) -> Attempt:
    """Count a login attempt before its password is checked, as a failure until
    finish_attempt() says otherwise.

    The boundary commits it before calling finish_attempt(), so parallel attempts from
    the same address, in any worker, see it. Raises LoginDelayed, recording nothing,
    while the failures of this (email, address) pair or of this address ask for a wait
    (tracker.domain.logins).
    """
    key, address = email_key(email), address[:64]
    since = now - COUNTING_WINDOW
    _serialise_attempts_from(address)
    recent = select(func.count(FailedLogin.id), func.max(FailedLogin.at)).where(
        FailedLogin.address == address, FailedLogin.at >= since
    )
    pair_failures, pair_last = db.session.execute(recent.where(FailedLogin.email == key)).one()
    address_failures, address_last = db.session.execute(recent).one()
    wait = wait_before_next_login(
        pair_failures=pair_failures,
        pair_last=pair_last,
        address_failures=address_failures,
        address_last=address_last,
        now=now,
    )
    if wait > timedelta(0):
        raise LoginDelayed(wait)
    db.session.add(FailedLogin(email=key, address=address, at=now))
    db.session.execute(delete(FailedLogin).where(FailedLogin.at < since))  # forgotten
    db.session.flush()
    return Attempt(key, address, email)


def finish_attempt(attempt: Attempt, password: str) -> User | None:
    """The active user the attempt names, if `password` is theirs (their pair's failures,
    this attempt's too, are then forgotten); None otherwise (the attempt stays counted).

    Unknown, inactive and real accounts take the same work and get the same answer."""
    user = find_by_email(attempt.email)
    stored = user.password_hash if user is not None else _unknown_account_hash()
    if check_password_hash(stored, password) and user is not None and user.active:
        db.session.execute(
            delete(FailedLogin).where(
                FailedLogin.email == attempt.key, FailedLogin.address == attempt.address
            )
        )
        db.session.flush()
        return user
    return None
