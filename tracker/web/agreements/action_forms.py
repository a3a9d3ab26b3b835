"""The forms of a Party's acts and of a pasted list of Parties: they parse; the limits
are the schemas' (tracker.schemas.party_actions)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from tracker.domain.messages import Message
from tracker.domain.party_actions import ActionKind
from tracker.domain.relations import RELATION_WORDS, RelationKind
from tracker.i18n import full_name, translate
from tracker.labels import LABELS
from tracker.schemas import max_length
from tracker.schemas.party_actions import PartyActionInput
from tracker.schemas.relations import RelationInput
from tracker.services.party_action_checks import act_refusals, objectable_reservations
from tracker.web import choices
from tracker.web.forms import ChoiceField, TrackerForm, VersionField, options, strip


def _optional_id(value: Any) -> int | None:
    """A select's value: an id, or None for "none named" (a value not a number is None
    too: the select offers only ids)."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class PartyActionForm(TrackerForm):
    """One act of a Party. A date left empty is "not recorded": the act happened and its
    date is unknown."""

    schema = PartyActionInput

    party_row_id = ChoiceField(_l("Party"), coerce=int, choose=_l("Choose a party from the list."))
    kind = ChoiceField(
        _l("Act"),
        choices=[(k.value, LABELS[k]) for k in ActionKind],
        choose=_l("Choose an action from the list."),
    )
    on = DateField(
        _l("Date"),
        validators=[Optional()],
        description=_l("Leave empty when the act happened but its date is not recorded."),
    )
    effective_on = DateField(
        _l("Until / takes effect on"),
        validators=[Optional()],
        description=_l(
            "Provisional application: until when. Denunciation or withdrawal: the day it "
            "takes effect."
        ),
    )
    instrument_ref = StringField(
        _l("Instrument or law"),
        filters=[strip],
        description=_l("The reference of the instrument or law, e.g. of ratification."),
        render_kw={"maxlength": max_length(PartyActionInput, "instrument_ref")},
    )
    notification_ref = StringField(
        _l("Depositary notification"),
        filters=[strip],
        render_kw={"maxlength": max_length(PartyActionInput, "notification_ref")},
    )
    note = TextAreaField(_l("Note"), filters=[strip])
    document_url = StringField(
        _l("Document link"),
        filters=[strip],
        render_kw={"maxlength": max_length(PartyActionInput, "document_url")},
    )
    objects_to_id = SelectField(
        _l("Objection to the reservation"),
        coerce=_optional_id,
        validate_choice=False,  # checked by the service's rule, with the other refusals
        description=_l("Of an objection: the reservation of another party it objects to."),
    )
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def prepare(self, rows: list[Any], action: Any = None) -> None:
        """The agreement's Parties to choose from (their rows' ids), and the act changed
        (None: a new one)."""
        self.party_row_id.choices = [(r.id, full_name(r.party)) for r in rows]
        reservations: dict[int, Any] = {}
        for row in rows:  # a new act: any Party's; a change: the other Parties' only
            for a in objectable_reservations(row):
                reservations[a.id] = a
        self.objects_to_id.choices = [("", _l("None named"))] + [
            (a.id, reservation_label(a)) for a in reservations.values()
        ]
        self._rows = {r.id: r for r in rows}
        self._action = action

    def validate(self, extra_validators: Any = None) -> bool:
        """As TrackerForm's, with the act's own refusals (a date in the future, the same
        act already recorded: tracker.services.party_action_checks) shown with the other
        fields' errors at once, not after them."""
        ok = super().validate(extra_validators)
        if self.on.errors:
            return ok  # a date that could not be read is not compared
        rows = getattr(self, "_rows", {})
        row = rows.get(self.party_row_id.data) if not self.party_row_id.errors else None
        kind = self.kind.data if not self.kind.errors else None
        for refusal in act_refusals(
            row,
            kind,
            self.on.data,
            action=getattr(self, "_action", None),
            objects_to_id=self.objects_to_id.data,
        ):
            self._add_message(refusal.field, translate(refusal.message))
            ok = False
        return ok

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "kind": self.kind.data,
            "on": self.on.data,
            "effective_on": self.effective_on.data,
            "instrument_ref": self.instrument_ref.data or "",
            "notification_ref": self.notification_ref.data or "",
            "note": self.note.data or "",
            "document_url": self.document_url.data or "",
            "objects_to_id": self.objects_to_id.data,
        }


def reservation_label(action: Any) -> str:
    """ "Reservation of Atlantis, 3 Mar 2025" (its date "not recorded" when unknown)."""
    if action.on is None:
        return translate(
            Message("Reservation of %(party)s, date not recorded", party=action.party.named)
        )
    return translate(
        Message("Reservation of %(party)s, %(on)s", party=action.party.named, on=action.on)
    )


class DeleteForm(TrackerForm):
    """The version the user saw, so a delete of a changed act is refused."""

    version = VersionField()


class PastePartiesForm(TrackerForm):
    """Parties pasted one per line (e.g. a column copied from a spreadsheet)."""

    names = TextAreaField(
        _l("Parties, one per line"),
        validators=[DataRequired(_l("Paste at least one party."))],
        description=_l(
            "A name not known yet is added as a new party (a state). Names separated by "
            "semicolons on one line are taken one by one."
        ),
    )
    group_name = StringField(
        _l("Group (optional)"),
        filters=[strip],
        description=_l("e.g. EU Member States: the group shows its own progress."),
    )
    version = VersionField()


class RelationForm(TrackerForm):
    """This agreement <kind> another agreement."""

    schema = RelationInput

    kind = ChoiceField(
        _l("Relation"),
        choices=[(k.value, _l(RELATION_WORDS[k][0])) for k in RelationKind],
        choose=_l("Choose a relation from the list."),
    )
    other_agreement_id = ChoiceField(
        _l("Other agreement"), coerce=int, choose=_l("Choose an agreement from the list.")
    )
    note = StringField(
        _l("Note"),
        filters=[strip],
        render_kw={"maxlength": max_length(RelationInput, "note")},
    )

    def prepare(self, agreement_id: int) -> None:
        self.other_agreement_id.choices = options(
            [c for c in choices.agreements(blank=False) if c[0] != agreement_id]
        )

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "kind": self.kind.data,
            "other_agreement_id": self.other_agreement_id.data,
            "note": self.note.data or "",
        }
