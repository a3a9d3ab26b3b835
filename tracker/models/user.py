from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.clock import now_utc
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

DEFAULT_LEAD_DAYS = (30, 7, 1, 0)


class NotifyMode(StrEnum):
    """How a user hears about what they follow."""

    IMMEDIATE = "immediate"
    DAILY = "daily"

    @property
    def label(self) -> str:
        return (
            "At once, one email per change"
            if self is NotifyMode.IMMEDIATE
            else ("In a daily digest")
        )


class Role(StrEnum):
    VIEWER = "viewer"
    OFFICER = "officer"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (Index("uq_users_email_key", "email_key", unique=True),)
    __folded__ = {"email_key": ("email",)}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    #: the address folded (tracker.domain.names): one account per address in any case,
    #: also for addresses in Cyrillic (internationalised mail, RFC 6531)
    email_key: Mapped[str] = mapped_column(Text, server_default="")
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.VIEWER, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    #: a deactivated user cannot log in but stays in history and audit
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: part of the login session's identity: changing it (on any password change) ends
    #: every session and remember-me cookie of this user that was not renewed with it
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    #: notification preferences
    reminders_enabled: Mapped[bool] = mapped_column(default=True)
    reminder_lead_days: Mapped[str] = mapped_column(
        String(100), default=", ".join(str(d) for d in DEFAULT_LEAD_DAYS)
    )
    weekly_report_enabled: Mapped[bool] = mapped_column(default=True)
    notify_mode: Mapped[NotifyMode] = mapped_column(
        str_enum(NotifyMode), default=NotifyMode.IMMEDIATE, server_default="immediate"
    )
    #: "en", "ru" or "kk" (tracker.i18n.LANGUAGES); none: the browser's, and English in mail
    language: Mapped[str | None] = mapped_column(String(8))
    #: lost-update protection for edits of the account (tracker.services.users)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    #: the key of the login session this object was loaded for (not a column: set by
    #: tracker.services.sessions, part of get_id)
    login_key = None  # type: str | None

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_version = (self.session_version or 0) + 1

    def get_id(self) -> str:
        """Flask-Login's identity of this login: "<user id>.<session version>.<session
        key>", kept in the session and remember-me cookies and checked against the
        database on every request (tracker.services.sessions)."""
        return f"{self.id}.{self.session_version}.{self.login_key or ''}"

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def has_role(self, role: Role) -> bool:
        return self.role.rank >= role.rank

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def can_edit(self) -> bool:
        return self.has_role(Role.OFFICER)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
