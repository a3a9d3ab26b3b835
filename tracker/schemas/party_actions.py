"""What a valid act of a Party under an agreement is (the web form, the API body and the
CSV row alike), and a pasted list of Parties."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ConfigDict, Field

from tracker.domain.messages import Message
from tracker.domain.party_actions import ActionKind
from tracker.models import Party, PartyAction, PartySide
from tracker.models.party_action import KINDS_WITH_END
from tracker.schemas.base import Refusal, Schema, TreatyDate, line, text, web_address

LONG_TEXT = 5000
#: a pasted list of Parties: a multilateral convention has a few hundred at most
MAX_PASTED_PARTIES = 300


class PartyActionInput(Schema):
    """One act: its `kind`, its date `on` (None: "not recorded", the act happened and its
    date is unknown), `effective_on` only for the kinds that have one (provisional
    application until; a denunciation or withdrawal takes effect on), not before `on`."""

    kind: ActionKind
    on: TreatyDate | None = None
    effective_on: TreatyDate | None = None
    instrument_ref: line(PartyAction.instrument_ref) = ""  # type: ignore[valid-type]
    notification_ref: line(PartyAction.notification_ref) = ""  # type: ignore[valid-type]
    note: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    document_url: web_address(PartyAction.document_url) = ""  # type: ignore[valid-type]
    #: of an objection: the id of the reservation it objects to (another Party's act under
    #: the same agreement: tracker.services.party_action_checks); None: not named
    objects_to_id: int | None = Field(default=None, gt=0)

    FIELDS: ClassVar[tuple[str, ...]] = (
        "kind",
        "on",
        "effective_on",
        "instrument_ref",
        "notification_ref",
        "note",
        "document_url",
        "objects_to_id",
    )

    def rule_refusals(self) -> list[Refusal]:
        refusals = []
        if self.objects_to_id is not None and self.kind is not ActionKind.OBJECTION:
            refusals.append(
                Refusal(
                    "objects_to_id",
                    Message("Only an objection names the reservation it objects to."),
                )
            )
        return refusals + self._date_refusals()

    def _date_refusals(self) -> list[Refusal]:
        if self.effective_on is None:
            return []
        if self.kind not in KINDS_WITH_END:
            return [
                Refusal(
                    "effective_on",
                    Message(
                        "Only a provisional application (its end), a denunciation or a "
                        "withdrawal (the day it takes effect) has a second date."
                    ),
                )
            ]
        if self.on is not None and self.effective_on < self.on:
            return [
                Refusal(
                    "effective_on",
                    Message("This date cannot be before the date of the act (%(on)s).", on=self.on),
                )
            ]
        return []


PartyName = line(Party.name, required=True)


class PartyActionNew(PartyActionInput):
    """A new act through the API: the act, and the `party` that made it (one of the
    agreement's Parties by its name, short name, or name in Russian or Kazakh, as the
    agreement's answer gives them, in any case or script)."""

    party: PartyName  # type: ignore[valid-type]


def _changes_schema(schema: dict[str, Any]) -> None:
    schema["minProperties"] = 1
    for value in schema.get("properties", {}).values():
        value.pop("default", None)


class PartyActionChanges(Schema):
    """Changes to an act (the API's PATCH): only the fields given change; the act with them
    is checked whole by PartyActionInput, as the form's is. The Party stays the act's."""

    model_config = ConfigDict(json_schema_extra=_changes_schema)

    kind: ActionKind = None  # type: ignore[assignment]
    on: TreatyDate | None = None
    effective_on: TreatyDate | None = None
    instrument_ref: line(PartyAction.instrument_ref) = None  # type: ignore[valid-type]
    notification_ref: line(PartyAction.notification_ref) = None  # type: ignore[valid-type]
    note: text(LONG_TEXT) = None  # type: ignore[valid-type]
    document_url: web_address(PartyAction.document_url) = None  # type: ignore[valid-type]
    objects_to_id: int | None = Field(default=None, gt=0)


class PartyRowChanges(Schema):
    """Changes to a Party row of an agreement (the API's PATCH): its `side` of a mixed
    agreement, "one_part" (the Union and its Member States) or "other_part" (the
    partner); null: not set (then derived from the Party's kind and the
    agreement's own groups)."""

    model_config = ConfigDict(json_schema_extra=_changes_schema)

    side: PartySide | None = None


class PastedParties(Schema):
    """A pasted list of Parties, one per line (blank lines are skipped by the caller)."""

    names: list[PartyName] = Field(min_length=1, max_length=MAX_PASTED_PARTIES)  # type: ignore[valid-type]
