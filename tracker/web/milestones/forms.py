"""The milestones pages' forms: they parse; the limits are the schemas'."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from tracker import clock
from tracker.labels import LABELS
from tracker.models import (
    ActionStatus,
    DatePrecision,
    MilestoneKind,
)
from tracker.schemas import max_length
from tracker.schemas.action_items import ActionItemInput
from tracker.schemas.milestones import UNTITLED, MilestoneCompletion, MilestoneInput
from tracker.web import choices
from tracker.web.forms import ChoiceField, TrackerForm, VersionField, optional_int, options, strip


class MilestoneForm(TrackerForm):
    # Limits (lengths, ranges, one line) are MilestoneInput's; the form only parses.
    schema = MilestoneInput

    title = StringField(
        _l("Title"),
        # required but for a round, which is called by its number (MilestoneInput says so)
        description=_l(
            "A round may be left untitled: it is then named by its number, e.g. “Round 3”."
        ),
        filters=[strip],
        render_kw={"maxlength": max_length(MilestoneInput, "title")},
    )
    kind = ChoiceField(
        _l("Kind"),
        choices=[(k.value, LABELS[k]) for k in MilestoneKind],
        choose=_l("Choose a kind from the list."),
    )
    track_id = ChoiceField(
        _l("Track"), coerce=optional_int, choose=_l("Choose a track from the list.")
    )
    agreement_id = ChoiceField(
        _l("Agreement"), coerce=optional_int, choose=_l("Choose an agreement from the list.")
    )
    body_id = ChoiceField(
        _l("Meeting series (body)"),
        coerce=optional_int,
        choose=_l("Choose a body from the list."),
        description=_l("For meetings of a body such as the Cooperation Council."),
    )
    area_id = ChoiceField(
        _l("Area of the agreement"),
        coerce=optional_int,
        choose=_l("Choose one of the agreement's areas."),
        description=_l("For work on one area of cooperation (choose the agreement first)."),
    )
    number = IntegerField(
        _l("Number"),
        validators=[Optional()],
        description=_l(
            "Round within the track, or meeting within the series. "
            "Left empty, the next number is given."
        ),
    )
    planned_on = DateField(
        _l("Planned on"), validators=[InputRequired(_l("Enter the planned date."))]
    )
    date_precision = ChoiceField(
        _l("Date known to the"),
        choices=[("day", _l("Day")), ("month", _l("Month only"))],
        choose=_l("Choose day or month."),
    )
    location = StringField(
        _l("Location"),
        filters=[strip],
        render_kw={"maxlength": max_length(MilestoneInput, "location")},
    )
    owner_id = ChoiceField(
        _l("Owner"), coerce=optional_int, choose=_l("Choose an officer from the list.")
    )
    notes = TextAreaField(_l("Notes"), filters=[strip])
    #: shown after a likely-duplicate warning: the officer adds it anyway
    allow_duplicate = BooleanField(_l("Add it anyway"))
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in
    not_merged = frozenset({"allow_duplicate"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # an archived track or agreement is offered only to a record already linked to it
        self.track_id.choices = options(choices.tracks(keep=(self.track_id.data,)))
        self.agreement_id.choices = options(choices.agreements(keep=(self.agreement_id.data,)))
        self.body_id.choices = options(choices.bodies())
        self.owner_id.choices = options(choices.officers())
        self.load_area_choices()

    def validate_title(self, field: Any) -> None:
        """Only a round may be untitled (MilestoneInput says so too, once the kind is
        known): said even when the kind itself is refused, so that every error shows."""
        if not field.data and self.kind.data != MilestoneKind.ROUND.value:
            raise ValidationError(gettext(UNTITLED))

    def hold_as_round(self, reason: str, track_id: int | None) -> None:
        """A round whose text is frozen: offered only as a round of its own track, with
        `reason` (in the reader's language) beside both fields and as the refusal of any
        other value (the service refuses it too: milestones.check_frozen_round)."""
        self.kind.choices = [c for c in self.kind.choices if c.value == MilestoneKind.ROUND.value]
        self.track_id.choices = [c for c in self.track_id.choices if c.value == str(track_id)]
        for held in (self.kind, self.track_id):
            held.description = reason
            held.invalid_choice_message = reason

    def load_area_choices(self) -> None:
        """The areas of the chosen agreement (the EPCA has 29; all agreements, thousands)."""
        self.area_id.choices = options(choices.areas(self.agreement_id.data))

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "title": self.title.data,
            "kind": MilestoneKind(self.kind.data),
            "track_id": self.track_id.data,
            "agreement_id": self.agreement_id.data,
            "body_id": self.body_id.data,
            "area_id": self.area_id.data,
            "number": self.number.data,
            "planned_on": self.planned_on.data,
            "date_precision": DatePrecision(self.date_precision.data),
            "location": self.location.data or "",
            "owner_id": self.owner_id.data,
            "notes": self.notes.data or "",
        }


class CompleteMilestoneForm(TrackerForm):
    done_on = DateField(
        _l("Done on"),
        validators=[InputRequired(_l("Enter the date it was done."))],
        default=clock.today,
    )
    outcome = TextAreaField(_l("Outcome"), filters=[strip])
    schema = MilestoneCompletion
    version = VersionField()


class ReopenMilestoneForm(TrackerForm):
    version = VersionField()


class CancelMilestoneForm(TrackerForm):
    """Cancel a milestone that will not happen, saying why (issue #15, item 7)."""

    reason = TextAreaField(
        _l("Why is it cancelled?"),
        validators=[DataRequired(_l("Say why the milestone is cancelled."))],
        filters=[strip],
    )
    version = VersionField()


class RestoreMilestoneForm(TrackerForm):
    version = VersionField()


class ActionItemForm(TrackerForm):
    schema = ActionItemInput

    title = StringField(
        _l("Action"),
        validators=[DataRequired(_l("Say what is to be done."))],
        filters=[strip],
        render_kw={"maxlength": max_length(ActionItemInput, "title")},
    )
    owner_id = ChoiceField(
        _l("Owner"), coerce=optional_int, choose=_l("Choose an officer from the list.")
    )
    due_on = DateField(_l("Due on"), validators=[InputRequired(_l("Enter the due date."))])
    status = ChoiceField(
        _l("Status"),
        choices=[(s.value, LABELS[s]) for s in ActionStatus],
        default=ActionStatus.OPEN.value,
        choose=_l("Choose a status from the list."),
    )
    track_id = ChoiceField(
        _l("Track"), coerce=optional_int, choose=_l("Choose a track from the list.")
    )
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def prepare(self, officers: list[Any], tracks: list[Any]) -> ActionItemForm:
        self.owner_id.choices = officers
        self.track_id.choices = tracks
        return self

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "title": self.title.data,
            "owner_id": self.owner_id.data,
            "due_on": self.due_on.data,
            "status": ActionStatus(self.status.data),
            "track_id": self.track_id.data,
        }
