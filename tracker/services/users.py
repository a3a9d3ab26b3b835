"""Officers' accounts."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select

from tracker.domain.messages import N_
from tracker.domain.names import fold
from tracker.models import NotifyMode, Role, User
from tracker.orm import db
from tracker.schemas import SchemaRefusal, refusals_of
from tracker.schemas.users import NewUserInput, Password, UserInput
from tracker.services.api_tokens import revoke_token, user_tokens
from tracker.services.calendar import revoke_feed, user_feeds
from tracker.services.errors import ServiceError
from tracker.services.gate import NotFound
from tracker.services.owners import check_owner_role
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    refuses_duplicates,
    snapshot,
)
from tracker.services.sessions import end_sessions


class Unset(Enum):
    """A keyword left out, where None is a value of its own."""

    UNSET = "unset"


UNSET = Unset.UNSET


def check_password_strength(password: str) -> None:
    """Refuse a password UserInput would refuse (MIN_PASSWORD_LENGTH to
    MAX_PASSWORD_LENGTH characters). Raises SchemaRefusal at "password"."""
    try:
        TypeAdapter(Password).validate_python(password)
    except ValidationError as error:
        raise SchemaRefusal(refusals_of(UserInput, error, field="password")) from None


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


#: an account per address, in any letter case (the exact and the folded unique keys)
_EMAIL_KEYS = {
    mark: (N_("There is already an account with this email address."), "email")
    for mark in ("users.email", "users_email_key")
}


def _refuse_taken_email(email: str, user: User | None = None) -> None:
    other = find_by_email(email)
    if other is not None and other is not user:
        raise ServiceError("There is already an account for %(email)s.", field="email", email=email)


@refuses_duplicates(_EMAIL_KEYS)
def create_user(data: NewUserInput | Mapping[str, Any], *, actor: User | None = None) -> User:
    """A new account from `data` (NewUserInput: name and email on one line, as they reach
    mail and calendar headers; a password of at least MIN_PASSWORD_LENGTH characters).

    Raises SchemaRefusal (a message per field) or ServiceError (the address is taken)."""
    data = NewUserInput.of(data)
    _refuse_taken_email(data.email)
    user = User(email=data.email, name=data.name, role=data.role, active=data.active)
    user.set_password(data.password)
    db.session.add(user)
    record_audit(
        actor,
        "user.created",
        user,
        f"Created {data.role} account for {data.email}",
        after=snapshot(user, ("email", "name", "role", "active")),
    )
    db.session.flush()
    return user


@detects_conflicts("account")
@refuses_duplicates(_EMAIL_KEYS)
def update_user(
    user: User,
    data: UserInput | Mapping[str, Any],
    *,
    expected_version: int | None,
    actor: User,
) -> User:
    """Save an administrator's changes to an account (UserInput; a password None keeps the
    current one). A new password ends the account's sessions and revokes its API tokens
    and calendar feeds; deactivating it ends its sessions.

    Raises SchemaRefusal, ServiceError, ConflictError when `expected_version` is not the
    stored one (or is None)."""
    check_version(user, expected_version, "account")
    data = UserInput.of(data)
    _refuse_taken_email(data.email, user)
    if user.id == actor.id and (data.role is not Role.ADMIN or not data.active):
        raise ServiceError(
            "You cannot take away your own administrator role or deactivate yourself; "
            "ask another administrator.",
            field="role",
        )
    before, after = apply_changes(
        user, {"name": data.name, "email": data.email, "role": data.role, "active": data.active}
    )
    if "role" in after:
        check_owner_role(user)  # an owner must be able to own and see their open work
    if data.password:
        user.set_password(data.password)
        before["password"], after["password"] = "(hidden)", "(changed)"
        # An administrator resets a password when an account is lost or compromised: the
        # programs and calendars that hold its old secrets lose access too (the user can
        # make new ones); its sessions end with the password (User.set_password).
        for token in user_tokens(user):
            revoke_token(token, actor=actor)
        for feed in user_feeds(user):
            revoke_feed(feed, actor=actor)
    if "active" in after and not data.active:
        # A deactivated account's sessions end now, so reactivating it later does not
        # bring old cookies back to life (found by the adversarial check).
        end_sessions(user)
    if not after:
        return user
    record_audit(actor, "user.updated", user, f"Edited account {user.email}", before, after)
    db.session.flush()
    return user


@detects_conflicts("account")
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


@detects_conflicts("account")
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
