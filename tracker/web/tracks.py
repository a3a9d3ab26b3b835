"""Negotiation tracks: list, detail with timeline, create, edit, and status moves."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from tracker import clock
from tracker.auth import role_required
from tracker.domain.workflow import (
    ALL_STATUSES,
    MAIN_LINE,
    TrackStatus,
    allowed_targets,
)
from tracker.labels import LABELS, label
from tracker.models import Classification, NegotiationTrack, Role
from tracker.schemas import max_length
from tracker.schemas.tracks import TrackInput
from tracker.services import lists
from tracker.services import tracks as track_service
from tracker.services.overview import TrackFilter
from tracker.services.pages import load_track, track_page
from tracker.web import choices
from tracker.web.following import follow_state
from tracker.web.forms import (
    ChoiceField,
    MultiChoiceField,
    TrackerForm,
    VersionField,
    optional_int,
    options,
    strip,
)
from tracker.web.listing import page_wanted, query_enum, query_int, query_text
from tracker.web.responses import csv_download
from tracker.web.saving import submit_form

bp = Blueprint("tracks", __name__, url_prefix="/tracks")

STATUS_CHOICES = [(s.value, LABELS[s]) for s in ALL_STATUSES]


class TrackForm(TrackerForm):
    # Limits (lengths, one line) are TrackInput's.
    schema = TrackInput

    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Enter the track's name."))],
        filters=[strip],
        description=_l("e.g. EU–Kazakhstan visa facilitation agreement"),
        render_kw={"maxlength": max_length(TrackInput, "name")},
    )
    official_name_ru = StringField(
        _l("Official name in Russian"),
        filters=[strip],
        description=_l("Shown to readers who use the tracker in Russian."),
        render_kw={"maxlength": max_length(TrackInput, "official_name_ru"), "lang": "ru"},
    )
    official_name_kk = StringField(
        _l("Official name in Kazakh"),
        filters=[strip],
        description=_l("Shown to readers who use the tracker in Kazakh."),
        render_kw={"maxlength": max_length(TrackInput, "official_name_kk"), "lang": "kk"},
    )
    description = TextAreaField(_l("Description"), filters=[strip])
    framework_agreement_id = ChoiceField(
        _l("Framework agreement"),
        coerce=optional_int,
        choose=_l("Choose an agreement from the list."),
    )
    resulting_agreement_id = ChoiceField(
        _l("Resulting agreement"),
        coerce=optional_int,
        choose=_l("Choose an agreement from the list."),
        description=_l("Set once a text exists as an agreement."),
    )
    counterpart_ids = MultiChoiceField(
        _l("Counterpart parties"), coerce=int, choose=_l("Choose parties from the list.")
    )
    lead_officer_id = ChoiceField(
        _l("Lead officer"), coerce=optional_int, choose=_l("Choose an officer from the list.")
    )
    member_ids = MultiChoiceField(
        _l("Officers assigned"),
        coerce=int,
        choose=_l("Choose officers from the list."),
        description=_l(
            "With the lead officer and the administrators, the only people who "
            "see a restricted track."
        ),
    )
    next_step = StringField(
        _l("Next step"),
        filters=[strip],
        render_kw={"maxlength": max_length(TrackInput, "next_step")},
    )
    target_date = DateField(_l("Target date"), validators=[Optional()])
    classification = ChoiceField(
        _l("Classification"),
        choices=[(c.value, LABELS[c]) for c in Classification],
        choose=_l("Choose public or restricted."),
    )
    our_side = StringField(
        _l("Our side on this track"),
        filters=[strip],
        description=_l(
            "The short name of our side as brackets name it (e.g. KZ or EU). Leave empty "
            "for the installation's setting."
        ),
        render_kw={"maxlength": max_length(TrackInput, "our_side")},
    )
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def values_of(self, record: Any) -> dict[str, Any]:
        return {
            **super().values_of(record),
            "counterpart_ids": [p.id for p in record.counterparts],
            "member_ids": [u.id for u in record.members],
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework_agreement_id.choices = options(choices.agreements())
        self.resulting_agreement_id.choices = options(choices.agreements())
        self.counterpart_ids.choices = options(choices.parties())
        self.lead_officer_id.choices = options(choices.officers())
        self.member_ids.choices = options(choices.officers(blank=False))

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "name": self.name.data,
            "official_name_ru": self.official_name_ru.data or "",
            "official_name_kk": self.official_name_kk.data or "",
            "description": self.description.data or "",
            "framework_agreement_id": self.framework_agreement_id.data,
            "resulting_agreement_id": self.resulting_agreement_id.data,
            "lead_officer_id": self.lead_officer_id.data,
            "next_step": self.next_step.data or "",
            "target_date": self.target_date.data,
            "classification": Classification(self.classification.data),
            "our_side": self.our_side.data or "",
        }


class NewTrackForm(TrackForm):
    status = ChoiceField(
        _l("Current status"),
        choices=STATUS_CHOICES,
        default=TrackStatus.EXPLORATORY.value,
        choose=_l("Choose a status from the list."),
    )
    status_since = DateField(
        _l("In this status since"),
        validators=[InputRequired(_l("Enter the date the status began."))],
        default=clock.today,
    )


class StatusForm(TrackerForm):
    to_status = ChoiceField(
        _l("Move to"), choices=STATUS_CHOICES, choose=_l("Choose a status from the list.")
    )
    effective_on = DateField(
        _l("Effective on"),
        validators=[InputRequired(_l("Enter the date the move took effect."))],
        default=clock.today,
        description=_l("May be in the past; not in the future."),
    )
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)], filters=[strip])
    force = BooleanField(_l("Administrator override: force this move"))
    #: the status the officer saw when choosing the move
    expected_status = HiddenField(
        validators=[
            AnyOf([s.value for s in ALL_STATUSES], message=_l("Reload the page and try again."))
        ]
    )


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
    flt = _filter()
    return render_template(
        "tracks/index.html",
        page=lists.track_list(current_user, flt, page_wanted()),
        flt=flt,
        agreements=choices.for_filter(choices.agreements),
        officers=choices.for_filter(choices.officers),
    )


def _load(track_id: int) -> NegotiationTrack:
    return load_track(current_user, track_id)


def _offer_moves(
    form: StatusForm, allowed: list[TrackStatus], current: TrackStatus, *, admin: bool
) -> None:
    """Offer the moves the workflow allows from here; an administrator also sees the
    others, apart, to force one with a comment. (The form takes any status when posted,
    so that a move the workflow refuses gets the workflow's reason, not "choose from the
    list".)"""
    moves = [(s.value, LABELS[s]) for s in allowed]
    if not admin:
        form.to_status.choices = options(moves)
        return
    others = [(s.value, LABELS[s]) for s in ALL_STATUSES if s not in allowed and s != current]
    form.to_status.choices = {
        _("Allowed moves"): options(moves),
        _("Other statuses: force, with a comment"): options(others),
    }


def _status_form_for(track: NegotiationTrack) -> StatusForm:
    form = StatusForm(formdata=None)
    form.expected_status.data = track.status.value
    targets = allowed_targets(track.status, track_service.suspended_from(track))
    form.to_status.data = targets[0].value if targets else ""
    return form


class StageTargetsForm(TrackerForm):
    """A target date per main-line stage; an empty field clears the target."""

    version = VersionField()

    def targets(self) -> dict[TrackStatus, date | None]:
        return {status: self[f"target_{status.value}"].data for status in MAIN_LINE}


for _status in MAIN_LINE:
    setattr(
        StageTargetsForm,
        f"target_{_status.value}",
        DateField(LABELS[_status], validators=[Optional()]),
    )


def _targets_form_for(track: NegotiationTrack) -> StageTargetsForm:
    form = StageTargetsForm(formdata=None, version=track.version)
    for target in track.stage_targets:
        form[f"target_{target.status.value}"].data = target.target_on
    return form


def _render_detail(
    track: NegotiationTrack,
    status_form: StatusForm,
    code: int = 200,
    targets_form: StageTargetsForm | None = None,
) -> Any:
    today = clock.today()
    page = track_page(current_user, track, today)
    _offer_moves(status_form, page.allowed, track.status, admin=current_user.is_admin)
    return render_template(
        "tracks/detail.html",
        track=track,
        milestones=page.milestones,
        timeline=page.timeline,
        status_form=status_form,
        allowed=page.allowed,
        activity=page.activity,
        activity_names=page.activity_names,
        plans=page.plans,
        forecast=page.forecast,
        targets_form=targets_form or _targets_form_for(track),
        documents=page.documents,
        watch=follow_state(track),
        today=today,
    ), code


@bp.route("/<int:track_id>")
def detail(track_id: int) -> Any:
    track = _load(track_id)
    return _render_detail(track, _status_form_for(track))


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
    return _render_detail(track, _status_form_for(track), 422, targets_form=form)


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
        flash(_("Track “%(name)s” opened.", name=result.saved.name), "success")
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
    return render_template(
        "tracks/form.html", form=form, track=result.record or track, conflict=result.conflict
    ), result.status
