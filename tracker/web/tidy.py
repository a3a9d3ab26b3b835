"""Tidy records (issue #15, item 7): cancelling an action item, archiving a closed track or
an agreement, each with a reason, and an administrator's undoing of either.

Each view loads the record through the gate, calls one service
(tracker.services.cancellations, tracker.services.archiving), says the outcome or the
refusal in a flash and goes back to the record's page (tracker.web.reasons.reasoned_change:
a refused reason comes back in its form); the kinds differ only in a Kind. The forms are
drawn by the templates/_tidy.html macros.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, url_for
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
from tracker.web.listing import back_to_list
from tracker.web.reasons import reasoned_change

bp = Blueprint("tidy", __name__)


class ReasonForm(TrackerForm):
    """Cancel or archive a record, saying why."""

    #: required: the service says so in its own words (tracker.services.cancellations)
    reason = TextAreaField(_l("Why?"), filters=[strip])
    version = VersionField()


class UndoForm(TrackerForm):
    version = VersionField()


@dataclass(frozen=True)
class Kind:
    """How the pages set aside one kind of record, and bring it back."""

    #: the record, through the gate, for the reader and an id
    load: Callable[[Any, int], Any]
    #: the services: (record, reason=, actor=, expected_version=) and (record, actor=,
    #: expected_version=)
    set_aside: Callable[..., Any]
    bring_back: Callable[..., Any]
    #: what is said when it is done, naming the record in the reader's language
    set_aside_done: Callable[[Any], str]
    brought_back_done: Callable[[Any], str]
    #: the record's page (a path), where on it, and its reason form's id (templates/_tidy.html)
    page: Callable[[Any], str]
    form_id: Callable[[Any], str]
    anchor: str = ""
    #: the list (an endpoint) whose rows offer the undo, coming back to it (issue 15 #7)
    listed_on: str = ""


ACTION_ITEM = Kind(
    load=gate.get_action_item,
    set_aside=cancellations.cancel_action_item,
    bring_back=cancellations.restore_action_item,
    set_aside_done=lambda item: _("Action item “%(title)s” cancelled.", title=item.title),
    brought_back_done=lambda item: _("Action item “%(title)s” restored.", title=item.title),
    page=lambda item: url_for("milestones.detail", milestone_id=item.meeting_id),
    form_id=lambda item: f"cancel-item-{item.id}",
    anchor="action-items",
    listed_on="action_items.index",
)
TRACK = Kind(
    load=gate.get_track,
    set_aside=archiving.archive_track,
    bring_back=archiving.unarchive_track,
    set_aside_done=lambda track: _("Track “%(title)s” archived.", title=named(track)),
    brought_back_done=lambda track: _(
        "Track “%(title)s” brought back from the archive.", title=named(track)
    ),
    page=lambda track: url_for("tracks.detail", track_id=track.id),
    form_id=lambda _track: "archive-form",
)
AGREEMENT = Kind(
    load=gate.get_agreement,
    set_aside=archiving.archive_agreement,
    bring_back=archiving.unarchive_agreement,
    set_aside_done=lambda agreement: _("Agreement “%(title)s” archived.", title=named(agreement)),
    brought_back_done=lambda agreement: _(
        "Agreement “%(title)s” brought back from the archive.", title=named(agreement)
    ),
    page=lambda agreement: url_for("agreements.detail", agreement_id=agreement.id),
    form_id=lambda _agreement: "archive-form",
)


def _set_aside(kind: Kind, record_id: int) -> Response:
    """Set the record aside with the reason posted (tracker.web.reasons.reasoned_change)."""
    record = kind.load(current_user, record_id)
    form = ReasonForm()
    return reasoned_change(
        form,
        lambda: kind.set_aside(
            record,
            reason=form.reason.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        kind.set_aside_done(record),
        kind.page(record),
        form_id=kind.form_id(record),
        anchor=kind.anchor,
    )


def _bring_back(kind: Kind, record_id: int) -> Response:
    """Undo the record's setting aside (the service refuses anyone but an administrator);
    back to the record's page, or to the list the form was posted from."""
    record = kind.load(current_user, record_id)
    form = UndoForm()
    back = back_to_list(kind.listed_on) if kind.listed_on else None
    return reasoned_change(
        form,
        lambda: kind.bring_back(record, actor=current_user, expected_version=form.version.data),
        kind.brought_back_done(record),
        back or kind.page(record),
        anchor="" if back else kind.anchor,
    )


@bp.route("/action-items/<int:item_id>/cancel", methods=["POST"])
@role_required(Role.OFFICER)
def cancel_action_item(item_id: int) -> Response:
    """Cancel an action item with a reason."""
    return _set_aside(ACTION_ITEM, item_id)


@bp.route("/action-items/<int:item_id>/restore", methods=["POST"])
@role_required(Role.ADMIN)
def restore_action_item(item_id: int) -> Response:
    """An administrator undoes an action item's cancellation."""
    return _bring_back(ACTION_ITEM, item_id)


@bp.route("/tracks/<int:track_id>/archive", methods=["POST"])
@role_required(Role.OFFICER)
def archive_track(track_id: int) -> Response:
    """Archive a closed track with a reason."""
    return _set_aside(TRACK, track_id)


@bp.route("/tracks/<int:track_id>/unarchive", methods=["POST"])
@role_required(Role.ADMIN)
def unarchive_track(track_id: int) -> Response:
    """An administrator brings an archived track back."""
    return _bring_back(TRACK, track_id)


@bp.route("/agreements/<int:agreement_id>/archive", methods=["POST"])
@role_required(Role.OFFICER)
def archive_agreement(agreement_id: int) -> Response:
    """Archive an agreement with a reason."""
    return _set_aside(AGREEMENT, agreement_id)


@bp.route("/agreements/<int:agreement_id>/unarchive", methods=["POST"])
@role_required(Role.ADMIN)
def unarchive_agreement(agreement_id: int) -> Response:
    """An administrator brings an archived agreement back."""
    return _bring_back(AGREEMENT, agreement_id)
