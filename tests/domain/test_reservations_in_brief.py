"""A Party's reservations, declarations and objections in brief (tracker.domain.reservations),
as the Parties' table tells them (issue 16, task h16a #2)."""

from __future__ import annotations

from datetime import date

from tracker.domain.reservations import ReservationAct, ReservationsInBrief, in_brief


def test_the_acts_are_told_by_kind_earliest_first_and_unrecorded_last() -> None:
    brief = in_brief(
        [
            ReservationAct("signature", date(2015, 12, 21)),
            ReservationAct("reservation", None),
            ReservationAct("reservation", date(2020, 3, 3)),
            ReservationAct("reservation", date(2019, 1, 1)),
            ReservationAct("reservation_withdrawal", date(2021, 1, 1)),
            ReservationAct("declaration", date(2020, 3, 3)),
            ReservationAct("objection", date(2020, 9, 1), objects_to="Kazakhstan"),
            ReservationAct("objection", None, objects_to="Austria"),
            ReservationAct("objection", date(2020, 1, 1)),
        ]
    )
    assert brief == ReservationsInBrief(
        reservations=(date(2019, 1, 1), date(2020, 3, 3), None),
        withdrawals=(date(2021, 1, 1),),
        declarations=(date(2020, 3, 3),),
        objections=(("Kazakhstan", date(2020, 9, 1)), ("Austria", None)),
        other_objections=(date(2020, 1, 1),),
    )
    assert brief


def test_a_party_with_none_of_them_has_nothing_to_tell() -> None:
    assert not in_brief([ReservationAct("ratification", date(2019, 1, 1))])
