"""Personal API tokens: created and revoked by their owner, stored as a SHA-256 only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from tracker import clock
from tracker.models import ApiToken, User
from tracker.orm import db
from tracker.schemas import one_line
from tracker.services.errors import ServiceError
from tracker.services.gate import NotFound
from tracker.services.records import record_audit
from tracker.services.tokens import hash_token, new_token

#: tokens start with this, so a leaked one is recognisable in logs and secret scanners
TOKEN_PREFIX = "acc_"  # noqa: S105  (a prefix, not a secret)


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name:
        raise ServiceError("Give the token a name, e.g. what will use it.", field="name")
    name = one_line(ApiToken.name, name, field="name")  # it names the token in lists and mail
    token = new_token(TOKEN_PREFIX)
    api_token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(token))
    db.session.add(api_token)
    record_audit(user, "api_token.created", api_token, f"Created API token “{name[:100]}”")
    db.session.flush()
    return api_token, token


def revoke_token(api_token: ApiToken, *, actor: User) -> None:
    if api_token.revoked_at is not None:
        return
    api_token.revoked_at = clock.now_utc()
    record_audit(actor, "api_token.revoked", api_token, f"Revoked API token “{api_token.name}”")
    db.session.flush()


def own_token(user: User, token_id: int) -> ApiToken:
    """One of the user's own tokens (revoked ones too). Raises NotFound for another's."""
    api_token = db.session.get(ApiToken, token_id)
    if api_token is None or api_token.user_id != user.id:
        raise NotFound("API token")
    return api_token


def user_tokens(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.id)
        )
    )


def user_for_token(token: str, now: datetime) -> User | None:
    """The active user a live token belongs to, or None; notes when it was last used."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    api_token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if api_token is None or api_token.revoked_at is not None or not api_token.user.active:
        return None
    # At most one write a minute per token: a busy client must not turn reads into writes.
    if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
        api_token.last_used_at = now
        db.session.flush()
    return api_token.user
