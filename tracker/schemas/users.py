"""What a valid account is: the person's name and address, their role, whether they may
log in, and a password that is long enough."""

from __future__ import annotations

from typing import Annotated, ClassVar

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from tracker.models import Role, User
from tracker.schemas.base import Schema, line

#: NIST SP 800-63B asks for at least 8; officers' accounts hold restricted negotiation
#: records, so 12. The upper bound keeps scrypt's work per attempt bounded.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024


def _email_address(value: str) -> str:
    # The address becomes a To header: a shape the email package cannot parse would
    # break every mail to it (RFC 5321 syntax; deliverability is not checked offline).
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise PydanticCustomError("email_address", "not an email address") from None
    return value.lower()


def _password_length(value: str) -> str:
    if len(value) < MIN_PASSWORD_LENGTH:
        raise PydanticCustomError(
            "password_too_short", "too short", {"min_length": MIN_PASSWORD_LENGTH}
        )
    return value


#: an address on one line, as long as the column allows, lower-cased
EmailAddress = Annotated[line(User.email, required=True), AfterValidator(_email_address)]  # type: ignore[misc]
#: a password of MIN_PASSWORD_LENGTH to MAX_PASSWORD_LENGTH characters (any characters)
Password = Annotated[
    str, StringConstraints(max_length=MAX_PASSWORD_LENGTH), AfterValidator(_password_length)
]


class UserInput(Schema):
    """An account as an administrator creates or edits it. `password` None keeps the
    current one (an edit); a new account needs one (UserInput.for_new_account)."""

    name: line(User.name, required=True)  # type: ignore[valid-type]
    email: EmailAddress
    role: Role = Role.OFFICER
    active: bool = True
    password: Password | None = None

    FIELDS: ClassVar[tuple[str, ...]] = ("name", "email", "role", "active", "password")

    # Passwords are never stripped: a space at either end is part of what was chosen.
    model_config = Schema.model_config | {"str_strip_whitespace": False}


class NewUserInput(UserInput):
    """A new account: as UserInput, with a password."""

    password: Password


class PasswordChange(Schema):
    """A user's new password, as an account's."""

    password: Password

    model_config = Schema.model_config | {"str_strip_whitespace": False}
