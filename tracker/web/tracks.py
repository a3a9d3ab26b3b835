"""Negotiation tracks: list, detail with timeline, create, edit, and status moves."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker import clock
from tracker.auth import role_required
from tracker.domain.workflow import (
    TrackStatus,
)
from tracker.i18n import named
from tracker.labels import label
from tracker.models import NegotiationTrack, Role
from tracker.services import lists, text_pages
from tracker.services import tracks as track_service
from tracker.services.overview import TrackFilter
from tracker.services.pages import load_track, track_page
from tracker.services.sides import installation_side_warning
from tracker.web import choices
from tracker.web.following import follow_state
from tracker.web.kept import render_page
from tracker.web.listing import page_wanted, query_enum, query_int, query_text
from tracker.web.responses import csv_download
from tracker.web.saving import submit_form
from tracker.web.track_forms import (
    NewTrackForm,
    StageTargetsForm,
    StatusForm,
    TrackForm,
    offer_moves,
    status_form_for,
    targets_form_for,
)

bp = Blueprint("tracks", __name__, url_prefix="/tracks")


def _filter() -> TrackFilter:
    return TrackFilter(
        status=query_enum("status", TrackStatus),
        agreement_id=query_int("agreement"),
        officer_id=query_int("officer"),
        text=query_text("q"),
        archived=request.args.get("archived") == "1",
    )


@bp.route("/export.csv")
def export() -> Response:
    return csv_download(lists.track_csv(current_user, _filter()), "tracks.csv")


@bp.route("/")
def index() -> str:
    return render_page("tracks/index.html", _index_context)


def _index_context() -> dict[str, Any]:
    flt = _filter()
    return {
        "page": lists.track_list(current_user, flt, page_wanted()),
        "flt": flt,
        "agreements": choices.for_filter(partial(choices.agreements, keep=(flt.agreement_id,))),
        "officers": choices.for_filter(choices.officers),
    }


def _load(track_id: int) -> NegotiationTrack:
    return load_track(current_user, track_id)


def _render_detail(
    track: NegotiationTrack,
    status_form: StatusForm | None = None,
    code: int = 200,
    targets_form: StageTargetsForm | None = None,
) -> Any:
    """The track's page after a refused form: `status_form` the one submitted, else a
    fresh one."""
    return render_template(
        "tracks/detail.html", **_detail_context(track, status_form, targets_form)
    ), code


def _detail_context(
    track: NegotiationTrack,
    status_form: StatusForm | None = None,
    targets_form: StageTargetsForm | None = None,
) -> dict[str, Any]:
    """What the track's page shows; a fresh status form offers the moves the page model
    allows (read once: issue 19)."""
    today = clock.today()
    page = track_page(current_user, track, today)
    if status_form is None:
        status_form = status_form_for(track, page.allowed)
    offer_moves(status_form, page.allowed, track.status, admin=current_user.is_admin)
    return {
        "track": track,
        "milestones": page.milestones,
        "timeline": page.timeline,
        "status_form": status_form,
        "allowed": page.allowed,
        "activity": page.activity,
        "activity_names": page.activity_names,
        "plans": page.plans,
        "forecast": page.forecast,
        "targets_form": targets_form or targets_form_for(track),
        "documents": page.documents,
        "progress_bars": page.progress_bars,
        "sizes": text_pages,
        "watch": follow_state(track),
        "today": today,
    }


@bp.route("/<int:track_id>")
def detail(track_id: int) -> Any:
    """The track's page, kept for an officer or a viewer (tracker.web.kept): the gate's
    read goes in what is kept, since any change to who may see it drops the kept page."""
    return render_page("tracks/detail.html", lambda: _detail_context(_load(track_id)))


@bp.route("/<int:track_id>/status", methods=["GET"])
def status_page(track_id: int) -> Response:
    """The address a refused move is shown at: reloaded, or opened from the history,
    it leads back to the track (a 405 told the officer nothing)."""
    return redirect(url_for(".detail", track_id=_load(track_id).id))


@bp.route("/<int:track_id>/status", methods=["POST"])
@role_required(Role.OFFICER)
def change_status(track_id: int) -> Any:
    track = _load(track_id)
    form = StatusForm()

    def expect_current_status(form: Any, track: NegotiationTrack) -> None:
        form.expected_status.data = track.status.value

    result = submit_form(
        form,
        lambda: track_service.change_status(
            track,
            TrackStatus(form.to_status.data),
            effective_on=form.effective_on.data,
            actor=current_user,
            comment=form.comment.data or "",
            force=form.force.data,
            expected_status=TrackStatus(form.expected_status.data),
        ),
        reload=lambda: _load(track_id),
        resync=expect_current_status,
    )
    if result.done:
        flash(_("New status: %(status)s.", status=label(track.status)), "success")
        return redirect(url_for(".detail", track_id=track.id))
    return _render_detail(result.record or _load(track_id), form, 422)


@bp.route("/<int:track_id>/targets", methods=["POST"])
@role_required(Role.OFFICER)
def set_targets(track_id: int) -> Any:
    track = _load(track_id)
    form = StageTargetsForm()
    result = submit_form(
        form,
        lambda: track_service.set_stage_targets(
            track, form.targets(), actor=current_user, expected_version=form.version.data
        ),
        reload=lambda: _load(track_id),  # saving again then applies the officer's dates
    )
    if result.done:
        flash(_("Stage targets saved."), "success")
        return redirect(url_for(".detail", track_id=track.id, _anchor="plan"))
    track = result.record or _load(track_id)
    return _render_detail(track, None, 422, targets_form=form)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def new() -> Any:
    form = NewTrackForm()
    if request.method == "GET":
        form.framework_agreement_id.data = query_int("agreement")
        form.lead_officer_id.data = current_user.id if current_user.can_edit else None
    result = submit_form(
        form,
        lambda: track_service.create_track(
            form.fields_for_service(),
            status=TrackStatus(form.status.data),
            status_since=form.status_since.data,
            counterpart_ids=form.counterpart_ids.data or [],
            member_ids=form.member_ids.data or [],
            actor=current_user,
        ),
    )
    if result.saved is not None:
        flash(_("Track “%(name)s” opened.", name=named(result.saved)), "success")
        return redirect(url_for(".detail", track_id=result.saved.id))
    return render_template("tracks/form.html", form=form, track=None), result.status


@bp.route("/<int:track_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit(track_id: int) -> Any:
    track = _load(track_id)
    if request.method == "POST":
        form = TrackForm()
    else:
        form = TrackForm(formdata=None, obj=track)
        form.counterpart_ids.data = [p.id for p in track.counterparts]
        form.member_ids.data = [u.id for u in track.members]
        form.classification.data = track.classification.value
    result = submit_form(
        form,
        lambda: track_service.update_track(
            track,
            form.fields_for_service(),
            counterpart_ids=form.counterpart_ids.data or [],
            member_ids=form.member_ids.data or [],
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: _load(track_id),
    )
    if result.done:
        flash(_("Track saved."), "success")
        return redirect(url_for(".detail", track_id=track.id))
    shown = result.record or track
    return render_template(
        "tracks/form.html",
        form=form,
        track=shown,
        conflict=result.conflict,
        side_warning=installation_side_warning(shown),
    ), result.status
