"""When denunciations end an agreement (tracker.domain.termination; VCLT Arts. 54-56, 70):
worked examples."""

from __future__ import annotations

from datetime import date

from tracker.domain.clock_words import clause_words, rule_refusal
from tracker.domain.clocks import Anchor, Clause, Mode, Purpose, Unit, apply
from tracker.domain.termination import Departure, Ending, departures, ending
from tracker.domain.terms import Duration, takes_effect

SIX_MONTHS = Clause(Mode.AFTER, Anchor.NOTIFICATION, 6)


def six_months_later(on: date) -> date:
    return apply(SIX_MONTHS, on)


def test_a_bilateral_ends_when_the_partner_s_denunciation_takes_effect() -> None:
    left = departures([("Borduria", "denunciation", date(2024, 1, 15), None)], six_months_later)
    assert left == [
        Departure("Borduria", "denunciation", date(2024, 1, 15), None, date(2024, 7, 15))
    ]
    assert ending(["Atlantis", "Borduria"], left) == Ending(
        date(2024, 7, 15), "Borduria", "denunciation"
    )


def test_the_recorded_day_wins_and_an_unknown_day_ends_nothing() -> None:
    recorded = departures(
        [("Borduria", "withdrawal", date(2024, 1, 15), date(2024, 3, 1))], six_months_later
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


def test_notice_counts_back_only_from_the_end_of_the_term() -> None:
    """'At least six months before the end of the term' (issue 16 #3): for notice of
    non-renewal and a denunciation only, and only from the end of the term."""
    before_end = Clause(Mode.BEFORE, Anchor.END_OF_TERM, 6)
    for purpose in (Purpose.NOTICE_OF_NON_RENEWAL, Purpose.DENUNCIATION_EFFECT):
        assert rule_refusal(purpose, before_end) is None
        assert rule_refusal(purpose, Clause(Mode.AFTER, Anchor.END_OF_TERM, 6)) is not None
        assert rule_refusal(purpose, Clause(Mode.BEFORE, Anchor.NOTIFICATION, 6)) is not None
    assert rule_refusal(Purpose.RENEWAL, Clause(Mode.BEFORE, Anchor.END_OF_TERM, 6)) is not None
    assert clause_words(before_end) == "6 months before the end of the term"


def test_a_denunciation_before_the_end_takes_effect_at_the_end_of_a_term() -> None:
    """Five-year terms from 1 Mar 2020; notice at least six months before a term ends."""
    five_years = Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 5, Unit.YEARS)
    renewal = Clause(Mode.AFTER, Anchor.END_OF_TERM, 5, Unit.YEARS)
    duration = Duration(five_years, renewal)
    before_end = Clause(Mode.BEFORE, Anchor.END_OF_TERM, 6)
    in_force = date(2020, 3, 1)
    # term 1's last day in force is 28 Feb 2025: notice by 31 Aug 2024
    assert takes_effect(before_end, date(2024, 8, 31), duration, in_force) == date(2025, 2, 28)
    # a day late for term 1: the end of term 2
    assert takes_effect(before_end, date(2024, 9, 1), duration, in_force) == date(2030, 2, 28)
    # without renewal, too late is never; without the terms, not known
    assert takes_effect(before_end, date(2024, 9, 2), Duration(five_years), in_force) is None
    assert takes_effect(before_end, date(2024, 9, 2), None, in_force) is None


def test_a_mixed_agreement_ends_when_one_side_has_left() -> None:
    """The EU and its Member States of the one part, Borduria of the other (tracker.domain.
    termination.mixed_sides): the partner's denunciation ends it; a Member State's
    withdrawal does not; the whole of the one part leaving does."""
    from tracker.domain.termination import mixed_sides

    parties = ["European Union", "France", "Germany", "Borduria"]
    sides = mixed_sides([(p, p != "Borduria") for p in parties])
    assert sides == (("European Union", "France", "Germany"), ("Borduria",))
    partner = Departure("Borduria", "denunciation", None, date(2024, 7, 15))
    assert ending(parties, [partner], sides=sides) == Ending(
        date(2024, 7, 15), "Borduria", "denunciation", side_left=True
    )
    germany = Departure("Germany", "withdrawal", None, date(2023, 1, 1))
    assert ending(parties, [germany], sides=sides) is None
    union = Departure("European Union", "withdrawal", None, date(2023, 6, 1))
    france = Departure("France", "withdrawal", None, date(2023, 9, 1))
    assert ending(parties, [france, germany, union], sides=sides) == Ending(
        date(2023, 9, 1), "France", "withdrawal", side_left=True
    )
    # one part missing: the sides are not known, the count of Parties decides
    assert mixed_sides([(p, True) for p in parties]) is None
    assert mixed_sides([(p, False) for p in parties]) is None
