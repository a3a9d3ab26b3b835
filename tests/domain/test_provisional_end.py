"""h16d #2: a provisional application ends on its end's date or on the day its act says it
applies until, and "Provisionally applied X of N" counts only those not ended by the day
asked for; a suspension and a territorial application are told in brief beside the
reservations."""

from __future__ import annotations

from datetime import date

from tracker.domain.clocks import Act
from tracker.domain.party_actions import steps
from tracker.domain.reservations import ReservationAct, in_brief


def test_an_until_day_ends_the_provisional_application() -> None:
    denmark = steps(
        "DK", [Act("DK", "provisional_application", date(2021, 1, 1), date(2022, 6, 30))]
    )
    assert denmark.provisional_application_ended_on == date(2022, 6, 30)
    assert denmark.applies_provisionally_on(date(2022, 6, 29))
    assert not denmark.applies_provisionally_on(date(2022, 6, 30))


def test_an_end_recorded_comes_first_and_an_undated_one_has_come() -> None:
    ended = [
        Act("EE", "provisional_application", date(2021, 1, 1), date(2023, 1, 1)),
        Act("EE", "provisional_application_end", date(2022, 3, 1)),
    ]
    assert steps("EE", ended).provisional_application_ended_on == date(2022, 3, 1)
    undated = [
        Act("EE", "provisional_application", date(2021, 1, 1)),
        Act("EE", "provisional_application_end", None),
    ]
    assert not steps("EE", undated).applies_provisionally_on(date(2021, 6, 1))
    running = [Act("EE", "provisional_application", None)]
    assert steps("EE", running).applies_provisionally_on(date(2021, 6, 1))
    assert not steps("EE", []).applies_provisionally_on(date(2021, 6, 1))


def test_suspensions_and_territorial_applications_in_brief() -> None:
    brief = in_brief(
        [
            ReservationAct("suspension", date(2024, 1, 1)),
            ReservationAct("territorial_application", None),
            ReservationAct("territorial_application", date(2021, 9, 1)),
        ]
    )
    assert brief and brief.suspensions == (date(2024, 1, 1),)
    assert brief.territorial_applications == (date(2021, 9, 1), None)
