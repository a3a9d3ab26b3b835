"""A Party's reservations, declarations and objections (and its suspensions and
territorial applications: h16d #2) in brief, as the Parties' table on
an agreement's page tells them beside its steps (issue 16, found by a fresh check):
"1 reservation (3 Mar 2020)", "objection to the reservation of Kazakhstan (1 Sep 2020)".

A reservation excludes or modifies a provision's legal effect for the reserving State
(VCLT Art. 2(1)(d)); another Party may object to it (Arts. 20(4)(b), 21(3)); a
reservation may be withdrawn at any time (Art. 22). A declaration is recorded as made.
Dates are the acts' own (None: not recorded), earliest first, the unrecorded last."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

#: the kinds told in brief (tracker.domain.party_actions.ActionKind's values)
RESERVATION = "reservation"
RESERVATION_WITHDRAWAL = "reservation_withdrawal"
DECLARATION = "declaration"
OBJECTION = "objection"
#: a Party's suspension of the agreement's operation (VCLT Arts. 57-58) and its
#: territorial application (Art. 29), told beside them (h16d #2)
SUSPENSION = "suspension"
TERRITORIAL_APPLICATION = "territorial_application"


@dataclass(frozen=True)
class ReservationAct:
    """One of a Party's acts: `kind` an ActionKind value, `on` its date (None: not
    recorded), `objects_to` for an objection the Party whose reservation it names ("":
    none named)."""

    kind: str
    on: date | None
    objects_to: str = ""


@dataclass(frozen=True)
class ReservationsInBrief:
    """A Party's acts of these kinds: the dates of each kind, and each objection that
    names a reservation as (the reserving Party, the objection's date)."""

    reservations: tuple[date | None, ...] = ()
    withdrawals: tuple[date | None, ...] = ()
    declarations: tuple[date | None, ...] = ()
    #: objections naming the reservation objected to
    objections: tuple[tuple[str, date | None], ...] = ()
    #: objections that name no reservation
    other_objections: tuple[date | None, ...] = ()
    suspensions: tuple[date | None, ...] = ()
    territorial_applications: tuple[date | None, ...] = ()

    def __bool__(self) -> bool:
        return any(
            (
                self.reservations,
                self.withdrawals,
                self.declarations,
                self.objections,
                self.other_objections,
                self.suspensions,
                self.territorial_applications,
            )
        )


def _in_order(day: date | None) -> tuple[bool, date]:
    return (day is None, day or date.min)


def in_brief(acts: Iterable[ReservationAct]) -> ReservationsInBrief:
    """The Party's reservations, withdrawals of reservations, declarations and objections
    out of all its `acts` (the other kinds are left out)."""
    acts = list(acts)

    def days(kind: str, named: bool = False) -> tuple[date | None, ...]:
        return tuple(
            sorted(
                (a.on for a in acts if a.kind == kind and bool(a.objects_to) == named),
                key=_in_order,
            )
        )

    named = sorted(
        ((a.objects_to, a.on) for a in acts if a.kind == OBJECTION and a.objects_to),
        key=lambda o: (*_in_order(o[1]), o[0]),
    )
    return ReservationsInBrief(
        reservations=days(RESERVATION),
        withdrawals=days(RESERVATION_WITHDRAWAL),
        declarations=days(DECLARATION),
        objections=tuple(named),
        other_objections=days(OBJECTION),
        suspensions=days(SUSPENSION),
        territorial_applications=days(TERRITORIAL_APPLICATION),
    )
