"""The negotiating text of a track (issue 17): the text now or at a round with its
brackets highlighted, a provision added or edited (lost-update protection), the positions
on a provision at a round (team only), the comparison of two rounds, the before-round
brief (team only), and the progress chart."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker.auth import role_required
from tracker.i18n import translate
from tracker.models import Milestone, NegotiationTrack, Role
from tracker.services import gate, text_pages, text_rounds
from tracker.services import positions as position_service
from tracker.services import provisions as provision_service
from tracker.services.sides import sides_of, strangers_in
from tracker.web.listing import query_int
from tracker.web.saving import submit_form
from tracker.web.texts.forms import PositionForm, ProvisionForm

#: the languages a provision's text may be held in, named in the reader's language
LANGUAGE_CHOICES = [("en", _l("English")), ("ru", _l("Russian")), ("kk", _l("Kazakh"))]

bp = Blueprint("texts", __name__, url_prefix="/tracks/<int:track_id>/text")


def _track(track_id: int) -> NegotiationTrack:
    return gate.get_track(current_user, track_id)


#: what the query string says for the text as it is now (?round=now), as no round does
NOW = "now"


def _round(track: NegotiationTrack, name: str = "round") -> Milestone | None:
    """The round the query string names (None: now, when none is named or "now" is); an
    unknown one is a 404."""
    round_id = query_int(name)
    if round_id is None:
        if request.args.get(name) not in (None, "", NOW):
            raise gate.NotFound("round")
        return None
    return position_service.get_round(track, round_id)


def _not_held(track: NegotiationTrack, error: text_rounds.RoundNotHeld) -> tuple[str, int]:
    """The page for the text after a round not yet held: it says so, with no text."""
    return render_template("texts/not_held.html", track=track, reason=translate(error.message)), 404


@bp.route("")
def index(track_id: int) -> Any:
    track = _track(track_id)
    try:
        round_ = text_rounds.held(_round(track))
    except text_rounds.RoundNotHeld as error:
        return _not_held(track, error)
    page = text_pages.text_page(current_user, track, round_)
    return render_template(
        "texts/index.html",
        track=track,
        page=page,
        language_names=dict(LANGUAGE_CHOICES),
        sizes=text_pages,
    )


@bp.route("/progress.svg")
def progress_chart(track_id: int) -> Response:
    track = _track(track_id)
    bars = text_pages.chart_bars(text_rounds.progress_by_round(track))
    svg = render_template("texts/progress.svg", track=track, bars=bars, sizes=text_pages)
    return Response(svg, mimetype="image/svg+xml")


@bp.route("/compare")
def compare(track_id: int) -> Any:
    track = _track(track_id)
    frozen = text_rounds.frozen_rounds(track)
    try:
        before = text_rounds.held(_round(track, "from"))
        after = text_rounds.held(_round(track, "to"))
    except text_rounds.RoundNotHeld as error:
        return _not_held(track, error)
    if before is None and not request.args.get("from") and frozen:
        before = frozen[-2] if len(frozen) > 1 and not request.args.get("to") else frozen[0]
    comparison = text_rounds.compare(track, before, after)
    return render_template("texts/compare.html", track=track, comparison=comparison, frozen=frozen)


@bp.route("/brief")
@role_required(Role.OFFICER)
def brief(track_id: int) -> str:
    track = _track(track_id)
    position_service.require_team(current_user, track)
    round_ = _round(track) or text_pages.next_round(track)
    page = text_pages.brief_page(current_user, track, round_) if round_ else None
    return render_template("texts/brief.html", track=track, page=page)


def _warn_of_strangers(track: NegotiationTrack, texts: dict[str, str]) -> None:
    """After a save: warn of brackets naming a Party not on the track (saved as typed)."""
    warning = strangers_in(track, texts)
    if warning is not None:
        flash(translate(warning), "warning")


def _render_form(track: NegotiationTrack, form: ProvisionForm, provision: Any, **kw: Any) -> Any:
    return render_template(
        "texts/provision_form.html", track=track, form=form, provision=provision, **kw
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def new(track_id: int) -> Any:
    track = _track(track_id)
    form = ProvisionForm(rounds=provision_service.rounds_of(track))
    form.name_sides(sides_of(track))
    result = submit_form(
        form,
        lambda: provision_service.create_provision(
            track, form.fields_for_service(), actor=current_user
        ),
    )
    if result.saved is not None:
        flash(_("Provision added to the text."), "success")
        _warn_of_strangers(track, result.saved.texts)
        return redirect(url_for(".index", track_id=track.id, _anchor=f"p{result.saved.id}"))
    return _render_form(track, form, None), result.status


@bp.route("/<int:provision_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit(track_id: int, provision_id: int) -> Any:
    provision = provision_service.get_provision(current_user, track_id, provision_id)
    track = provision.track
    rounds = provision_service.rounds_of(track)
    if request.method == "POST":
        form = ProvisionForm(rounds=rounds)
    else:
        form = ProvisionForm(formdata=None, rounds=rounds)
        form.fill(provision)
    form.name_sides(sides_of(track))

    def save() -> Any:
        # a new status with the round left as it was is stamped by the service
        # (provision_service.round_for_new_status)
        return provision_service.update_provision(
            provision,
            form.fields_for_service(),
            actor=current_user,
            expected_version=form.version.data,
        )

    result = submit_form(
        form,
        save,
        reload=lambda: provision_service.get_provision(current_user, track_id, provision_id),
    )
    if result.done:
        flash(_("Provision saved."), "success")
        _warn_of_strangers(track, provision.texts)
        return redirect(url_for(".index", track_id=track.id, _anchor=f"p{provision.id}"))
    return _render_form(
        track, form, result.record or provision, conflict=result.conflict
    ), result.status


@bp.route("/<int:provision_id>/positions", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def positions(track_id: int, provision_id: int) -> Any:
    provision = provision_service.get_provision(current_user, track_id, provision_id)
    track = provision.track
    position_service.require_team(current_user, track)
    round_ = _round(track) or text_pages.next_round(track)
    if round_ is None:
        return render_template("texts/positions.html", track=track, provision=provision)
    # none recorded for this round yet: the form starts from the latest earlier round's,
    # saved for this round only when the officer submits it (one read, one audit row)
    saved, carried = position_service.positions_on(current_user, provision, round_)
    if request.method == "POST":
        form = PositionForm()
    else:
        form = PositionForm(formdata=None, obj=saved or carried)
        form.version.data = saved.version if saved else 0
    form.name_sides(sides_of(track))
    result = submit_form(
        form,
        lambda: position_service.save_position(
            provision,
            round_,
            form.fields_for_service(),
            actor=current_user,
            expected_version=form.version.data,
        ),
        reload=lambda: position_service.position_of(current_user, provision, round_),
        resync=lambda f, record: setattr(f.version, "data", record.version if record else 0),
    )
    if result.done:
        if result.saved is None:  # the positions as they stood: nothing recorded
            flash(_("Nothing changed: the positions stand as they were."), "info")
        else:
            flash(_("Positions saved."), "success")
        return redirect(
            url_for(".positions", track_id=track.id, provision_id=provision.id, round=round_.id)
        )
    return render_template(
        "texts/positions.html",
        track=track,
        provision=provision,
        round=round_,
        rounds=provision_service.rounds_of(track),
        form=form,
        conflict=result.conflict,
        saved=result.record or saved,
        carried=carried,
        sides=sides_of(track),
        languages=text_pages.provision_languages(provision),
    ), result.status
