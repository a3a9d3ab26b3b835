"""Checking a login: the password, and the failures counted in the database so that every
gunicorn worker sees them (issue 14 #10). Flask-Limiter still limits the request rate
(tracker.web.auth); this is the count that holds whatever its storage.
"""

from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select
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


def authenticate(email: str, password: str, *, address: str, now: datetime) -> User | None:
    """The active user with this email and password, or None (the failure is recorded).

    Raises LoginDelayed, without checking anything, while the failures of this
    (email, address) pair or of this address ask for a wait
    (tracker.domain.logins). Unknown, inactive and real accounts are answered alike.
    """
    key, address = email_key(email), address[:64]
    since = now - COUNTING_WINDOW
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

    user = find_by_email(email)
    stored = user.password_hash if user is not None else _unknown_account_hash()
    if check_password_hash(stored, password) and user is not None and user.active:
        db.session.execute(
            delete(FailedLogin).where(FailedLogin.email == key, FailedLogin.address == address)
        )
        db.session.flush()
        return user
    db.session.add(FailedLogin(email=key, address=address, at=now))
    db.session.execute(delete(FailedLogin).where(FailedLogin.at < since))  # forgotten
    db.session.flush()
    return None
