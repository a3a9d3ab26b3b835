"""Login and roles: Flask-Login for sessions, one decorator for roles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from flask_babel import gettext
from flask_login import current_user

from tracker import clock
from tracker.domain.messages import N_
from tracker.extensions import login_manager
from tracker.models import Role, User
from tracker.services import sessions

F = TypeVar("F", bound=Callable[..., Any])

#: endpoints open without a login
#: (calendar feeds are opened by calendar clients, which cannot log in: their URL's secret
#: token is the key, checked by the view)
PUBLIC_ENDPOINTS = frozenset({"auth.login", "health.healthz", "static", "calendar.feed"})


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # Said in the reader's language when Flask-Login flashes it (the English stays the key).
    login_manager.login_message = N_("Please log in to see this page.")
    login_manager.localize_callback = gettext
    login_manager.login_message_category = "info"
    # Not "strong": that drops a session restored from the remember-me cookie on its
    # second request, and any session whose address changes (office, VPN, phone). A
    # session is protected by being checked against the server on every request and
    # ended there (tracker.services.sessions); "basic" only marks a moved one not fresh.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        identity = parse_identity(session_id)
        if identity is None:
            return None
        user_id, version, key = identity
        return sessions.session_user(
            user_id, version, key, now=clock.now_utc(), lifetime=session_lifetime()
        )

    @app.before_request
    def require_login() -> Any:
        # Login is the default for every route, so a new view cannot forget it.
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return None
        if request.blueprint == "api":
            return None  # the API checks its own bearer tokens (tracker.api.views)
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return None


def parse_identity(session_id: str) -> tuple[int, int, str] | None:
    """The (user id, session version, session key) a login cookie names as
    "user.version.key" (User.get_id), or None when it is not of that shape."""
    user_id, version, key = (session_id.split(".", 2) + ["", ""])[:3]
    if not (f"{user_id}{version}".isascii() and user_id.isdigit() and version.isdigit()):
        return None
    if not key or len(user_id) > 10 or len(version) > 10:
        return None
    return int(user_id), int(version), key


def session_lifetime() -> timedelta:
    """How long an unused login session lasts: the remember-me cookie's lifetime."""
    duration = current_app.config["REMEMBER_COOKIE_DURATION"]
    return duration if isinstance(duration, timedelta) else timedelta(seconds=int(duration))


def role_required(role: Role) -> Callable[[F], F]:
    """403 unless the logged-in user has at least this role (viewer < officer < admin)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role  # type: ignore[attr-defined]  # read by the permission tests
        return wrapped  # type: ignore[return-value]

    return decorator
