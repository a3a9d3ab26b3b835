"""Officers' accounts."""

from __future__ import annotations

from enum import Enum

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from tracker.domain.messages import N_
from tracker.domain.names import fold
from tracker.models import NotifyMode, Role, User
from tracker.orm import db
from tracker.schemas import one_line
from tracker.services.api_tokens import revoke_token, user_tokens
from tracker.services.calendar import revoke_feed, user_feeds
from tracker.services.errors import ServiceError
from tracker.services.gate import NotFound
from tracker.services.records import apply_changes, record_audit, refuses_duplicates, snapshot
from tracker.services.sessions import end_sessions

MIN_PASSWORD_LENGTH = 12


class Unset(Enum):
    """A keyword left out, where None is a value of its own."""

    UNSET = "unset"


UNSET = Unset.UNSET


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            "The password must have at least %(min)s characters.",
            field="password",
            min=MIN_PASSWORD_LENGTH,
        )


def find_by_email(email: str) -> User | None:
    """The account with this address, in any letter case (tracker.domain.names.fold)."""
    return db.session.scalar(select(User).where(User.email_key == fold(email)))


def list_users() -> list[User]:
    """Every account, by name (for administrators)."""
    return list(db.session.scalars(select(User).order_by(User.name)))


def get_user(user_id: int) -> User:
    """One account (for administrators). Raises NotFound."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("user")
    return user


def _checked_email(email: str) -> str:
    """`email` lower-cased, on one line and shaped like an address (RFC 5321), or a
    refusal at "email": it becomes a To header, which a line break or an address the email
    package cannot parse would break."""
    email = one_line(User.email, email, field="email").lower()
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise ServiceError("Enter an email address like name@example.org.", field="email") from None
    return email


#: an account per address, in any letter case (the exact and the folded unique keys)
_EMAIL_KEYS = {
    mark: (N_("There is already an account with this email address."), "email")
    for mark in ("users.email", "users_email_key")
}


@refuses_duplicates(_EMAIL_KEYS)
def create_user(
    email: str, *, name: str, role: Role, password: str, actor: User | None = None
) -> User:
    """A new account. `name` and `email` are single-line text (names reach mail and
    calendar headers); raises ServiceError (SchemaRefusal for their shape) at the field."""
    email = _checked_email(email)
    name = one_line(User.name, name, field="name")
    if find_by_email(email) is not None:
        raise ServiceError("There is already an account for %(email)s.", field="email", email=email)
    check_password_strength(password)
    user = User(email=email, name=name, role=role)
    user.set_password(password)
    db.session.add(user)
    record_audit(
        actor,
        "user.created",
        user,
        f"Created {role} account for {email}",
        after=snapshot(user, ("email", "name", "role")),
    )
    db.session.flush()
    return user


@refuses_duplicates(_EMAIL_KEYS)
def update_user(
    user: User,
    *,
    name: str,
    email: str,
    role: Role,
    active: bool,
    password: str | None,
    actor: User,
) -> User:
    """Save an administrator's changes to an account; `name` and `email` are checked as in
    create_user. Raises ServiceError."""
    email = _checked_email(email)
    name = one_line(User.name, name, field="name")
    other = find_by_email(email)
    if other is not None and other.id != user.id:
        raise ServiceError("There is already an account for %(email)s.", field="email", email=email)
    if user.id == actor.id and (role is not Role.ADMIN or not active):
        raise ServiceError(
            "You cannot take away your own administrator role or deactivate yourself; "
            "ask another administrator.",
            field="role",
        )
    before, after = apply_changes(
        user, {"name": name, "email": email, "role": role, "active": active}
    )
    if password:
        check_password_strength(password)
        user.set_password(password)
        before["password"], after["password"] = "(hidden)", "(changed)"
        # An administrator resets a password when an account is lost or compromised: the
        # programs and calendars that hold its old secrets lose access too (the user can
        # make new ones); its sessions end with the password (User.set_password).
        for token in user_tokens(user):
            revoke_token(token, actor=actor)
        for feed in user_feeds(user):
            revoke_feed(feed, actor=actor)
    if "active" in after and not active:
        # A deactivated account's sessions end now, so reactivating it later does not
        # bring old cookies back to life (found by the adversarial check).
        end_sessions(user)
    if not after:
        return user
    record_audit(actor, "user.updated", user, f"Edited account {user.email}", before, after)
    db.session.flush()
    return user


def update_preferences(
    user: User,
    *,
    reminders_enabled: bool,
    lead_days: str,
    weekly_report_enabled: bool,
    actor: User,
    notify_mode: NotifyMode | None = None,
    language: str | None | Unset = UNSET,
) -> None:
    """Save a user's notification settings; `language` None means the browser's."""
    changes: dict[str, object] = {
        "reminders_enabled": reminders_enabled,
        "reminder_lead_days": lead_days,
        "weekly_report_enabled": weekly_report_enabled,
    }
    if notify_mode is not None:
        changes["notify_mode"] = notify_mode
    if language is not UNSET:
        changes["language"] = language
    before, after = apply_changes(user, changes)
    if not after:
        return
    whose = "their own" if actor.id == user.id else f"{user.email}'s"
    record_audit(
        actor,
        "user.preferences_updated",
        user,
        f"Changed {whose} notification settings",
        before,
        after,
    )
    db.session.flush()


def change_password(
    user: User, *, current: str, new: str, keep_session: str | None, revoke_access: bool
) -> None:
    """The user's own change. It ends every session of theirs but `keep_session` (the key
    of the one they changed it in; its cookie must be renewed, as the session version
    changed) and, with `revoke_access`, revokes their API tokens and calendar feeds, which
    someone who knew the old password may have made."""
    if not user.check_password(current):
        raise ServiceError("Your current password is not right.", field="current_password")
    check_password_strength(new)
    if current == new:
        raise ServiceError("Choose a password different from the current one.", field="password")
    user.set_password(new)
    record_audit(user, "user.password_changed", user, f"{user.email} changed their password")
    end_sessions(user, keep=keep_session)
    if revoke_access:
        for token in user_tokens(user):
            revoke_token(token, actor=user)
        for feed in user_feeds(user):
            revoke_feed(feed, actor=user)
    db.session.flush()
