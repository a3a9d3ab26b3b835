"""Login sessions kept on the server (issue 14 #9).

Each login gets a random key. The key, with the user's id and session version, is the
identity Flask-Login keeps in the session cookie and in the remember-me cookie
(User.get_id); the server keeps its SHA-256 in a LoginSession row and accepts a cookie
only while that row exists. Logging out deletes this browser's row, "log out everywhere"
every row of the user, and a password change every row but the current one, so copies of
either cookie are refused afterwards. A remember-me cookie is not bound to an address
(officers move between office, VPN and phone): its protection is that it can be revoked.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from tracker.models import LoginSession, User
from tracker.orm import db
from tracker.services.tokens import hash_token, new_token

#: how often a session's last use is written (a read should not write each time)
LAST_SEEN_EVERY = timedelta(minutes=10)


def start_session(user: User, *, now: datetime, lifetime: timedelta) -> str:
    """A new session for `user`; its key (returned) is never stored. Sessions of the
    user unused for longer than `lifetime` are deleted on the way."""
    db.session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.last_seen_at < now - lifetime
        )
    )
    key = new_token()
    db.session.add(
        LoginSession(user_id=user.id, key_hash=hash_token(key), created_at=now, last_seen_at=now)
    )
    db.session.flush()
    user.login_key = key
    return key


def session_user(
    user_id: int, version: int, key: str, *, now: datetime, lifetime: timedelta
) -> User | None:
    """The active user of a live session, or None: a session ended by logout, by "log out
    everywhere" or by a password change (the version), or unused for `lifetime`."""
    row = db.session.scalar(select(LoginSession).where(LoginSession.key_hash == hash_token(key)))
    if row is None or row.user_id != user_id or row.last_seen_at < now - lifetime:
        return None
    user = row.user
    if not user.active or user.session_version != version:
        return None
    if now - row.last_seen_at > LAST_SEEN_EVERY:
        row.last_seen_at = now
        db.session.flush()
    user.login_key = key
    return user


def end_session(key: str | None) -> None:
    """End one browser's session (logout); an unknown key is ignored."""
    if key:
        db.session.execute(delete(LoginSession).where(LoginSession.key_hash == hash_token(key)))
        db.session.flush()


def end_sessions(user: User, *, keep: str | None = None) -> None:
    """End every session of `user`, but the one whose key is `keep` if given."""
    query = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        query = query.where(LoginSession.key_hash != hash_token(keep))
    db.session.execute(query)
    db.session.flush()
