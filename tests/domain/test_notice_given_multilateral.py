"""Issue 16 #6 (fault found by a fresh check): in a MULTILATERAL agreement, one Party's
notice of non-renewal or denunciation ends the agreement for that Party only; it goes on
between the others, so the last day to give notice (and its reminders) stays for them. In
a bilateral agreement, and when the notice leaves one side of a mixed agreement empty,
the notice ends the agreement and the last day stops, as before."""

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
MIXED = ["European Union", "Austria", "Belgium", "Kazakhstan"]
SIDES = (("European Union", "Austria", "Belgium"), ("Kazakhstan",))


def _clocks(parties, party, sides=None):
    return agreement_clocks(
        RULES,
        [],
        parties,
        recorded_in_force_on=date(2020, 9, 1),
        denunciations=[Denunciation(party, date(2026, 11, 30), None)],
        today=date(2026, 12, 1),
        sides=sides,
    )


def test_one_party_s_notice_leaves_the_deadline_for_the_others() -> None:
    clocks = _clocks(["Atlantis", "Borduria", "Carpathia"], "Borduria")
    assert clocks.notice_deadline is not None
    assert clocks.notice_deadline.on == date(2027, 2, 28)
    [given] = [d for d in clocks.dates if d.kind == "notice_given"]
    assert given.party == "Borduria" and given.on == date(2026, 11, 30)


def test_a_member_state_s_notice_leaves_the_deadline_in_a_mixed_agreement() -> None:
    clocks = _clocks(MIXED, "Austria", SIDES)
    assert clocks.notice_deadline is not None


def test_the_partner_s_notice_ends_a_mixed_agreement() -> None:
    clocks = _clocks(MIXED, "Kazakhstan", SIDES)
    assert clocks.notice_deadline is None


def test_in_a_bilateral_agreement_one_notice_ends_it() -> None:
    clocks = _clocks(["Atlantis", "Borduria"], "Borduria")
    assert clocks.notice_deadline is None
