"""The agreements pages' forms: they parse; the limits are the schemas'."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.domain.party_actions import ActionKind
from tracker.labels import LABELS
from tracker.models import (
    AgreementArea,
    AgreementKind,
    AgreementStatus,
    PartySide,
    User,
)
from tracker.schemas import max_length
from tracker.schemas.agreements import AgreementInput, AreaRow
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


class AgreementForm(TrackerForm):
    # Limits, web addresses and the order of the dates are AgreementInput's.
    schema = AgreementInput

    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Enter the agreement's title."))],
        filters=[strip],
        render_kw={"maxlength": max_length(AgreementInput, "title")},
    )
    short_title = StringField(
        _l("Short title"),
        filters=[strip],
        description=_l("The name officers use, e.g. EPCA."),
        render_kw={"maxlength": max_length(AgreementInput, "short_title")},
    )
    official_title_ru = StringField(
        _l("Official title in Russian"),
        filters=[strip],
        description=_l("Shown to readers who use the tracker in Russian."),
        render_kw={"maxlength": max_length(AgreementInput, "official_title_ru"), "lang": "ru"},
    )
    official_title_kk = StringField(
        _l("Official title in Kazakh"),
        filters=[strip],
        description=_l("Shown to readers who use the tracker in Kazakh."),
        render_kw={"maxlength": max_length(AgreementInput, "official_title_kk"), "lang": "kk"},
    )
    kind = ChoiceField(
        _l("Kind"),
        choices=[(k.value, LABELS[k]) for k in AgreementKind],
        choose=_l("Choose bilateral, mixed or multilateral."),
    )
    status = ChoiceField(
        _l("Status"),
        choices=[(s.value, LABELS[s]) for s in AgreementStatus],
        choose=_l("Choose a status from the list."),
    )
    party_ids = MultiChoiceField(
        _l("Parties"), coerce=int, choose=_l("Choose parties from the list.")
    )
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    signed_at = StringField(
        _l("Signed at (place)"),
        filters=[strip],
        render_kw={"maxlength": max_length(AgreementInput, "signed_at")},
    )
    provisionally_applied_on = DateField(_l("Provisionally applied from"), validators=[Optional()])
    in_force_on = DateField(_l("In force from"), validators=[Optional()])
    areas = TextAreaField(
        _l("Areas covered"),
        description=_l(
            "One area a line. Existing areas keep their owners when renamed lines stay."
        ),
    )
    summary = TextAreaField(_l("Summary"), filters=[strip])
    reference_url = StringField(
        _l("Reference URL"),
        filters=[strip],
        render_kw={"maxlength": max_length(AgreementInput, "reference_url")},
    )
    depositary = StringField(
        _l("Depositary"),
        filters=[strip],
        render_kw={"maxlength": max_length(AgreementInput, "depositary")},
    )
    authentic_languages = StringField(
        _l("Authentic languages"),
        filters=[strip],
        description=_l("e.g. English, Kazakh, Russian"),
        render_kw={"maxlength": max_length(AgreementInput, "authentic_languages")},
    )
    place_of_deposit = StringField(
        _l("Place of deposit"),
        filters=[strip],
        render_kw={"maxlength": max_length(AgreementInput, "place_of_deposit")},
    )
    publication_ref = StringField(
        _l("Official publication"),
        filters=[strip],
        description=_l("e.g. OJ L 29, 4.2.2016"),
        render_kw={"maxlength": max_length(AgreementInput, "publication_ref")},
    )
    owner_id = ChoiceField(
        _l("Owner"),
        coerce=optional_int,
        choose=_l("Choose an officer from the list."),
        description=_l(
            "Answers for the agreement; reminded when a Party's next act (its signature, "
            "ratification, acceptance, approval or accession) is overdue."
        ),
    )
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in
    line_lists = frozenset({"areas"})

    def values_of(self, record: Any) -> dict[str, Any]:
        return {
            **super().values_of(record),
            "party_ids": [p.id for p in record.parties],
            "areas": [a.name for a in record.areas],
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.party_ids.choices = options(choices.parties())
        self.owner_id.choices = options(choices.officers())

    def schema_input(self) -> dict[str, Any]:
        # The areas are typed one a line; the schema takes them as a list.
        return {**super().schema_input(), "areas": self.area_names()}

    def area_names(self) -> list[str]:
        lines = (line.strip() for line in (self.areas.data or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "title": self.title.data,
            "short_title": self.short_title.data or "",
            "official_title_ru": self.official_title_ru.data or "",
            "official_title_kk": self.official_title_kk.data or "",
            "kind": AgreementKind(self.kind.data),
            "status": AgreementStatus(self.status.data),
            "signed_on": self.signed_on.data,
            "signed_at": self.signed_at.data or "",
            "provisionally_applied_on": self.provisionally_applied_on.data,
            "in_force_on": self.in_force_on.data,
            "summary": self.summary.data or "",
            "reference_url": self.reference_url.data or "",
            "depositary": self.depositary.data or "",
            "authentic_languages": self.authentic_languages.data or "",
            "place_of_deposit": self.place_of_deposit.data or "",
            "publication_ref": self.publication_ref.data or "",
            "owner_id": self.owner_id.data,
        }


class AreaForm(TrackerForm):
    """One row of the areas table: its owner and a note on where it stands."""

    owner = ChoiceField(
        _l("Owner"), coerce=optional_int, choose=_l("Choose an officer from the list.")
    )
    status_note = StringField(_l("Status note"), filters=[strip])
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def values_of(self, record: Any) -> dict[str, Any]:
        return {"owner": record.owner_id, "status_note": record.status_note}

    schema = AreaRow

    def schema_input(self) -> dict[str, Any]:
        return {"status_note": self.status_note.data or ""}

    def prepare(self, area: AgreementArea, owner_options: list[Any]) -> None:
        self.owner.choices = owner_options
        if not self.is_submitted():
            self.owner.data = area.owner_id

    def owner_id(self) -> int | None:
        return self.owner.data


class AreaByEmailForm(TrackerForm):
    """The same row where there are more officers than a select can sensibly list: the
    owner is typed as an email address, with the people already working on the
    agreement offered as suggestions (one shared list, not a select per row)."""

    owner = StringField(
        _l("Owner's email"),
        validators=[Length(max=254)],
        filters=[strip],
        render_kw={"list": "agreement-team", "autocomplete": "off", "inputmode": "email"},
    )
    status_note = StringField(_l("Status note"), filters=[strip])
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def values_of(self, record: Any) -> dict[str, Any]:
        owner = record.owner.email if record.owner else ""
        return {"owner": owner, "status_note": record.status_note}

    schema = AreaRow
    _owner: User | None = None

    def schema_input(self) -> dict[str, Any]:
        return {"status_note": self.status_note.data or ""}

    def prepare(self, area: AgreementArea, owner_options: list[Any]) -> None:
        if not self.is_submitted():
            self.owner.data = area.owner.email if area.owner else ""

    def validate_owner(self, field: StringField) -> None:
        if not field.data:
            return
        self._owner = choices.officer_by_email(field.data)
        if self._owner is None:
            raise ValidationError(_l("No active officer has this email address."))

    def owner_id(self) -> int | None:
        return self._owner.id if self._owner else None


#: the side select's empty choice on a row whose side is not set: the side it is derived as
#: (Ratification.part, from the Party's kind and the agreement's groups; h19g2 #4)
NOT_SET_AS = {
    PartySide.ONE_PART: _l("Not set: of the one part"),
    PartySide.OTHER_PART: _l("Not set: of the other part"),
}


class RatificationForm(TrackerForm):
    """One row of the parties table: the dates of that party's ratification."""

    signed_on = DateField(_l("Signed"), validators=[Optional()])
    notified_on = DateField(_l("Procedures notified"), validators=[Optional()])
    deposited_on = DateField(_l("Deposited"), validators=[Optional()])
    #: the kind of the instrument deposited (h19g2 #3): the act's own, else ratification
    deposited_kind = ChoiceField(
        _l("Kind of instrument"),
        default=ActionKind.RATIFICATION.value,
        choices=[
            (k.value, LABELS[k])
            for k in (
                ActionKind.RATIFICATION,
                ActionKind.ACCEPTANCE,
                ActionKind.APPROVAL,
                ActionKind.ACCESSION,
            )
        ],
        choose=_l("Choose ratification, acceptance, approval or accession."),
    )
    provisionally_applied_on = DateField(_l("Provisionally applied"), validators=[Optional()])
    expected_by = DateField(_l("Expected by"), validators=[Optional()])
    side = ChoiceField(
        _l("Side"),
        default="",
        choices=[
            ("", _l("Not set")),
            (PartySide.ONE_PART.value, LABELS[PartySide.ONE_PART]),
            (PartySide.OTHER_PART.value, LABELS[PartySide.OTHER_PART]),
        ],
        description=_l(
            "Of a mixed agreement: of the one part (the Union and its Member States) or of "
            "the other part (the partner)."
        ),
    )
    name_ru = StringField(
        _l("Name in Russian"),
        validators=[Length(max=200)],
        filters=[strip],
        render_kw={"maxlength": 200, "lang": "ru", "placeholder": _l("Name in Russian")},
        description=_l("The Party's official name in Russian; empty: the English name."),
    )
    name_kk = StringField(
        _l("Name in Kazakh"),
        validators=[Length(max=200)],
        filters=[strip],
        render_kw={"maxlength": 200, "lang": "kk", "placeholder": _l("Name in Kazakh")},
        description=_l("The Party's official name in Kazakh; empty: the English name."),
    )
    version = VersionField()
    merges = True  # after a conflict, the other officer's changes are merged in

    def show_derived_side(self, derived: PartySide | None) -> None:
        """Say in the side select's empty choice the side the row is derived as (`derived`:
        its Ratification.part while its side is not set; None: "Not set" as it is)."""
        if derived is None:
            return
        choices = [(c.value, c.label) for c in self.side.choices]
        self.side.choices = options([("", NOT_SET_AS[derived]), *choices[1:]])
