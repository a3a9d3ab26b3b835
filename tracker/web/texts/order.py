"""The negotiating text reordered and renumbered on the web (issue 17 #1): every provision
with its place and number on one form; keys (identity) never change. Lost updates: the
form carries the text's fingerprint as loaded, and a save over a text changed meanwhile
is refused with the officer's order kept."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import FieldList, Form, FormField, HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, NumberRange

from tracker.auth import role_required
from tracker.models import Role
from tracker.schemas import max_length
from tracker.schemas.provisions import ProvisionInput
from tracker.services import provisions as provision_service
from tracker.web.forms import TrackerForm, strip
from tracker.web.saving import submit_form
from tracker.web.texts.views import _track, bp


class PlaceForm(Form):
    """One provision's place (1 first) and number."""

    provision_id = HiddenField()
    place = IntegerField(
        _l("Place"),
        validators=[
            InputRequired(_l("Give each provision its place: 1 for the first.")),
            NumberRange(min=1, max=9999, message=_l("A place from 1 to 9999.")),
        ],
    )
    number = StringField(
        _l("Number"),
        filters=[strip],
        render_kw={"maxlength": max_length(ProvisionInput, "number")},
    )


class TextOrderForm(TrackerForm):
    places = FieldList(FormField(PlaceForm))
    #: the text as loaded (tracker.services.provisions.text_fingerprint)
    fingerprint = HiddenField()

    def fields_for_service(self) -> dict[str, Any]:
        """The provisions by place (the order they were listed breaks a tie)."""
        entries = sorted(enumerate(self.places.entries), key=lambda e: (e[1].place.data, e[0]))
        return {
            "provisions": [
                {
                    "provision_id": int(entry.provision_id.data),
                    "number": entry.number.data or "",
                }
                for _i, entry in entries
            ]
        }


@bp.route("/order", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def order(track_id: int) -> Any:
    track = _track(track_id)
    current = provision_service.provisions_of(track)
    if request.method == "POST":
        form = TextOrderForm()
    else:
        form = TextOrderForm(
            formdata=None,
            fingerprint=provision_service.text_fingerprint(track),
            places=[
                {"provision_id": str(p.id), "place": i, "number": p.number}
                for i, p in enumerate(current, 1)
            ],
        )
    result = submit_form(
        form,
        lambda: provision_service.reorder_provisions(
            track,
            form.fields_for_service(),
            actor=current_user,
            expected_fingerprint=form.fingerprint.data,
        ),
    )
    if result.done:
        flash(_("The text's order and numbers are saved."), "success")
        return redirect(url_for(".index", track_id=track.id))
    if result.conflict or (form.form_errors and request.method == "POST"):
        # A second save, after checking, may win over the text as it now stands.
        form.fingerprint.data = provision_service.text_fingerprint(track)
    by_id = {str(p.id): p for p in current}
    return render_template("texts/order.html", track=track, form=form, by_id=by_id), result.status
