"""The track forms (issue 15 #6: the status form offers the allowed moves only; an
administrator sees the others apart, to force one with a comment) and the stage targets'
form, kept apart from the tracks blueprint's views (tracker.web.tracks)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from tracker import clock
from tracker.domain.workflow import (
    ALL_STATUSES,
    MAIN_LINE,
    TrackStatus,
    allowed_targets,
)
from tracker.labels import LABELS
from tracker.models import Classification, NegotiationTrack
from tracker.schemas import max_length
from tracker.schemas.tracks import TrackInput
from tracker.services import tracks as track_service
from tracker.web import choices
from tracker.web.forms import (
    ChoiceField,
    MultiChoiceField,
    TrackerForm,
    VersionField,
    optional_int,
    options,
    strip,
)

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
        # an archived agreement is offered only to a track already linked to it
        linked = (self.framework_agreement_id.data, self.resulting_agreement_id.data)
        self.framework_agreement_id.choices = options(choices.agreements(keep=linked))
        self.resulting_agreement_id.choices = options(choices.agreements(keep=linked))
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


def offer_moves(
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


def status_form_for(
    track: NegotiationTrack, allowed: list[TrackStatus] | None = None
) -> StatusForm:
    """The track page's status form, the first allowed move chosen. `allowed`: the moves
    from the track's status when the caller has them (the page model's), else read here."""
    form = StatusForm(formdata=None)
    form.expected_status.data = track.status.value
    targets = (
        allowed
        if allowed is not None
        else allowed_targets(track.status, track_service.suspended_from(track))
    )
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


def targets_form_for(track: NegotiationTrack) -> StageTargetsForm:
    """The stage targets' form, filled with the track's targets."""
    form = StageTargetsForm(formdata=None, version=track.version)
    for target in track.stage_targets:
        form[f"target_{target.status.value}"].data = target.target_on
    return form
