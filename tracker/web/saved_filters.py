"""Saved filters of the lists (issue 15, "Also expected by officers"): an officer saves
the current filter of the tracks, agreements, milestones or action-items list under a
name, applies it from the list or from /me in one click, and deletes it. Each user's own.

The panel on each list and on /me is rendered from the template helpers this blueprint
registers (saved_filters, saved_filter_url), so the lists' views stay as they are."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, HiddenField, StringField

from tracker.models import SavedFilter
from tracker.schemas import max_length
from tracker.schemas.saved_filters import SavedFilterInput
from tracker.services import saved_filters as service
from tracker.web.forms import TrackerForm
from tracker.web.saving import submit_form

bp = Blueprint("saved_filters", __name__)

#: list name -> the list's endpoint, and its name in the interface
LISTS: dict[str, tuple[str, Any]] = {
    "tracks": ("tracks.index", _l("Tracks")),
    "agreements": ("agreements.index", _l("Agreements")),
    "milestones": ("milestones.index", _l("Milestones")),
    "action_items": ("action_items.index", _l("Action items")),
}
#: the query parameter that carries a refused name back to the list's form
NAME_PARAMETER = "filter_name"


class SavedFilterForm(TrackerForm):
    list_name = HiddenField()
    query = HiddenField()
    name = StringField(
        _l("Save this filter as"),
        render_kw={"maxlength": max_length(SavedFilterInput, "name"), "autocomplete": "off"},
    )
    replace = BooleanField(_l("Replace it"))


#: how a refusal flashed on the list names the field it is about
FIELD_NAMES: dict[str, Any] = {"name": _l("Filter name"), "replace": _l("Filter name")}


class DeleteFilterForm(TrackerForm):
    """The CSRF token, and where to go back to ("me", or the filter's list)."""

    back = HiddenField()


def list_url(list_name: str, query: str = "") -> str:
    endpoint = LISTS[list_name][0]
    return url_for(endpoint) + (f"?{query}" if query else "")


def saved_filter_url(saved: SavedFilter) -> str:
    """Where a saved filter applies: its list, with its query."""
    return list_url(saved.list_name, saved.query)


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    def saved_filters(list_name: str | None = None) -> list[SavedFilter]:
        if not current_user.is_authenticated:
            return []
        return service.filters_of(current_user, list_name)

    return {
        "saved_filters": saved_filters,
        "saved_filter_url": saved_filter_url,
        "saved_filter_lists": LISTS,
        "saved_filter_name_parameter": NAME_PARAMETER,
    }


@bp.route("/saved-filters", methods=["POST"])
def save() -> Any:
    form = SavedFilterForm()
    list_name = form.list_name.data or ""
    if list_name not in LISTS:
        abort(400)
    submission = submit_form(
        form,
        lambda: service.save_filter(
            current_user,
            {"list_name": list_name, "name": form.name.data or "", "query": form.query.data or ""},
            replace=bool(form.replace.data),
        ),
    )
    if submission.done and submission.saved is not None:
        flash(_("Filter “%(name)s” saved.", name=submission.saved.name), "success")
        return redirect(saved_filter_url(submission.saved))
    if "csrf_token" in form.errors:
        abort(400)  # not a form of ours: nothing to keep
    for message in form.form_errors:
        flash(message, "error")
    for f in form:
        for error in f.errors:  # each said with the field it is about
            flash(
                _(
                    "%(field)s: %(message)s",
                    field=FIELD_NAMES.get(f.name, f.label.text),
                    message=error,
                ),
                "error",
            )
    # back to the list as it was filtered, with the typed name in the form again
    query = form.query.data or ""
    kept = urlencode({NAME_PARAMETER: form.name.data or ""})
    return redirect(list_url(list_name, f"{query}&{kept}" if query else kept))


@bp.route("/saved-filters/<int:filter_id>/delete", methods=["POST"])
def delete(filter_id: int) -> Any:
    saved = service.own_filter(current_user, filter_id)
    form = DeleteFilterForm()
    if not form.validate_on_submit():
        abort(400)
    list_name, name = saved.list_name, saved.name
    service.delete_filter(current_user, saved)
    flash(_("Filter “%(name)s” deleted.", name=name), "success")
    if form.back.data == "me":
        return redirect(url_for("preferences.me") + "#saved-filters")
    return redirect(list_url(list_name, request.args.get("query", "")))
