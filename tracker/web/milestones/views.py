"""Milestones: list, detail, add (usually from a track page), edit, complete, reopen."""

from __future__ import annotations

import contextlib
from datetime import date
from functools import partial
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker import clock
from tracker.auth import role_required
from tracker.domain.anniversaries import ordinal
from tracker.domain_words import milestone_title
from tracker.i18n import translate
from tracker.models import (
    ActionItem,
    Milestone,
    MilestoneKind,
    Role,
)
from tracker.services import action_items as action_item_service
from tracker.services import cancellations, duplicates, gate, lists
from tracker.services import documents as document_service
from tracker.services import milestones as milestone_service
from tracker.services.overview import MILESTONE_STATES, UNKNOWN_MILESTONE_STATE, MilestoneFilter
from tracker.services.pages import load_milestone
from tracker.web import choices
from tracker.web.forms import options
from tracker.web.kept import render_page
from tracker.web.listing import back_to_list, page_wanted, query_date, query_int, query_text
from tracker.web.milestones.forms import (
    ActionItemForm,
    CancelMilestoneForm,
    CompleteMilestoneForm,
    MilestoneForm,
    ReopenMilestoneForm,
    RestoreMilestoneForm,
)
from tracker.web.reasons import kept_reason, reasoned_change
from tracker.web.responses import csv_download, milestone_ics
from tracker.web.saving import submit_form

bp = Blueprint("milestones", __name__, url_prefix="/milestones")

#: the cancel form's name for a kept reason (tracker.web.reasons)
CANCEL_FORM = "cancel-milestone"

STATES = [
    ("", _l("All")),
    ("open", _l("Open")),
    ("overdue", _l("Overdue")),
    ("done", _l("Done")),
    ("cancelled", _l("Cancelled")),
]


def _unknown_state() -> str:
    """The state the query string asks for when it is none of the list's ("" if none)."""
    value = request.args.get("state", "")
    return value if value and value not in MILESTONE_STATES else ""


def _filter() -> MilestoneFilter:
    state = request.args.get("state", "")
    return MilestoneFilter(
        state=state if state in MILESTONE_STATES else "",
        track_id=query_int("track"),
        agreement_id=query_int("agreement"),
        owner_id=query_int("owner"),
        text=query_text("q"),
        area_id=query_int("area"),
        # as on the API (tracker.api.parameters.MilestoneQuery): the same filter object
        body_id=query_int("body"),
        planned_from=query_date("from"),
        planned_to=query_date("to"),
    )


@bp.route("/export.csv")
def export() -> Response:
    unknown = _unknown_state()
    if unknown:  # a file cannot say that it ignored the filter: refused, said in words
        return Response(_(UNKNOWN_MILESTONE_STATE, value=unknown), 400, mimetype="text/plain")
    body = lists.milestone_csv(current_user, _filter(), clock.today())
    return csv_download(body, "milestones.csv")


@bp.route("/")
def index() -> str:
    return render_page("milestones/index.html", _index_context)


def _index_context() -> dict[str, Any]:
    flt = _filter()
    today = clock.today()
    return {
        "page": lists.milestone_list(current_user, flt, today, page_wanted()),
        "flt": flt,
        "states": STATES,
        "unknown_state": _unknown_state(),
        "tracks": choices.for_filter(partial(choices.tracks, keep=(flt.track_id,))),
        "agreements": choices.for_filter(partial(choices.agreements, keep=(flt.agreement_id,))),
        "officers": choices.for_filter(choices.officers),
        "today": today,
    }


def _load(milestone_id: int) -> Milestone:
    return load_milestone(current_user, milestone_id)


def _back_to(milestone: Milestone) -> str:
    if milestone.track_id:
        return url_for("tracks.detail", track_id=milestone.track_id)
    return url_for(".detail", milestone_id=milestone.id)


@bp.route("/<int:milestone_id>")
def detail(milestone_id: int) -> Any:
    return _render_detail(_load(milestone_id))


def _render_detail(
    milestone: Milestone,
    *,
    failed: ActionItemForm | None = None,
    failed_id: int | None = None,
    complete_form: CompleteMilestoneForm | None = None,
) -> Any:
    refused = failed is not None or complete_form is not None
    complete_form = complete_form or CompleteMilestoneForm(formdata=None, version=milestone.version)
    reopen_form = ReopenMilestoneForm(formdata=None, version=milestone.version)
    cancel_form = CancelMilestoneForm(formdata=None, version=milestone.version)
    # a refused cancel's reason, typed, comes back (tracker.web.reasons)
    cancel_form.reason.data = kept_reason(CANCEL_FORM)
    restore_form = RestoreMilestoneForm(formdata=None, version=milestone.version)
    is_meeting = milestone.kind is MilestoneKind.MEETING
    items = action_item_service.items_of_meeting(milestone, current_user) if is_meeting else []
    item_forms, new_item_form = ({}, None)
    if is_meeting and current_user.can_edit:
        item_forms, new_item_form = _action_item_forms(items, failed, failed_id)
    return render_template(
        "milestones/detail.html",
        milestone=milestone,
        complete_form=complete_form,
        reopen_form=reopen_form,
        cancel_form=cancel_form,
        restore_form=restore_form,
        is_meeting=is_meeting,
        action_items=items,
        item_forms=item_forms,
        new_item_form=new_item_form,
        documents=document_service.documents_of(current_user, milestone_id=milestone.id),
        today=clock.today(),
    ), (422 if refused else 200)


@bp.route("/<int:milestone_id>.ics")
def ics(milestone_id: int) -> Response:
    return milestone_ics(_load(milestone_id))


def _prefill(form: MilestoneForm) -> None:
    """A new milestone's form, filled from the page it was opened from."""
    form.track_id.data = query_int("track")
    form.agreement_id.data = query_int("agreement")
    form.body_id.data = query_int("body")
    form.number.data = query_int("number")
    form.owner_id.data = current_user.id
    kind = request.args.get("kind", "")
    if kind in set(MilestoneKind):
        form.kind.data = kind
    area = gate.find_area(current_user, query_int("area"))
    if area is not None:
        form.agreement_id.data = area.agreement_id
        form.area_id.data = area.id
    with contextlib.suppress(ValueError):  # an absent or malformed date leaves it empty
        form.planned_on.data = date.fromisoformat(request.args.get("planned_on", ""))
    body = gate.find_body(current_user, form.body_id.data)
    if body is not None and form.number.data and form.kind.data == MilestoneKind.MEETING:
        form.title.data = f"{ordinal(form.number.data)} {body.short_name or body.name}"
    form.load_area_choices()


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def new() -> Any:
    form = MilestoneForm()
    if request.method == "GET":
        _prefill(form)
    result = submit_form(
        form,
        lambda: duplicates.create_milestone_unless_duplicate(
            form.fields_for_service(),
            actor=current_user,
            allow_duplicate=form.allow_duplicate.data,
        ),
    )
    if result.saved is not None:
        flash(_("Milestone “%(title)s” added.", title=milestone_title(result.saved)), "success")
        return redirect(_back_to(result.saved))
    return render_template("milestones/form.html", form=form, milestone=None), result.status


@bp.route("/<int:milestone_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit(milestone_id: int) -> Any:
    milestone = _load(milestone_id)
    if request.method == "POST":
        form = MilestoneForm()
    else:
        form = MilestoneForm(formdata=None, obj=milestone)
        form.kind.data = milestone.kind.value
        form.date_precision.data = milestone.date_precision.value
    frozen = milestone_service.frozen_round_refusal(milestone)
    if frozen is not None:  # a round held keeps its kind and track (issue 17)
        form.hold_as_round(translate(frozen), milestone.track_id)
    result = submit_form(
        form,
        lambda: milestone_service.update_milestone(
            milestone,
            form.fields_for_service(),
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: _load(milestone_id),
    )
    if result.done:
        flash(_("Milestone saved."), "success")
        return redirect(_back_to(milestone))
    return render_template(
        "milestones/form.html",
        form=form,
        milestone=result.record or milestone,
        conflict=result.conflict,
    ), result.status


@bp.route("/<int:milestone_id>/complete", methods=["POST"])
@role_required(Role.OFFICER)
def complete(milestone_id: int) -> Any:
    milestone = _load(milestone_id)
    form = CompleteMilestoneForm()
    result = submit_form(
        form,
        lambda: milestone_service.complete_milestone(
            milestone,
            done_on=form.done_on.data,
            outcome=form.outcome.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: _load(milestone_id),
    )
    if result.done:
        flash(_("Milestone “%(title)s” marked done.", title=milestone_title(milestone)), "success")
        return redirect(_back_to(milestone))
    # The whole page again (its action items and documents too), with the refusal.
    return _render_detail(result.record or _load(milestone_id), complete_form=form)


@bp.route("/<int:milestone_id>/reopen", methods=["POST"])
@role_required(Role.OFFICER)
def reopen(milestone_id: int) -> Response:
    milestone = _load(milestone_id)
    form = ReopenMilestoneForm()
    if not form.validate_on_submit():
        abort(400)
    result = submit_form(
        form,
        lambda: milestone_service.reopen_milestone(
            milestone, actor=current_user, expected_version=form.version.data
        ),
    )
    if result.done:
        flash(_("Milestone “%(title)s” reopened.", title=milestone_title(milestone)), "success")
    for message in form.form_errors:  # a refusal (already rolled back), said in a flash
        flash(message, "error")
    return redirect(url_for(".detail", milestone_id=milestone_id))


@bp.route("/<int:milestone_id>/cancel", methods=["POST"])
@role_required(Role.OFFICER)
def cancel(milestone_id: int) -> Response:
    """Cancel with a reason (issue #15, item 7); a refusal is said in a flash."""
    milestone = _load(milestone_id)
    form = CancelMilestoneForm()
    return reasoned_change(
        form,
        lambda: cancellations.cancel_milestone(
            milestone,
            reason=form.reason.data or "",
            actor=current_user,
            expected_version=form.version.data,
        ),
        _("Milestone “%(title)s” cancelled.", title=milestone_title(milestone)),
        url_for(".detail", milestone_id=milestone_id),
        form_id=CANCEL_FORM,
    )


@bp.route("/<int:milestone_id>/restore", methods=["POST"])
@role_required(Role.ADMIN)
def restore(milestone_id: int) -> Response:
    """An administrator undoes a cancellation; back to the milestone's page, or to the
    milestones list the form was posted from."""
    milestone = _load(milestone_id)
    form = RestoreMilestoneForm()
    return reasoned_change(
        form,
        lambda: cancellations.restore_milestone(
            milestone, actor=current_user, expected_version=form.version.data
        ),
        _("Milestone “%(title)s” restored.", title=milestone_title(milestone)),
        back_to_list(".index") or url_for(".detail", milestone_id=milestone_id),
    )


def _action_item_forms(
    items: list[ActionItem], failed: ActionItemForm | None = None, failed_id: int | None = None
) -> tuple[dict[int, ActionItemForm], ActionItemForm]:
    """A form per action item row and one to add another; the failed one keeps its input."""
    officers = options(choices.officers())
    tracks = options(choices.tracks(keep=[item.track_id for item in items]))
    rows = {}
    for item in items:
        if failed is not None and failed_id == item.id:
            rows[item.id] = failed.prepare(officers, tracks)
        else:
            form = ActionItemForm(formdata=None, obj=item, prefix=f"item-{item.id}-")
            form.status.data = item.status.value
            rows[item.id] = form.prepare(officers, tracks)
    if failed is not None and failed_id is None:
        new_form = failed
    else:
        new_form = ActionItemForm(formdata=None, prefix="new-item-")
        new_form.owner_id.data = current_user.id
    return rows, new_form.prepare(officers, tracks)


@bp.route("/<int:milestone_id>/action-items", methods=["POST"])
@role_required(Role.OFFICER)
def add_action_item(milestone_id: int) -> Any:
    milestone = _load(milestone_id)
    if milestone.kind is not MilestoneKind.MEETING:
        abort(404)  # only a meeting's page has the form; its conclusions are action items
    form = ActionItemForm(prefix="new-item-").prepare(
        options(choices.officers()), options(choices.tracks())
    )
    result = submit_form(
        form,
        lambda: action_item_service.create_action_item(
            milestone, form.fields_for_service(), actor=current_user
        ),
    )
    if result.done:
        flash(_("Action item added."), "success")
        return redirect(url_for(".detail", milestone_id=milestone.id, _anchor="action-items"))
    return _render_detail(milestone, failed=form, failed_id=None)


@bp.route("/<int:milestone_id>/action-items/<int:item_id>", methods=["POST"])
@role_required(Role.OFFICER)
def update_action_item(milestone_id: int, item_id: int) -> Any:
    milestone = _load(milestone_id)
    item = gate.get_action_item(current_user, item_id, meeting_id=milestone.id)
    form = ActionItemForm(prefix=f"item-{item.id}-").prepare(
        options(choices.officers()), options(choices.tracks(keep=(item.track_id,)))
    )
    result = submit_form(
        form,
        lambda: action_item_service.update_action_item(
            item,
            form.fields_for_service(),
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: gate.get_action_item(current_user, item_id),
    )
    if result.done:
        flash(_("Action item saved."), "success")
        return redirect(url_for(".detail", milestone_id=milestone.id, _anchor="action-items"))
    return _render_detail(_load(milestone_id), failed=form, failed_id=item_id)
