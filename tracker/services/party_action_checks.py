"""What a Party's act may not be beyond its schema (tracker.schemas.party_actions): dated
in the future, or the same act recorded twice (issue 16 #4). One list of refusals, so that
the form shows them with its other errors at once, and the services, the API and imports
refuse alike.

**The same act** is the same Party's act of the same kind on the same date (both dates
"not recorded" count as the same date), and for an objection to the same reservation (two
objections of one day to two reservations are two acts): `act_key`, the one rule that the
form, the API (POST and PATCH) and the acts file (tracker.services.spreadsheets.action_rows)
all use. Several reservations or declarations made on one day are recorded as one act,
their texts in its note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from tracker import clock
from tracker.domain.messages import Message
from tracker.domain.objection_dates import (
    Reserved,
    objection_contradictions,
    objection_refusal,
    withdrawn_on,
)
from tracker.domain.party_actions import ActionKind, Contradiction
from tracker.domain.withdrawal_dates import (
    nothing_to_withdraw,
    withdrawal_contradictions,
    withdrawal_refusal,
)
from tracker.models import PartyAction, Ratification
from tracker.schemas.base import Refusal, SchemaRefusal, validate
from tracker.schemas.party_actions import PartyActionChanges, PartyActionInput
from tracker.services.act_date_checks import provisional_refusals

#: the fields of an act (PartyActionInput's)
FIELDS = PartyActionInput.FIELDS

#: what makes an act the same act as another of the same Party: kind, date, reservation
ActKey = tuple[str, date | None, int | None]


def act_key(kind: ActionKind | str, on: date | None, objects_to_id: int | None = None) -> ActKey:
    """The identity of a Party's act among that Party's acts under one agreement: its kind,
    its date (None: not recorded) and, for an objection only, the reservation it names."""
    objection = str(kind) == ActionKind.OBJECTION.value
    return (str(kind), on, objects_to_id if objection else None)


def key_of(act: Any) -> ActKey:
    """act_key of a stored act or a validated input (PartyAction, PartyActionInput)."""
    return act_key(act.kind, act.on, act.objects_to_id)


def same_acts(
    row: Ratification, key: ActKey, *, action: PartyAction | None = None
) -> list[PartyAction]:
    """The acts of the Party of `row` with the identity `key`, other than `action`."""
    return [a for a in row.actions if a is not action and key_of(a) == key]


def same_act_refusal(row: Ratification, kind: ActionKind | str, on: date | None) -> Refusal:
    """The refusal (at the field "on") of an act already recorded for the Party of `row`."""
    label = ActionKind(str(kind)).label
    return Refusal(
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


def act_refusals(
    row: Ratification | None,
    kind: ActionKind | str | None,
    on: date | None,
    *,
    action: PartyAction | None = None,
    objects_to_id: int | None = None,
) -> list[Refusal]:
    """The refusals of an act of `kind` on `on` by the Party of `row` (None: not known
    yet, only the date is checked), `action` being the act changed (None: a new one): a
    date after the clock's today; the same act already recorded (each at the field "on");
    an objection naming (`objects_to_id`) what is not a reservation of another Party of
    the same agreement (at the field "objects_to_id"); an objection dated before the
    reservation it names or after its withdrawal (at the field "on";
    tracker.domain.objection_dates); an end of provisional application with no start on
    or before it, or a start moved after its Party's end (at the field "on";
    tracker.domain.act_dates)."""
    refusals = _objection_refusals(row, kind, objects_to_id)
    refusals += _objected_to_refusals(row, kind, action)
    refusals += _objection_date_refusals(row, kind, on, objects_to_id)
    refusals += withdrawal_refusals(row, kind, on, action=action)
    refusals += provisional_refusals(row, kind, on, action=action)
    refusals += moved_reservation_refusals(row, on, action)
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
    if same_acts(row, act_key(kind, on, objects_to_id), action=action):
        refusals.append(same_act_refusal(row, kind, on))
    return refusals


def moved_reservation_refusals(
    row: Ratification | None, on: date | None, action: PartyAction | None
) -> list[Refusal]:
    """A stored reservation, or withdrawal of one, moved to `on` so that an objection or a
    withdrawal standing on it would contradict it (an objection dated before the
    reservation it names or after its withdrawal; a withdrawal with no reservation left
    standing): refused at the field "on", as the objection or the withdrawal itself would
    be (fc16e #2: the move was saved and only flagged afterwards). What was contradictory
    before the move is not blamed on it."""
    moving = (ActionKind.RESERVATION.value, ActionKind.RESERVATION_WITHDRAWAL.value)
    if row is None or action is None or str(action.kind) not in moving or on == action.on:
        return []
    agreement = row.agreement

    def moved(act: PartyAction) -> date | None:
        return on if act is action else act.on

    # a moved withdrawal's own standing is withdrawal_refusals' (not refused twice); the
    # others' are the objections naming what it withdraws
    flags: list[Callable[..., list[Contradiction]]] = [objection_flags]
    if str(action.kind) == ActionKind.RESERVATION.value:
        flags.append(withdrawal_flags)
    before = [c for of in flags for c in of(agreement)]
    after = [c for of in flags for c in of(agreement, moved)]
    return [
        Refusal(
            "on",
            Message(
                "This date would make another act contradict this one: %(contradiction)s",
                contradiction=flag.message,
            ),
        )
        for flag in after
        if flag not in before
    ]


def objectable_reservations(row: Ratification) -> list[PartyAction]:
    """The reservations an objection by the Party of `row` may name: those of the other
    Parties under the same agreement (VCLT art. 20(4)(b), 21(3): a State objects to a
    reservation formulated by another), dated first, undated last."""
    found = [
        a
        for other in row.agreement.ratifications
        if other.party_id != row.party_id
        for a in other.actions
        if str(a.kind) == ActionKind.RESERVATION.value
    ]
    return sorted(found, key=lambda a: (a.on is None, a.on or date.min, a.id))


def _stored_on(act: PartyAction) -> date | None:
    return act.on


def reserved_of(
    agreement: Any, on_of: Callable[[PartyAction], date | None] = _stored_on
) -> dict[int, Reserved]:
    """Each reservation under `agreement` (its rows and acts loaded), by the act's id: the
    reserving Party, its date and the day it was withdrawn when known
    (tracker.domain.objection_dates.withdrawn_on); `on_of` gives each act's date (by
    default its stored one)."""
    found: dict[int, Reserved] = {}
    for row in agreement.ratifications:
        own = [(a.id, on_of(a)) for a in row.actions if str(a.kind) == ActionKind.RESERVATION.value]
        withdrawals = [
            on_of(a) for a in row.actions if str(a.kind) == ActionKind.RESERVATION_WITHDRAWAL.value
        ]
        withdrawn = withdrawn_on(own, withdrawals)
        for act_id, on in own:
            found[act_id] = Reserved(row.party.named, on, withdrawn.get(act_id))
    return found


def objection_flags(
    agreement: Any, on_of: Callable[[PartyAction], date | None] = _stored_on
) -> list[Contradiction]:
    """The agreement's stored objections dated before the reservation they name or after
    its withdrawal, for its consistency panel (its rows and acts loaded)."""
    objections = [
        (r.party.named, on_of(a), a.objects_to_id)
        for r in agreement.ratifications
        for a in r.actions
        if str(a.kind) == ActionKind.OBJECTION.value
    ]
    if not objections:
        return []
    return objection_contradictions(objections, reserved_of(agreement, on_of))


def withdrawal_refusals(
    row: Ratification | None,
    kind: ActionKind | str | None,
    on: date | None,
    *,
    action: PartyAction | None = None,
    added: Iterable[ActKey] = (),
) -> list[Refusal]:
    """A withdrawal of a reservation by the Party of `row` on `on` with no reservation of
    that Party standing (tracker.domain.withdrawal_dates), at the field "on"; `action` the
    act changed (None: a new one), `added` the keys of acts the rows above in a file add."""
    if row is None or str(kind) != ActionKind.RESERVATION_WITHDRAWAL.value:
        return []
    acts = [(str(a.kind), a.on) for a in row.actions if a is not action]
    acts += [(k, day) for k, day, _ in added]
    reservations = [day for k, day in acts if k == ActionKind.RESERVATION.value]
    withdrawals = [day for k, day in acts if k == ActionKind.RESERVATION_WITHDRAWAL.value]
    if not nothing_to_withdraw(on, reservations, withdrawals):
        return []
    return [Refusal("on", withdrawal_refusal(row.party.named, on))]


def withdrawal_flags(
    agreement: Any, on_of: Callable[[PartyAction], date | None] = _stored_on
) -> list[Contradiction]:
    """The agreement's stored withdrawals of a reservation with no reservation of their
    Party standing, for its consistency panel (its rows and acts loaded)."""
    found = []
    for row in agreement.ratifications:
        withdrawals = [
            on_of(a) for a in row.actions if str(a.kind) == ActionKind.RESERVATION_WITHDRAWAL.value
        ]
        if withdrawals:
            reservations = [
                on_of(a) for a in row.actions if str(a.kind) == ActionKind.RESERVATION.value
            ]
            found += withdrawal_contradictions(row.party.named, reservations, withdrawals)
    return found


def _objection_date_refusals(
    row: Ratification | None,
    kind: ActionKind | str | None,
    on: date | None,
    objects_to_id: int | None,
) -> list[Refusal]:
    if row is None or objects_to_id is None or str(kind) != ActionKind.OBJECTION.value:
        return []
    if not any(a.id == objects_to_id for a in objectable_reservations(row)):
        return []  # refused at "objects_to_id" (_objection_refusals)
    message = objection_refusal(on, reserved_of(row.agreement)[objects_to_id])
    return [Refusal("on", message)] if message is not None else []


def _objection_refusals(
    row: Ratification | None, kind: ActionKind | str | None, objects_to_id: int | None
) -> list[Refusal]:
    if objects_to_id is None or row is None or str(kind) != ActionKind.OBJECTION.value:
        return []  # a non-objection naming one is refused by the schema (PartyActionInput)
    if any(a.id == objects_to_id for a in objectable_reservations(row)):
        return []
    if any(a.id == objects_to_id for a in row.actions):
        message = Message(
            "An objection names a reservation of another party to this agreement "
            "(%(party)s cannot object to its own).",
            party=row.party.named,
        )
    else:
        message = Message(
            "An objection names a reservation of another party to this agreement: "
            "no such reservation is recorded."
        )
    return [Refusal("objects_to_id", message)]


def _objected_to_refusals(
    row: Ratification | None, kind: ActionKind | str | None, action: PartyAction | None
) -> list[Refusal]:
    """A reservation that an objection names stays a reservation (the objection would
    name another kind of act): at the field "kind"."""
    if row is None or action is None or not kind or str(kind) == ActionKind.RESERVATION.value:
        return []
    objections = [
        a
        for other in row.agreement.ratifications
        for a in other.actions
        if a.objects_to_id == action.id
    ]
    if not objections:
        return []
    return [
        Refusal(
            "kind",
            Message(
                "An objection by %(party)s names this reservation: it stays a reservation "
                "(change or delete the objection first).",
                party=objections[0].party.named,
            ),
        )
    ]


def refuse_act(
    row: Ratification | None, data: PartyActionInput, *, action: PartyAction | None = None
) -> None:
    """Raises SchemaRefusal with every refusal of act_refusals, if any."""
    refusals = act_refusals(
        row, data.kind, data.on, action=action, objects_to_id=data.objects_to_id
    )
    if refusals:
        raise SchemaRefusal(refusals)


def checked_act(
    row: Ratification | None, fields: Mapping[str, Any], *, action: PartyAction | None = None
) -> tuple[PartyActionInput | None, list[Refusal]]:
    """`fields` (a whole act, as a form, an API body or a file's row gives it, a changed
    act's stored fields under the changes) as PartyActionInput, with every refusal at once
    (h16b #2): each field's and the rules across fields (tracker.schemas.base.validate),
    and act_refusals on the fields that did parse, for a field not refused already. The
    input is None when anything is refused."""
    try:
        return _with_act_refusals(row, validate(PartyActionInput, fields), action)
    except SchemaRefusal as refusal:
        refusals = list(refusal.refusals)
    refused = {(r.field or "").split(".", 1)[0] for r in refusals}
    parsed_fields = {k: v for k, v in fields.items() if k in FIELDS and k not in refused}
    try:  # every field optional: the ones that fit on their own
        parsed = PartyActionChanges.model_validate(parsed_fields)
    except ValidationError:
        return None, refusals
    more = act_refusals(
        row,
        parsed.kind,
        parsed.on,
        action=action,
        objects_to_id=parsed.objects_to_id,
    )
    return None, refusals + [r for r in more if r.field not in refused]


def checked_input(
    row: Ratification, fields: Mapping[str, Any], *, action: PartyAction | None = None
) -> PartyActionInput:
    """`fields` as PartyActionInput, or SchemaRefusal with every refusal of the act at
    once (checked_act)."""
    data, refusals = checked_act(row, fields, action=action)
    if data is None:
        raise SchemaRefusal(refusals)
    return data


def _with_act_refusals(
    row: Ratification | None, data: PartyActionInput, action: PartyAction | None
) -> tuple[PartyActionInput | None, list[Refusal]]:
    refusals = act_refusals(
        row, data.kind, data.on, action=action, objects_to_id=data.objects_to_id
    )
    return (None, refusals) if refusals else (data, [])


def refuse_objection(
    row: Ratification, data: PartyActionInput, *, added: Iterable[ActKey] = ()
) -> None:
    """Raises SchemaRefusal when the act, by the Party of `row`, is an objection naming
    what is not a reservation of another Party of the same agreement, or dated before it
    or after its withdrawal, or a withdrawal with no reservation standing, or an end of
    provisional application with no start on or before it (`added`: the acts the rows
    above in the file add) (the checks of act_refusals on objections, withdrawals and
    provisional application alone, for an import's new row, whose same act is not a
    refusal)."""
    refusals = _objection_refusals(row, data.kind, data.objects_to_id)
    refusals += _objection_date_refusals(row, data.kind, data.on, data.objects_to_id)
    refusals += withdrawal_refusals(row, data.kind, data.on, added=added)
    refusals += provisional_refusals(row, data.kind, data.on, added=added)
    if refusals:
        raise SchemaRefusal(refusals)
