"""Notification preferences: each user's own on /me; an administrator's for anyone."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from tracker import clock
from tracker.auth import role_required
from tracker.domain.reminders import CLOCK_LEAD_DAYS, format_lead_days, parse_lead_days
from tracker.i18n import LANGUAGES, translate
from tracker.labels import LABELS
from tracker.models import NotifyMode, Role, User
from tracker.schemas.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PasswordChange
from tracker.services import logins, transaction
from tracker.services.api_tokens import create_token, own_token, revoke_token, user_tokens
from tracker.services.errors import ServiceError
from tracker.services.follows import followed_by
from tracker.services.users import change_password, get_user, update_preferences
from tracker.web.following import FollowForm
from tracker.web.forms import ChoiceField, TrackerForm, strip

bp = Blueprint("preferences", __name__)


class PreferencesForm(TrackerForm):
    reminders_enabled = BooleanField(
        _l("Email me reminders of deadlines, meetings and anniversaries")
    )
    reminder_lead_days = StringField(
        _l("Remind me this many days before"),
        validators=[Length(max=100)],
        filters=[strip],
        description=_l(
            "Days before each milestone, separated by commas; 0 is the day itself. "
            "Default: 30, 7, 1, 0."
        ),
    )
    weekly_report_enabled = BooleanField(_l("Email me the weekly status report (Mondays)"))
    language = ChoiceField(
        _l("Language"),
        choices=[("", _l("The browser's language")), *LANGUAGES.items()],
        choose=_l("Choose a language from the list."),
        description=_l("Of these pages and of the emails you receive."),
    )
    notify_mode = ChoiceField(
        _l("Changes to what I follow"),
        choices=[(m.value, LABELS[m]) for m in NotifyMode],
        choose=_l("Choose at once or daily."),
        description=_l(
            "Status changes and new, moved or completed milestones of the agreements, "
            "tracks and bodies you follow."
        ),
    )

    def validate_reminder_lead_days(self, field: StringField) -> None:
        try:
            parse_lead_days(field.data or "")
        except ValueError as exc:
            raise ValidationError(translate(exc.args[0])) from exc


class PasswordForm(TrackerForm):
    # The new password's length is PasswordChange's (the same as an account's).
    schema = PasswordChange

    current_password = PasswordField(
        _l("Current password"),
        validators=[
            DataRequired(_l("Enter your current password.")),
            Length(max=MAX_PASSWORD_LENGTH),
        ],
    )
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Enter a new password."))],
        description=_l(
            "At least %(min)s characters. You stay logged in here; "
            "every other session of yours is logged out.",
            min=MIN_PASSWORD_LENGTH,
        ),
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(_l("Enter the new password again.")),
            EqualTo("password", message=_l("The two new passwords differ.")),
        ],
    )
    revoke_access = BooleanField(
        _l("Also revoke my API tokens and calendar feeds"),
        default=True,
        description=_l(
            "Anyone who knew the old password may have made some. Programs and calendars "
            "that use them stop working until you make new ones."
        ),
    )


@bp.route("/me/password", methods=["GET", "POST"])
def change_password_view() -> Any:
    form = PasswordForm()
    code = 200
    if form.validate_on_submit():
        if not _current_password_checked(form):
            code = 429 if form.form_errors else 422
        else:
            try:
                change_password(
                    current_user,
                    current=form.current_password.data,
                    new=form.password.data,
                    keep_session=current_user.login_key,
                    revoke_access=form.revoke_access.data,
                )
            except ServiceError as error:
                transaction.roll_back()
                form.add_error(error)
            else:
                # This session carries on (its cookies renewed for the new session
                # version), remembered if it was.
                remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
                login_user(current_user._get_current_object(), remember=remember in request.cookies)
                flash(_("Password changed. Your other sessions are logged out."), "success")
                return redirect(url_for(".me"))
    if code == 200 and form.has_errors:
        code = 422
    return render_template("preferences/password.html", form=form), code


def _current_password_checked(form: PasswordForm) -> bool:
    """Whether the current password typed is the user's, counted like a login: a wrong one
    is a failed login of this account from this address (tracker.services.logins), so a
    session left open cannot be used to guess the password past the login's throttle
    (found by the adversarial check). False with the form's message otherwise."""
    try:
        attempt = logins.begin_attempt(
            current_user.email, address=request.remote_addr or "", now=clock.now_utc()
        )
    except logins.LoginDelayed as delayed:
        form.form_errors.append(
            ngettext(
                "Too many failed logins from your address. Wait %(num)s minute, then try again.",
                "Too many failed logins from your address. Wait %(num)s minutes, then try again.",
                delayed.minutes,
            )
        )
        return False
    transaction.commit()  # counted before the slow check, as a login is
    if logins.finish_attempt(attempt, form.current_password.data) is None:
        form.current_password.errors = [
            *form.current_password.errors,
            _("Your current password is not right."),
        ]
        return False
    return True


def _edit(user: User, action: str) -> Any:
    if request.method == "POST":
        # A form without the field (an older page) keeps the user's choice.
        form = PreferencesForm(notify_mode=user.notify_mode.value, language=user.language or "")
    else:
        form = PreferencesForm(formdata=None, obj=user)
        form.notify_mode.data = user.notify_mode.value
        form.language.data = user.language or ""
    if form.validate_on_submit():
        update_preferences(
            user,
            reminders_enabled=form.reminders_enabled.data,
            lead_days=format_lead_days(parse_lead_days(form.reminder_lead_days.data)),
            weekly_report_enabled=form.weekly_report_enabled.data,
            notify_mode=NotifyMode(form.notify_mode.data),
            language=form.language.data or None,
            actor=current_user,
        )
        flash(_("Notification settings saved."), "success")
        return redirect(action)
    code = 422 if form.has_errors else 200
    return render_template(
        "preferences/edit.html",
        form=form,
        user=user,
        action=action,
        followed=followed_by(user),
        unfollow_form=FollowForm(),
        clock_lead_days=CLOCK_LEAD_DAYS,
    ), code


@bp.route("/me", methods=["GET", "POST"])
def me() -> Any:
    return _edit(current_user, url_for(".me"))


@bp.route("/admin/users/<int:user_id>/preferences", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def for_user(user_id: int) -> Any:
    user = get_user(user_id)
    return _edit(user, url_for(".for_user", user_id=user.id))


class ApiTokenForm(TrackerForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Give the token a name.")), Length(max=100)],
        filters=[strip],
        description=_l("What will use it, e.g. “ministry spreadsheet sync”."),
    )


class RevokeForm(TrackerForm):
    """Only the CSRF token."""


@bp.route("/me/tokens", methods=["GET", "POST"])
def api_tokens() -> Any:
    form = ApiTokenForm()
    new_token = None
    if form.validate_on_submit():
        try:
            _api_token, new_token = create_token(current_user, form.name.data)
        except ServiceError as error:
            transaction.roll_back()
            form.add_error(error)
        else:
            form = ApiTokenForm(formdata=None)
    code = 422 if form.has_errors else (201 if new_token else 200)
    return render_template(
        "preferences/tokens.html",
        form=form,
        revoke_form=RevokeForm(),
        tokens=user_tokens(current_user),
        new_token=new_token,  # shown in this response only: only its hash is kept
    ), code


@bp.route("/me/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_api_token(token_id: int) -> Any:
    api_token = own_token(current_user, token_id)
    if not RevokeForm().validate_on_submit():
        abort(400)
    revoke_token(api_token, actor=current_user)
    flash(_("Token “%(name)s” revoked: it no longer works.", name=api_token.name), "success")
    return redirect(url_for(".api_tokens"))
