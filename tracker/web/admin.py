"""Administration: users and the audit log."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired

from tracker import clock
from tracker.auth import role_required
from tracker.i18n import translate
from tracker.labels import LABELS
from tracker.models import OutboxStatus, Role
from tracker.schemas import max_length
from tracker.schemas.users import MIN_PASSWORD_LENGTH, NewUserInput, UserInput
from tracker.services import transaction
from tracker.services.audit import OBJECT_TYPES, audit_log, record_names
from tracker.services.consistency import contradictions_page
from tracker.services.errors import ServiceError
from tracker.services.handover import hand_over_work, handover_preview
from tracker.services.outbox import get_message, outbox_page, retry_failed_message
from tracker.services.users import create_user, get_user, list_users, update_user
from tracker.web import choices
from tracker.web.forms import ChoiceField, TrackerForm, VersionField, strip
from tracker.web.listing import page_wanted, query_enum, query_int, query_text
from tracker.web.saving import submit_form

bp = Blueprint("admin", __name__)

ROLE_CHOICES = [(r.value, LABELS[r]) for r in Role]


def _none_if_empty(value: Any) -> Any:
    return value or None


class UserForm(TrackerForm):
    # Limits (lengths, one line, the address's shape, the password's length) are
    # UserInput's; the form only parses.
    schema: Any = UserInput

    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Enter the person's name."))],
        filters=[strip],
        render_kw={"maxlength": max_length(UserInput, "name")},
    )
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(_l("Enter an email address."))],
        filters=[strip],
        render_kw={"maxlength": max_length(UserInput, "email")},
    )
    role = ChoiceField(_l("Role"), choices=ROLE_CHOICES, choose=_l("Choose a role from the list."))
    active = BooleanField(_l("Active (may log in)"), default=True)
    password = PasswordField(
        _l("Password"),
        filters=[_none_if_empty],  # left empty: the current one is kept
        description=_l(
            "At least %(min)s characters. Leave empty to keep the current one.",
            min=MIN_PASSWORD_LENGTH,
        ),
    )
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "name": self.name.data,
            "email": self.email.data,
            "role": self.role.data,
            "active": self.active.data,
            "password": self.password.data,
        }


class NewUserForm(UserForm):
    schema = NewUserInput

    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter a password for the new account."))],
    )


@bp.route("/admin/users")
@role_required(Role.ADMIN)
def users() -> str:
    return render_template("admin/users.html", users=list_users())


@bp.route("/admin/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_user() -> Any:
    form = NewUserForm()
    result = submit_form(form, lambda: create_user(form.fields_for_service(), actor=current_user))
    if result.done:
        flash(_("Account created for %(email)s.", email=result.saved.email), "success")
        return redirect(url_for(".users"))
    return render_template(
        "admin/user_form.html", form=form, user=None, min_password_length=MIN_PASSWORD_LENGTH
    ), result.status


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int) -> Any:
    user = get_user(user_id)
    if request.method == "POST":
        form = UserForm()
    else:
        form = UserForm(formdata=None, obj=user)
        form.role.data = user.role.value
        form.password.data = None
    result = submit_form(
        form,
        lambda: update_user(
            user,
            form.fields_for_service(),
            expected_version=form.version.data,
            actor=current_user,
        ),
        reload=lambda: get_user(user_id),
    )
    if result.done:
        flash(_("Account %(email)s saved.", email=user.email), "success")
        return redirect(url_for(".users"))
    return render_template(
        "admin/user_form.html",
        form=form,
        user=result.record or user,
        conflict=result.conflict,
    ), result.status


class HandoverForm(TrackerForm):
    """Only the CSRF token: the officer handed over to is the `to` of the URL."""


@bp.route("/admin/users/<int:user_id>/hand-over", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def hand_over(user_id: int) -> Any:
    """Choose who takes over an officer's work (?to=), see what will move, then confirm."""
    source = get_user(user_id)
    to_id = query_int("to")
    target = get_user(to_id) if to_id else None
    form = HandoverForm()
    refusal = None
    if request.method == "POST":
        if not form.validate_on_submit() or target is None:
            abort(400)
        try:
            moved = hand_over_work(source, target, actor=current_user, now=clock.now_utc())
        except ServiceError as error:
            transaction.roll_back()
            refusal = error.message
        else:
            flash(
                ngettext(
                    "The work of %(source)s is now with %(target)s: %(num)s record moved.",
                    "The work of %(source)s is now with %(target)s: %(num)s records moved.",
                    moved.total,
                    source=source.name,
                    target=target.name,
                ),
                "success",
            )
            return redirect(url_for(".users"))
    preview = handover_preview(source, target) if target else None
    refusal = refusal or (preview.refusal if preview else None)
    return render_template(
        "admin/handover.html",
        source=source,
        target=target,
        preview=preview,
        refusal=translate(refusal) if refusal else None,
        officers=[(i, n) for i, n in choices.officers(blank=False) if i != source.id],
        form=form,
    ), (422 if refusal and request.method == "POST" else 200)


@bp.route("/audit")
@role_required(Role.ADMIN)
def audit() -> str:
    actor_id = query_int("actor")
    object_type = query_text("type")
    page = audit_log(actor_id, object_type, page_wanted())
    return render_template(
        "admin/audit.html",
        page=page,
        names=record_names(page.items),
        actors=choices.users()[1:],
        actor_id=actor_id,
        object_type=object_type,
        object_types=OBJECT_TYPES,
    )


@bp.route("/admin/contradictions")
@role_required(Role.ADMIN)
def contradictions() -> str:
    """Every agreement whose recorded facts contradict each other (issue 16 #6)."""
    return render_template(
        "admin/contradictions.html", page=contradictions_page(clock.today(), page_wanted())
    )


class RetryForm(TrackerForm):
    """Only the CSRF token: retrying needs no input."""


@bp.route("/admin/outbox")
@role_required(Role.ADMIN)
def outbox() -> str:
    status = query_enum("status", OutboxStatus)
    model = outbox_page(status, page_wanted())
    return render_template(
        "admin/outbox.html",
        page=model.page,
        status=status,
        counts=model.counts,
        statuses=list(OutboxStatus),
        retry_form=RetryForm(),
        mail_to_files=not current_app.config.get("SMTP_HOST"),
    )


@bp.route("/admin/outbox/<int:message_id>")
@role_required(Role.ADMIN)
def outbox_message(message_id: int) -> str:
    message = get_message(message_id)
    return render_template("admin/outbox_message.html", message=message, retry_form=RetryForm())


@bp.route("/admin/outbox/<int:message_id>/retry", methods=["POST"])
@role_required(Role.ADMIN)
def retry_outbox_message(message_id: int) -> Any:
    message = get_message(message_id)
    if not RetryForm().validate_on_submit():
        abort(400)
    try:
        retry_failed_message(message, actor=current_user, now=clock.now_utc())
    except ServiceError as error:
        transaction.roll_back()
        flash(translate(error.message), "error")
    else:
        flash(_("The message is queued again; the next drain sends it."), "success")
    return redirect(url_for(".outbox"))
