"""Log in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
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
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from tracker import clock
from tracker.auth import session_lifetime
from tracker.extensions import limiter
from tracker.services import logins, sessions, transaction
from tracker.web.forms import TrackerForm, strip
from tracker.web.resubmit import DRAFT_KEY

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


class ButtonForm(TrackerForm):
    """Only the CSRF token."""


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


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@bp.route("/login", methods=["GET", "POST"])
# The request rate per client address; failed logins themselves are counted in the
# database (tracker.services.logins), which every worker sees. No limit per account: it
# would let anyone lock a known officer out.
@limiter.limit(_login_limit, methods=["POST"])
def login() -> tuple[str, int] | Response:
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    code = 200  # a wrong password is an answer, not an error: its failure is kept
    if form.validate_on_submit():
        try:
            attempt = logins.begin_attempt(
                form.email.data, address=request.remote_addr or "", now=clock.now_utc()
            )
        except logins.LoginDelayed as delayed:
            code = 429
            form.form_errors.append(
                ngettext(
                    "Too many failed logins from your address. Wait %(num)s minute, "
                    "then try again.",
                    "Too many failed logins from your address. Wait %(num)s minutes, "
                    "then try again.",
                    delayed.minutes,
                )
            )
        else:
            # Counted (and seen by every worker) before the slow password check, so
            # that parallel guesses cannot all read the same count.
            transaction.commit()
            user = logins.finish_attempt(attempt, form.password.data)
            if user is not None:
                next_url = _safe_next(request.args.get("next"))
                draft = session.get(DRAFT_KEY)  # a form kept over this login
                session.clear()  # no session fixation: a fresh session for the logged-in user
                if draft:
                    session[DRAFT_KEY] = draft
                sessions.start_session(user, now=clock.now_utc(), lifetime=session_lifetime())
                login_user(user, remember=form.remember.data)
                flash(_("Welcome, %(name)s.", name=user.name), "success")
                return redirect(next_url or url_for("dashboard.index"))
            # One message for every failure, so the form does not reveal who has an account.
            form.form_errors.append(_("Wrong email or password."))
    return render_template("auth/login.html", form=form), code


def _log_out_this_browser() -> None:
    """Forget the login in this browser: its session, and its remember-me cookie (which
    the server refuses already). Flask-Login marks the cookie for removal in the session;
    the session is cleared here (no session fixation), so the mark is set again."""
    logout_user()
    session.clear()
    session["_remember"] = "clear"  # Flask-Login deletes the remember-me cookie on the answer


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """End this browser's session on the server too: a copy of its session or
    remember-me cookie is refused afterwards."""
    if not ButtonForm().validate_on_submit():
        abort(400)  # (the CSRF check has refused it already, unless it is resubmitted)
    sessions.end_session(current_user.login_key)
    _log_out_this_browser()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/logout/everywhere", methods=["POST"])
def logout_everywhere() -> Response:
    """End every session of this user, on every computer and phone."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    sessions.end_sessions(current_user._get_current_object())
    _log_out_this_browser()
    flash(_("You are logged out on every computer and phone."), "info")
    return redirect(url_for("auth.login"))
