"""What a Party's act may not be beyond its schema (tracker.schemas.party_actions): dated
in the future, or the same act recorded twice (issue 16 #4). One list of refusals, so that
the form shows them with its other errors at once, and the services, the API and imports
refuse alike.

**The same act** is the same Party's act of the same kind on the same date (both dates
"not recorded" count as the same date): what an import already takes as one act when it
is given again (tracker.services.spreadsheets.action_rows). Several reservations or
declarations made on one day are recorded as one act, their texts in its note.
"""

from __future__ import annotations

from datetime import date

from tracker import clock
from tracker.domain.messages import Message
from tracker.domain.party_actions import ActionKind
from tracker.models import PartyAction, Ratification
from tracker.schemas.base import Refusal, SchemaRefusal
from tracker.schemas.party_actions import PartyActionInput


def act_refusals(
    row: Ratification | None,
    kind: ActionKind | str | None,
    on: date | None,
    *,
    action: PartyAction | None = None,
) -> list[Refusal]:
    """The refusals of an act of `kind` on `on` by the Party of `row` (None: not known
    yet, only the date is checked), `action` being the act changed (None: a new one): a
    date after the clock's today; the same act already recorded. Each at the field "on"."""
    refusals = []
    if on is not None and on > clock.today():
        refusals.append(
            Refusal(
                "on",
                Message(
                    "An act cannot be dated in the future (%(on)s): record it when it happens, "
                    "and put the date it is expected by in the party's row.",
                    on=on,
                ),
            )
        )
    if row is None or not kind:
        return refusals
    same = [a for a in row.actions if a is not action and str(a.kind) == str(kind) and a.on == on]
    if same:
        label = ActionKind(str(kind)).label
        refusals.append(
            Refusal(
                "on",
                Message(
                    "This act is already recorded for %(party)s: %(act)s of %(on)s. "
                    "Change that one instead.",
                    party=row.party.named,
                    act=Message(label),
                    on=on,
                )
                if on is not None
                else Message(
                    "This act is already recorded for %(party)s: %(act)s, its date not "
                    "recorded. Change that one instead.",
                    party=row.party.named,
                    act=Message(label),
                ),
            )
        )
    return refusals


def refuse_act(
    row: Ratification | None, data: PartyActionInput, *, action: PartyAction | None = None
) -> None:
    """Raises SchemaRefusal with every refusal of act_refusals, if any."""
    refusals = act_refusals(row, data.kind, data.on, action=action)
    if refusals:
        raise SchemaRefusal(refusals)
