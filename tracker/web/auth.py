"""Log in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from tracker.domain.names import fold
from tracker.extensions import limiter
from tracker.models import User
from tracker.orm import db
from tracker.web.forms import TrackerForm, strip

bp = Blueprint("auth", __name__)


class LoginForm(TrackerForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(_l("Enter your email address.")), Length(max=254)],
        filters=[strip],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=1024)]
    )
    remember = BooleanField(_l("Keep me logged in on this computer"))


def _safe_next(target: str | None) -> str | None:
    """Only local paths: never send a user who just logged in to another site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def _account_key() -> str:
    return "login-account:" + fold(request.form.get("email", ""))[:254]


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])  # per client address
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key)  # per account
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email_key == fold(form.email.data)))
        if user is not None and user.active and user.check_password(form.password.data):
            next_url = _safe_next(request.args.get("next"))
            session.clear()  # no session fixation: a fresh session for the logged-in user
            login_user(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(next_url or url_for("dashboard.index"))
        # One message for every failure, so the form does not reveal who has an account.
        form.form_errors.append(_("Wrong email or password."))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
