"""Follow and unfollow an agreement, a track or a body (any logged-in user may)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.i18n import translate
from tracker.models import Agreement, NegotiationTrack
from tracker.services import follows as follow_service
from tracker.services import gate, transaction
from tracker.services.errors import ServiceError
from tracker.web.following import KINDS, FollowForm

bp = Blueprint("follows", __name__)


def _target(kind: str, record_id: int) -> tuple[Any, str]:
    if kind not in KINDS:
        abort(404)
    model, endpoint, argument = KINDS[kind]
    if model is NegotiationTrack:
        record: Any = gate.get_track(current_user, record_id)
    elif model is Agreement:
        record = gate.get_agreement(current_user, record_id)
    else:
        record = gate.get_body(current_user, record_id)
    return record, url_for(endpoint, **{argument: record.id})


@bp.route("/follow/<kind>/<int:record_id>", methods=["POST"])
def follow(kind: str, record_id: int) -> Any:
    record, back = _target(kind, record_id)
    if not FollowForm().validate_on_submit():
        abort(400)
    try:
        follow_service.follow(current_user, record)
    except ServiceError as error:
        transaction.roll_back()
        flash(translate(error.message), "error")
    else:
        flash(
            _("You follow this now: changes reach you by email, as set on your settings page."),
            "success",
        )
    return redirect(back)


@bp.route("/unfollow/<kind>/<int:record_id>", methods=["POST"])
def unfollow(kind: str, record_id: int) -> Any:
    record, back = _target(kind, record_id)
    if not FollowForm().validate_on_submit():
        abort(400)
    follow_service.unfollow(current_user, record)
    flash(_("You no longer follow this."), "success")
    return redirect(back)
