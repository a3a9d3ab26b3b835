"""Logins kept on the server: each browser's session, and failed attempts to log in."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.models.types import UTCDateTime
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.user import User


class LoginSession(db.Model):
    """One browser's login. Its key is part of the session and remember-me cookies (only
    its SHA-256 is kept here); deleting the row ends both on the server, so a copy of
    either cookie is refused after a logout (tracker.services.sessions)."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: noted at most every few minutes; a session unused for longer than the remember-me
    #: lifetime has ended
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    user: Mapped[User] = relationship()


class FailedLogin(db.Model):
    """A login refused for a wrong email or password, counted where every worker sees it
    (tracker.services.logins). The email is as submitted (case-folded), whether or not an
    account has it."""

    __tablename__ = "failed_logins"
    __table_args__ = (
        Index("ix_failed_logins_email_address_at", "email", "address", "at"),
        Index("ix_failed_logins_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    #: the client's address as the app sees it (after ProxyFix)
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
