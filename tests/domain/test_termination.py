"""When denunciations end an agreement (tracker.domain.termination; VCLT Arts. 54-56, 70):
worked examples."""

from __future__ import annotations

from datetime import date

from tracker.domain.clocks import Anchor, Clause, Mode
from tracker.domain.termination import Departure, Ending, departures, ending

SIX_MONTHS = Clause(Mode.AFTER, Anchor.NOTIFICATION, 6)


def test_a_bilateral_ends_when_the_partner_s_denunciation_takes_effect() -> None:
    left = departures([("Borduria", "denunciation", date(2024, 1, 15), None)], SIX_MONTHS)
    assert left == [
        Departure("Borduria", "denunciation", date(2024, 1, 15), date(2024, 7, 15), True)
    ]
    assert ending(["Atlantis", "Borduria"], left) == Ending(
        date(2024, 7, 15), "Borduria", "denunciation"
    )


def test_the_recorded_day_wins_and_an_unknown_day_ends_nothing() -> None:
    recorded = departures(
        [("Borduria", "withdrawal", date(2024, 1, 15), date(2024, 3, 1))], SIX_MONTHS
    )
    assert ending(["Atlantis", "Borduria"], recorded) == Ending(
        date(2024, 3, 1), "Borduria", "withdrawal"
    )
    unknown = departures([("Borduria", "denunciation", date(2024, 1, 15), None)], None)
    assert unknown[0].takes_effect_on is None
    assert ending(["Atlantis", "Borduria"], unknown) is None


def test_a_multilateral_ends_only_when_fewer_than_two_parties_remain() -> None:
    parties = ["A", "B", "C"]
    first = Departure("A", "denunciation", None, date(2021, 1, 1))
    assert ending(parties, [first]) is None  # B and C remain bound (VCLT Art. 55)
    second = Departure("C", "withdrawal", None, date(2023, 5, 1))
    again = Departure("A", "denunciation", None, date(2022, 1, 1))  # A's first counts
    assert ending(parties, [second, first, again]) == Ending(date(2023, 5, 1), "C", "withdrawal")
    assert ending(["A"], [first]) is None  # never had two Parties recorded
