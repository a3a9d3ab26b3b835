"""The kind of instrument the matrix's Deposited cell records (h19g2 #3): ratification,
acceptance, approval or accession, chosen by the officer in "Edit the dates" (a
ratification by default, as before). The act it makes or changes is checked by the rules
of "Record a party action" (tracker.services.party_action_checks.checked_act), not a copy
of them.

Services flush and raise ServiceError / SchemaRefusal; the boundary commits.
"""

from __future__ import annotations

from datetime import date

from tracker.domain.messages import Message
from tracker.domain.party_actions import INSTRUMENTS, ActionKind
from tracker.models import PartyAction, Ratification
from tracker.models.row_steps import column_act
from tracker.schemas.base import Refusal, SchemaRefusal
from tracker.services.errors import ServiceError
from tracker.services.party_action_checks import FIELDS, checked_act
from tracker.services.records import snapshot

#: the act's fields as the row's form calls them (the rest are the Deposited cell's)
_CELL_FIELDS = {"kind": "deposited_kind", "on": "deposited_on"}


def instrument_kind(kind: ActionKind | str) -> ActionKind:
    """`kind` as an instrument's kind (INSTRUMENTS). Raises ServiceError (field
    "deposited_kind") for any other kind."""
    if str(kind) not in {k.value for k in INSTRUMENTS}:
        raise ServiceError(
            Message("Choose ratification, acceptance, approval or accession."),
            field="deposited_kind",
        )
    return ActionKind(str(kind))


def refuse_deposit(row: Ratification, kind: ActionKind, on: date | None) -> PartyAction | None:
    """Check the instrument the Deposited cell will record for `row`'s Party, of `kind`
    on `on` (None: its date not recorded), as "Record a party action" checks an act (a new
    one, or the act the cell stands for changed: column_act). Returns that act (None: a
    new one, or none when the cell is empty and stands for no act). Raises SchemaRefusal
    with every refusal, at the row's Deposited cell."""
    act = column_act(row, "deposited_on")
    if act is None and on is None:
        return None
    fields = {**snapshot(act, FIELDS), "kind": kind.value, "on": on} if act else {}
    if act is not None and (str(act.kind), act.on) == (kind.value, on):
        return act  # the act as stored: nothing new to check
    _, refusals = checked_act(row, fields or {"kind": kind.value, "on": on}, action=act)
    if refusals:
        raise SchemaRefusal(
            [Refusal(_CELL_FIELDS.get(r.field or "", "deposited_on"), r.message) for r in refusals]
        )
    return act


def set_deposit_kind(row: Ratification, act: PartyAction | None, kind: ActionKind) -> bool:
    """Give the instrument of the Deposited cell (`act`, or the one the cell's date has
    just made) the kind `kind`. Returns whether a kind changed."""
    act = act or column_act(row, "deposited_on")
    if act is None or str(act.kind) == kind.value:
        return False
    act.kind = kind
    return True
