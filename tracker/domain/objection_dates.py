"""An objection against the dates of the reservation it names (issue 16, h16c #2).

A State objects to a reservation formulated by another (VCLT Arts. 20(4)(b), 21(3)), so an
objection cannot be dated before that reservation; a reservation may be withdrawn at any
time (Art. 22(1)), after which there is nothing left to object to, so an objection dated
after the withdrawal is refused too. An objection on the day of the reservation or of its
withdrawal is accepted (the order within a day is not recorded).

Which reservation a withdrawal withdraws is not recorded (a withdrawal names none): it is
taken to withdraw a reservation when that is the only one of the reserving Party standing
on the withdrawal's date (dated on or before it, not withdrawn before), the Party having
no undated reservation. Otherwise the withdrawal date is unknown for each, and unknown is
not a contradiction (issue 16): no refusal, no flag. So are undated acts.

Pure functions: dates in, dates and Messages out; the services read the acts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.messages import Message
from tracker.domain.party_actions import Contradiction

#: an objection's fault against its reservation's dates
BEFORE = "before"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Reserved:
    """A reservation as an objection sees it: the reserving Party (its name, a PartyName
    to be told in the reader's language), its date and the day it was withdrawn (None:
    not recorded, or not known which reservation a withdrawal withdrew)."""

    party: str
    on: date | None
    withdrawn_on: date | None = None


def withdrawn_on(
    reservations: Sequence[tuple[int, date | None]], withdrawals: Iterable[date | None]
) -> dict[int, date]:
    """The day each of one Party's reservations (`reservations`: (id, date or None)) was
    withdrawn, by id, from that Party's withdrawals of a reservation (their dates), as the
    module's docstring says; a reservation without a known withdrawal is left out."""
    if any(on is None for _id, on in reservations):
        return {}
    found: dict[int, date] = {}
    for day in sorted(d for d in withdrawals if d is not None):
        standing = [i for i, on in reservations if on is not None and on <= day and i not in found]
        if len(standing) == 1:
            found[standing[0]] = day
    return found


def objection_fault(on: date | None, reserved: Reserved) -> str | None:
    """BEFORE when an objection of `on` is dated before the reservation, WITHDRAWN when
    after its withdrawal, None when neither is known to be so."""
    if on is None or reserved.on is None:
        return None
    if on < reserved.on:
        return BEFORE
    if reserved.withdrawn_on is not None and on > reserved.withdrawn_on:
        return WITHDRAWN
    return None


def objection_refusal(on: date | None, reserved: Reserved) -> Message | None:
    """The refusal of an objection of `on` naming `reserved` (for the field "on"), or
    None."""
    fault = objection_fault(on, reserved)
    if fault == BEFORE:
        return Message(
            "An objection cannot be dated before the reservation it names (the reservation "
            "of %(party)s, of %(reserved_on)s).",
            party=reserved.party,
            reserved_on=reserved.on,
        )
    if fault == WITHDRAWN:
        return Message(
            "An objection cannot be dated after the reservation it names was withdrawn "
            "(the reservation of %(party)s, withdrawn on %(withdrawn_on)s).",
            party=reserved.party,
            withdrawn_on=reserved.withdrawn_on,
        )
    return None


def objection_contradictions(
    objections: Iterable[tuple[str, date | None, int | None]], reserved: Mapping[int, Reserved]
) -> list[Contradiction]:
    """The stored objections ((objecting Party, date, reservation id)) dated before the
    reservation they name or after its withdrawal, for the consistency panel."""
    found = []
    for party, on, reservation_id in objections:
        named = reserved.get(reservation_id or 0)
        fault = objection_fault(on, named) if named else None
        if named is None or fault is None:
            continue
        if fault == BEFORE:
            message = Message(
                "%(party)s: objection of %(on)s is dated before the reservation of "
                "%(reserving)s it names (%(reserved_on)s).",
                party=party,
                on=on,
                reserving=named.party,
                reserved_on=named.on,
            )
        else:
            message = Message(
                "%(party)s: objection of %(on)s is dated after the reservation of "
                "%(reserving)s it names was withdrawn (%(withdrawn_on)s).",
                party=party,
                on=on,
                reserving=named.party,
                withdrawn_on=named.withdrawn_on,
            )
        found.append(Contradiction(party, message))
    return found
