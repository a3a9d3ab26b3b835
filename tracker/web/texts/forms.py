"""The negotiating text's forms: a provision (its text in each language side by side) and
the positions on it at a round."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField

from tracker.domain.provisions import LANGUAGES, ProvisionKind, ProvisionStatus
from tracker.domain.sides import Sides
from tracker.labels import LABELS
from tracker.models import Milestone
from tracker.schemas import max_length
from tracker.schemas.provisions import ProvisionInput
from tracker.web.forms import ChoiceField, TrackerForm, VersionField, optional_int, options, strip

#: each language's name, for the text areas' labels
LANGUAGE_NAMES = {
    "en": _l("Text in English"),
    "ru": _l("Text in Russian"),
    "kk": _l("Text in Kazakh"),
}

BRACKETS_HINT = _l(
    "Put passages not yet agreed in square brackets: [EU: ...] or [KZ: ...] for a side's "
    "proposal, [...] for an open one. Brackets cannot be nested; write a literal bracket "
    "as \\[ or \\]."
)


def _unix_newlines(value: str | None) -> str | None:
    """A text as typed, with the browser's line ends (CRLF) as the stored text has them."""
    return value.replace("\r\n", "\n") if value else value


def round_choices(rounds: list[Milestone]) -> list[tuple[Any, str]]:
    """The track's rounds, after a blank choice (a new status is stamped then with the
    round in progress or next planned, if any: provisions.round_for_new_status)."""
    return [("", "—"), *((r.id, r.title) for r in rounds)]


class ProvisionForm(TrackerForm):
    #: after a conflict, the other officer's changes are merged in (tracker.web.merging): a
    #: language version they changed is carried into the form, one both changed is chosen
    merges = True
    kind = ChoiceField(
        _l("Kind"),
        choices=[(k.value, LABELS[k]) for k in ProvisionKind],
        default=ProvisionKind.ARTICLE.value,
        choose=_l("Choose a kind from the list."),
    )
    number = StringField(
        _l("Number"),
        filters=[strip],
        description=_l("As shown in the text, e.g. 5 or 5.2; it may change when renumbered."),
        render_kw={"maxlength": max_length(ProvisionInput, "number")},
    )
    title = StringField(
        _l("Heading"),
        filters=[strip],
        render_kw={"maxlength": max_length(ProvisionInput, "title")},
    )
    text_en = TextAreaField(
        LANGUAGE_NAMES["en"], description=BRACKETS_HINT, filters=[_unix_newlines]
    )
    text_ru = TextAreaField(LANGUAGE_NAMES["ru"], filters=[_unix_newlines])
    text_kk = TextAreaField(LANGUAGE_NAMES["kk"], filters=[_unix_newlines])
    status = ChoiceField(
        _l("Status"),
        choices=[(s.value, LABELS[s]) for s in ProvisionStatus],
        default=ProvisionStatus.OPEN.value,
        choose=_l("Choose a status from the list."),
        description=_l(
            "Agreed ad referendum, confirmed and agreed are refused while any language "
            "version holds bracketed text."
        ),
    )
    status_round_id = ChoiceField(
        _l("Round in which the status was reached"),
        coerce=optional_int,
        choose=_l("Choose a round of this track."),
        description=_l(
            "A new status left with the round as it was is stamped with the round in "
            "progress or next planned; with none planned, with the day it was reached."
        ),
    )
    version = VersionField()

    def __init__(self, *args: Any, rounds: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.status_round_id.choices = options(round_choices(rounds))

    def name_sides(self, sides: Sides) -> None:
        """Say in the brackets hint how our side and theirs attribute a bracket."""
        if sides.ours:
            self.text_en.description = _(
                "Put passages not yet agreed in square brackets: [%(ours)s: ...] for our "
                "side's proposal, [%(theirs)s: ...] for the other side's, [...] for an open "
                "one. Brackets cannot be nested; write a literal bracket as \\[ or \\].",
                ours=sides.ours,
                theirs=(sides.their_label.split(", ")[0] if sides.their_label else "EU"),
            )

    def values_of(self, record: Any) -> dict[str, Any]:
        """The provision's values by field, each language version a field of its own."""
        return {
            **super().values_of(record),
            **{f"text_{lang}": (record.texts or {}).get(lang, "") for lang in LANGUAGES},
        }

    def fill(self, provision: Any) -> None:
        """Show a provision's saved values."""
        self.kind.data = provision.kind.value
        self.number.data = provision.number
        self.title.data = provision.title
        for language in LANGUAGES:
            self[f"text_{language}"].data = provision.texts.get(language, "")
        self.status.data = provision.status.value
        self.status_round_id.data = provision.status_round_id
        self.version.data = provision.version

    def fields_for_service(self) -> dict[str, Any]:
        return {
            "kind": self.kind.data,
            "number": self.number.data or "",
            "title": self.title.data or "",
            "texts": {
                language: (self[f"text_{language}"].data or "").replace("\r\n", "\n")
                for language in LANGUAGES
            },
            "status": self.status.data,
            "status_round_id": self.status_round_id.data,
        }


class PositionForm(TrackerForm):
    #: after a conflict, the other team member's changes are merged in (tracker.web.merging)
    merges = True
    ours = TextAreaField(_l("Our position"), filters=[strip])
    red_line = TextAreaField(
        _l("Red line"), filters=[strip], description=_l("From the mandate: what we cannot accept.")
    )
    fallback = TextAreaField(
        _l("Fallback"),
        filters=[strip],
        description=_l("From the mandate: what we may accept instead."),
    )
    theirs = TextAreaField(_l("Counterpart's position"), filters=[strip])
    notes = TextAreaField(_l("Notes"), filters=[strip])
    version = VersionField()

    def name_sides(self, sides: Sides) -> None:
        """Our position and theirs, named by the sides' short names where known."""
        if sides.ours:
            self.ours.label.text = _("Our position (%(side)s)", side=sides.ours)
        if sides.their_label:
            self.theirs.label.text = _("Their position (%(side)s)", side=sides.their_label)
        # our side unknown: "Counterpart's position", naming no party (the page asks the
        # officer to set our side)

    def fields_for_service(self) -> dict[str, Any]:
        return {
            name: self[name].data or ""
            for name in ("ours", "red_line", "fallback", "theirs", "notes")
        }
