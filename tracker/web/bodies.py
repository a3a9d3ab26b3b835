"""Bodies (councils, committees) and their meeting series."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired

from tracker import clock
from tracker.auth import role_required
from tracker.domain.meetings import CADENCES
from tracker.i18n import cadence
from tracker.models import Body, Role
from tracker.schemas import max_length
from tracker.schemas.agreements import BodyInput
from tracker.services import bodies as body_service
from tracker.services import gate
from tracker.web import choices
from tracker.web.following import follow_state
from tracker.web.forms import ChoiceField, TrackerForm, VersionField, optional_int, options, strip
from tracker.web.saving import submit_form

bp = Blueprint("bodies", __name__, url_prefix="/bodies")


class BodyForm(TrackerForm):
    # Limits are BodyInput's.
    schema = BodyInput

    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Enter the body's name."))],
        filters=[strip],
        description=_l("e.g. EU–Kazakhstan Cooperation Council"),
        render_kw={"maxlength": max_length(BodyInput, "name")},
    )
    short_name = StringField(
        _l("Short name"),
        filters=[strip],
        description=_l("e.g. Cooperation Council"),
        render_kw={"maxlength": max_length(BodyInput, "short_name")},
    )
    official_name_ru = StringField(
        _l("Official name in Russian"),
        filters=[strip],
        description=_l("Shown to readers who use the tracker in Russian."),
        render_kw={"maxlength": max_length(BodyInput, "official_name_ru"), "lang": "ru"},
    )
    official_name_kk = StringField(
        _l("Official name in Kazakh"),
        filters=[strip],
        description=_l("Shown to readers who use the tracker in Kazakh."),
        render_kw={"maxlength": max_length(BodyInput, "official_name_kk"), "lang": "kk"},
    )
    agreement_id = ChoiceField(
        _l("Set up by"), coerce=optional_int, choose=_l("Choose an agreement from the list.")
    )
    cadence_months = ChoiceField(
        _l("Meets"),
        coerce=optional_int,
        choose=_l("Choose how often it meets."),
        description=_l("The next meeting is projected from the last one until its date is set."),
    )
    owner_id = ChoiceField(
        _l("Secretariat officer"),
        coerce=optional_int,
        choose=_l("Choose an officer from the list."),
        description=_l("Prepares the meetings and is reminded of the next one."),
    )
    description = TextAreaField(_l("Description"), filters=[strip])
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement_id.choices = options(choices.agreements(keep=(self.agreement_id.data,)))
        self.cadence_months.choices = options(
            [("", cadence(None)), *((months, cadence(months)) for months, _name in CADENCES)]
        )
        self.owner_id.choices = options(choices.officers())

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "name": self.name.data,
            "short_name": self.short_name.data or "",
            "official_name_ru": self.official_name_ru.data or "",
            "official_name_kk": self.official_name_kk.data or "",
            "agreement_id": self.agreement_id.data,
            "cadence_months": self.cadence_months.data,
            "owner_id": self.owner_id.data,
            "description": self.description.data or "",
        }


@bp.route("/")
def index() -> str:
    bodies = body_service.all_bodies()
    projections = {p.body_id: p.meeting for p in body_service.projected_meetings()}
    return render_template(
        "bodies/index.html",
        bodies=bodies,
        projections=projections,
        cadence_label=cadence,
    )


def _load(body_id: int) -> Body:
    return gate.get_body(current_user, body_id)


@bp.route("/<int:body_id>")
def detail(body_id: int) -> str:
    body = _load(body_id)
    return render_template(
        "bodies/detail.html",
        body=body,
        meetings=body_service.meetings_of(body, current_user),
        projection=body_service.projected_meeting(body),
        cadence=cadence(body.cadence_months),
        watch=follow_state(body),
        today=clock.today(),
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def new() -> Any:
    form = BodyForm()
    result = submit_form(
        form, lambda: body_service.create_body(form.fields_for_service(), actor=current_user)
    )
    if result.saved is not None:
        flash(_("Body added."), "success")
        return redirect(url_for(".detail", body_id=result.saved.id))
    return render_template("bodies/form.html", form=form, body=None, conflict=False), result.status


@bp.route("/<int:body_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit(body_id: int) -> Any:
    body = _load(body_id)
    form = BodyForm() if request.method == "POST" else BodyForm(formdata=None, obj=body)
    result = submit_form(
        form,
        lambda: body_service.update_body(
            body, form.fields_for_service(), actor=current_user, expected_version=form.version.data
        ),
        reload=lambda: _load(body_id),
    )
    if result.done:
        flash(_("Body saved."), "success")
        return redirect(url_for(".detail", body_id=body.id))
    return render_template(
        "bodies/form.html", form=form, body=result.record or body, conflict=result.conflict
    ), result.status
