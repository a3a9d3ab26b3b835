"""Officers' accounts."""

from __future__ import annotations

from enum import Enum

from sqlalchemy import select

from tracker.domain.messages import N_
from tracker.domain.names import fold
from tracker.models import NotifyMode, Role, User
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.records import apply_changes, record_audit, refuses_duplicates, snapshot

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


#: an account per address, in any letter case (the exact and the folded unique keys)
_EMAIL_KEYS = {
    mark: (N_("There is already an account with this email address."), "email")
    for mark in ("users.email", "users_email_key")
}


@refuses_duplicates(_EMAIL_KEYS)
def create_user(
    email: str, *, name: str, role: Role, password: str, actor: User | None = None
) -> User:
    email = email.strip().lower()
    if find_by_email(email) is not None:
        raise ServiceError("There is already an account for %(email)s.", field="email", email=email)
    check_password_strength(password)
    user = User(email=email, name=name.strip(), role=role)
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
    email = email.strip().lower()
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
        user, {"name": name.strip(), "email": email, "role": role, "active": active}
    )
    if password:
        check_password_strength(password)
        user.set_password(password)
        before["password"], after["password"] = "(hidden)", "(changed)"
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


def change_password(user: User, *, current: str, new: str) -> None:
    """The user's own change: it ends every other session of theirs (see User.get_id)."""
    if not user.check_password(current):
        raise ServiceError("Your current password is not right.", field="current_password")
    check_password_strength(new)
    if current == new:
        raise ServiceError("Choose a password different from the current one.", field="password")
    user.set_password(new)
    record_audit(user, "user.password_changed", user, f"{user.email} changed their password")
    db.session.flush()
