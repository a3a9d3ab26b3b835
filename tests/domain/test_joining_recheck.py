"""Issue 16, faults from the re-check (h16f #1, #2): a later Party whose own clause gives
a date before the agreement's own takes the agreement's date, with that basis; a Party
that deposited on the same day as the Nth instrument is an original Party; and a Party's
date is computed when every order of undated instruments gives the same date."""

from __future__ import annotations

from datetime import date

from tracker.domain.clock_rules import agreement_clocks
from tracker.domain.clock_words import basis_words
from tracker.domain.clocks import Act, Anchor, Clause, Mode, Purpose, Unit
from tracker.domain.joining import bound_from_the_start, entry_into_force_for

#: "90 days after the deposit of the second instrument"
SECOND = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 90, Unit.DAYS, nth=2)
#: "for a later Party, 10 days after the deposit of its own instrument"
TEN_DAYS_LATER = Clause(Mode.AFTER, Anchor.OWN_INSTRUMENT, 10, Unit.DAYS)
ACTS = [
    Act("Aa", "ratification", date(2025, 1, 2)),
    Act("Bb", "ratification", date(2025, 1, 10)),
    Act("Dd", "ratification", date(2025, 1, 10)),
    Act("Cc", "ratification", date(2025, 1, 11)),
]
PARTIES = ["Aa", "Bb", "Cc", "Dd"]


def test_a_party_depositing_the_same_day_as_the_nth_is_an_original_party() -> None:
    assert set(bound_from_the_start(SECOND, ACTS, PARTIES) or ()) == {"Aa", "Bb", "Dd"}
    per_party = entry_into_force_for(SECOND, ACTS, PARTIES, TEN_DAYS_LATER)
    assert per_party["Dd"].on == date(2025, 4, 10)
    assert per_party["Dd"].basis is not None
    assert per_party["Dd"].basis.clause == SECOND


def test_a_later_party_taking_the_general_date_says_so() -> None:
    per_party = entry_into_force_for(SECOND, ACTS, PARTIES, TEN_DAYS_LATER)
    cc = per_party["Cc"]
    # 10 days after 11 Jan 2025 is 21 Jan, before the agreement's own 10 Apr 2025
    assert cc.on == date(2025, 4, 10)
    assert cc.basis is not None
    assert str(basis_words(cc.basis)) == (
        "the agreement's entry into force, 2025-04-10: it consented to be bound before it"
    )
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: SECOND, Purpose.ENTRY_INTO_FORCE_FOR_LATER: TEN_DAYS_LATER},
        ACTS,
        PARTIES,
        recorded_in_force_on=None,
        today=date(2025, 6, 1),
    )
    rows = {d.party: d for d in clocks.per_party}
    assert [p for p, d in rows.items() if d.joins_later] == ["Cc"]
    assert "before it" in str(rows["Cc"].basis)
    # a later Party whose own clause gives a later date keeps its own basis
    late = [*ACTS, Act("Ee", "accession", date(2025, 5, 1))]
    ee = entry_into_force_for(SECOND, late, [*PARTIES, "Ee"], TEN_DAYS_LATER)["Ee"]
    assert ee.on == date(2025, 5, 11)
    assert ee.basis is not None and ee.basis.clause == TEN_DAYS_LATER


#: TMC: "90 days after the deposit of the fifth instrument", later Parties "90 days after
#: the deposit of their own instrument"
FIFTH = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 90, Unit.DAYS, nth=5)
NINETY_DAYS_LATER = Clause(Mode.AFTER, Anchor.OWN_INSTRUMENT, 90, Unit.DAYS)
TMC = [
    Act("P1", "ratification", date(2024, 3, 1)),
    Act("P2", "ratification", date(2024, 4, 1)),
    Act("P3", "ratification", date(2024, 5, 1)),
    Act("P4", "ratification", date(2024, 8, 1)),
    Act("Etaland", "ratification", date(2024, 9, 1)),
    Act("U1", "ratification", None),
    Act("U2", "accession", None),
]
TMC_PARTIES = ["P1", "P2", "P3", "P4", "Etaland", "U1", "U2"]


def test_a_date_every_order_gives_is_computed() -> None:
    per_party = entry_into_force_for(FIFTH, TMC, TMC_PARTIES, NINETY_DAYS_LATER)
    # the 5th or a later instrument: 90 days after 1 Sep 2024 either way
    assert per_party["Etaland"].on == date(2024, 11, 30)
    assert per_party["Etaland"].basis is not None
    assert per_party["Etaland"].basis.event_on == date(2024, 9, 1)
    # P4 (1 Aug): the 5th would give 30 Oct, a later one 30 Oct to 30 Nov: not known
    assert per_party["P4"].on is None
    assert per_party["P4"].on_or_before == date(2024, 11, 30)
