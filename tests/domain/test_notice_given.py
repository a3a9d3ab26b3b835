"""Issue 16 #4/#5 (legal clocks), item 3 of the fresh check: once a Party has given notice
or denounced for a term, that term's last day to give notice stops (nothing left to
remind of), and the clocks say when notice was given."""

from __future__ import annotations

from datetime import date

from tracker.domain.clock_rules import Denunciation, agreement_clocks
from tracker.domain.clocks import Anchor, Clause, Mode, Purpose, Unit

BEFORE_END = Clause(Mode.BEFORE, Anchor.END_OF_TERM, 6)
RULES = {
    Purpose.INITIAL_TERM: Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 7, Unit.YEARS),
    Purpose.RENEWAL: Clause(Mode.AFTER, Anchor.END_OF_TERM, 5, Unit.YEARS),
    Purpose.NOTICE_OF_NON_RENEWAL: BEFORE_END,
    Purpose.DENUNCIATION_EFFECT: BEFORE_END,
}


def test_a_denunciation_for_the_term_stops_its_notice_deadline() -> None:
    clocks = agreement_clocks(
        RULES,
        [],
        ["Atlantis", "Borduria"],
        recorded_in_force_on=date(2020, 9, 1),
        denunciations=[Denunciation("Borduria", date(2026, 11, 30), None)],
        today=date(2026, 12, 1),
    )
    assert clocks.notice_deadline is None
    [given] = [d for d in clocks.dates if d.kind == "notice_given"]
    assert given.on == date(2026, 11, 30) and given.party == "Borduria"
    # the term still ends on its last day in force, with the denunciation
    assert clocks.term_end is not None and clocks.term_end.on == date(2027, 8, 31)
    [effect] = clocks.denunciations
    assert effect.on == date(2027, 8, 31)


def test_without_notice_the_deadline_stands() -> None:
    clocks = agreement_clocks(
        RULES,
        [],
        ["Atlantis", "Borduria"],
        recorded_in_force_on=date(2020, 9, 1),
        today=date(2026, 12, 1),
    )
    assert clocks.notice_deadline is not None
    assert clocks.notice_deadline.on == date(2027, 2, 28)
