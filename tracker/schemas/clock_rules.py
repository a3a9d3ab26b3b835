"""What a valid final-clause rule is (issue 16 #4): the web form and any other door."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import ConfigDict, Field

from tracker.domain.clock_words import rule_refusal
from tracker.domain.clocks import NTH_ANCHORS, Anchor, Clause, Mode, Purpose, Unit
from tracker.domain.messages import Message
from tracker.models import ClockRule
from tracker.schemas.base import Refusal, Schema, line

#: a clause counts at most 100 years (a term of 99 years is the longest one sees), in
#: whichever unit it is given
MAX_OFFSET = 36_600
MAX_IN_UNIT = {Unit.DAYS: MAX_OFFSET, Unit.MONTHS: 1_200, Unit.YEARS: 100}
#: the modes that count a period (of 1 or more)
PERIODS = (Mode.AFTER, Mode.BEFORE, Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD)
#: an "after the Nth instrument" clause of a large multilateral convention
MAX_NTH = 500


class ClockRuleInput(Schema):
    """One clause: `purpose` is what it fixes; the date is `mode` applied to `offset`
    `unit`s from the `anchor` event; `nth` only for the deposit of the Nth instrument or the
    Nth Party's consent to be bound."""

    purpose: Purpose
    mode: Mode
    anchor: Anchor
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0
    unit: Unit = Unit.MONTHS
    nth: Annotated[int, Field(ge=1, le=MAX_NTH)] | None = None
    note: line(ClockRule.note) = ""  # type: ignore[valid-type]

    FIELDS: ClassVar[tuple[str, ...]] = (
        "purpose",
        "mode",
        "anchor",
        "offset",
        "unit",
        "nth",
        "note",
    )

    def rule_refusals(self) -> list[Refusal]:
        if self.anchor is Anchor.NTH_INSTRUMENT and self.nth is None:
            return [Refusal("nth", Message("Give the number of the instrument (N)."))]
        if self.anchor is Anchor.NTH_CONSENT and self.nth is None:
            return [Refusal("nth", Message("Give the number of the Party (N)."))]
        if self.anchor not in NTH_ANCHORS and self.nth is not None:
            return [
                Refusal(
                    "nth",
                    Message(
                        "Only a clause on the Nth instrument or the Nth Party's consent has an N."
                    ),
                )
            ]
        if self.mode is Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING and self.offset < 1:
            return [Refusal("offset", Message("The Nth month following needs N of 1 or more."))]
        if self.mode in PERIODS and self.offset < 1:
            return [
                Refusal(
                    "offset",
                    Message(
                        "A period needs a length of 1 or more; for the day of the event "
                        'itself choose "On the date of the event".'
                    ),
                )
            ]
        if self.offset > MAX_IN_UNIT[self.unit]:
            return [
                Refusal(
                    "offset",
                    Message(
                        "A period is at most 100 years: %(most)s in this unit.",
                        most=MAX_IN_UNIT[self.unit],
                    ),
                )
            ]
        if self.mode is Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD and self.unit is Unit.DAYS:
            return [Refusal("unit", Message("This period is in months or years."))]
        refusal = rule_refusal(self.purpose, self.clause)
        return [Refusal("anchor", refusal)] if refusal is not None else []

    @property
    def clause(self) -> Clause:
        return Clause(self.mode, self.anchor, self.offset, self.unit, self.nth)


def changes_schema(schema: dict[str, Any]) -> None:
    """A PATCH body's JSON schema: at least one field, none with a default."""
    schema["minProperties"] = 1
    for value in schema.get("properties", {}).values():
        value.pop("default", None)


class ClockRuleChanges(Schema):
    """Changes to a final clause (the API's PATCH): only the fields given change; the
    clause with them is checked whole by ClockRuleInput, as the form's is."""

    model_config = ConfigDict(json_schema_extra=changes_schema)

    purpose: Purpose = None  # type: ignore[assignment]
    mode: Mode = None  # type: ignore[assignment]
    anchor: Anchor = None  # type: ignore[assignment]
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = None  # type: ignore[assignment]
    unit: Unit = None  # type: ignore[assignment]
    nth: Annotated[int, Field(ge=1, le=MAX_NTH)] | None = None
    note: line(ClockRule.note) = None  # type: ignore[valid-type]
