"""Tidy records (issue #15, item 7): cancelling an action item, archiving a closed track or
an agreement, each with a reason, and an administrator's undoing of either.

Each view loads the record through the gate, calls one service
(tracker.services.cancellations, tracker.services.archiving), says the outcome or the
refusal in a flash and goes back to the record's page. The forms are drawn by the
templates/_tidy.html macros.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import TextAreaField

from tracker.auth import role_required
from tracker.i18n import named
from tracker.models import Role
from tracker.services import archiving, cancellations, gate
from tracker.web.forms import TrackerForm, VersionField, strip
from tracker.web.reasons import keep_reason
from tracker.web.saving import submit_form

bp = Blueprint("tidy", __name__)


class ReasonForm(TrackerForm):
    """Cancel or archive a record, saying why."""

    #: required: the service says so in its own words (tracker.services.cancellations)
    reason = TextAreaField(_l("Why?"), filters=[strip])
    version = VersionField()


class UndoForm(TrackerForm):
    version = VersionField()


def _submit(
    form: TrackerForm,
    save: Callable[[], Any],
    done: str,
    page: str,
    *,
    form_id: str | None = None,
    anchor: str = "",
) -> Response:
    """Save, say the outcome in a flash and go back to the record's `page` (a path). A
    refused reason typed into the form `form_id` comes back there (tracker.web.reasons)."""
    if submit_form(form, save).done:
        flash(done, "success")
    elif form_id is not None:
        keep_reason(page, form_id, form.reason.data or "")
    for message in [*form.form_errors, *(e for f in form for e in f.errors)]:
        flash(message, "error")
    return redirect(f"{page}#{anchor}" if anchor else page)


def _item_page(item: Any) -> str:
    return url_for("milestones.detail", milestone_id=item.meeting_id)


@bp.route("/action-items/<int:item_id>/cancel", methods=["POST"])
@role_required(Role.OFFICER)
def cancel_action_item(item_id: int) -> Response:
    """Cancel an action item with a reason."""
    item = gate.get_action_item(current_user, item_id)
    form = ReasonForm()
    return _submit(
        form,
        lambda: cancellations.cancel_action_item(
            item,
            reason=form.reason.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        _("“%(title)s” cancelled.", title=item.title),
        _item_page(item),
        form_id=f"cancel-item-{item.id}",
        anchor="action-items",
    )


@bp.route("/action-items/<int:item_id>/restore", methods=["POST"])
@role_required(Role.ADMIN)
def restore_action_item(item_id: int) -> Response:
    """An administrator undoes an action item's cancellation."""
    item = gate.get_action_item(current_user, item_id)
    form = UndoForm()
    return _submit(
        form,
        lambda: cancellations.restore_action_item(
            item, actor=current_user, expected_version=form.version.data
        ),
        _("“%(title)s” restored.", title=item.title),
        _item_page(item),
        anchor="action-items",
    )


@bp.route("/tracks/<int:track_id>/archive", methods=["POST"])
@role_required(Role.OFFICER)
def archive_track(track_id: int) -> Response:
    """Archive a closed track with a reason."""
    track = gate.get_track(current_user, track_id)
    form = ReasonForm()
    return _submit(
        form,
        lambda: archiving.archive_track(
            track,
            reason=form.reason.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        _("“%(title)s” archived.", title=named(track)),
        url_for("tracks.detail", track_id=track_id),
        form_id="archive-form",
    )


@bp.route("/tracks/<int:track_id>/unarchive", methods=["POST"])
@role_required(Role.ADMIN)
def unarchive_track(track_id: int) -> Response:
    """An administrator brings an archived track back."""
    track = gate.get_track(current_user, track_id)
    form = UndoForm()
    return _submit(
        form,
        lambda: archiving.unarchive_track(
            track, actor=current_user, expected_version=form.version.data
        ),
        _("“%(title)s” brought back from the archive.", title=named(track)),
        url_for("tracks.detail", track_id=track_id),
    )


@bp.route("/agreements/<int:agreement_id>/archive", methods=["POST"])
@role_required(Role.OFFICER)
def archive_agreement(agreement_id: int) -> Response:
    """Archive an agreement with a reason."""
    agreement = gate.get_agreement(current_user, agreement_id)
    form = ReasonForm()
    return _submit(
        form,
        lambda: archiving.archive_agreement(
            agreement,
            reason=form.reason.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        _("“%(title)s” archived.", title=named(agreement)),
        url_for("agreements.detail", agreement_id=agreement_id),
        form_id="archive-form",
    )


@bp.route("/agreements/<int:agreement_id>/unarchive", methods=["POST"])
@role_required(Role.ADMIN)
def unarchive_agreement(agreement_id: int) -> Response:
    """An administrator brings an archived agreement back."""
    agreement = gate.get_agreement(current_user, agreement_id)
    form = UndoForm()
    return _submit(
        form,
        lambda: archiving.unarchive_agreement(
            agreement, actor=current_user, expected_version=form.version.data
        ),
        _("“%(title)s” brought back from the archive.", title=named(agreement)),
        url_for("agreements.detail", agreement_id=agreement_id),
    )
