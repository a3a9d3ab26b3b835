"""An agreement's clocks from its rules (tracker.domain.clock_rules): the basis in words,
the terms and the last day to give notice, per-party entry into force after the Nth
instrument, denunciations, and which events each purpose may count from."""

from __future__ import annotations

from datetime import date

from tracker.domain.clock_rules import Denunciation, agreement_clocks
from tracker.domain.clock_words import rule_refusal
from tracker.domain.clocks import Act, Anchor, Clause, Mode, Purpose, Unit

EIF = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 2)
NOTIFIED = [
    Act("Union", "notification_of_completion", date(2019, 11, 4)),
    Act("Republic", "notification_of_completion", date(2020, 1, 15)),
]


def test_the_entry_into_force_with_its_basis_and_the_recorded_date() -> None:
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: EIF},
        NOTIFIED,
        ["Union", "Republic"],
        recorded_in_force_on=date(2020, 4, 1),
        today=date(2026, 1, 1),
    )
    eif = clocks.entry_into_force
    assert eif is not None and eif.on == date(2020, 3, 1) and eif.differs
    assert str(eif.basis) == (
        "on the first day of the second month following "
        "the last notification of completed procedures, "
        "2020-01-15"
    )


def test_waiting_for_a_party_is_said_not_flagged() -> None:
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: EIF},
        NOTIFIED[:1],
        ["Union", "Republic"],
        recorded_in_force_on=None,
        today=date(2026, 1, 1),
    )
    eif = clocks.entry_into_force
    assert eif is not None and eif.on is None and not eif.differs
    assert str(eif.waiting) == "waiting for the notification of completed procedures of: Republic"


def test_after_the_third_instrument_each_party_has_its_own_date() -> None:
    clause = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=3)
    acts = [
        Act("A", "ratification", date(2024, 1, 10)),
        Act("B", "accession", date(2024, 2, 1)),
        Act("C", "approval", date(2024, 3, 1)),
        Act("D", "ratification", date(2024, 6, 1)),
    ]
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: clause},
        acts,
        ["A", "B", "C", "D", "E"],
        recorded_in_force_on=None,
        today=date(2025, 1, 1),
    )
    assert clocks.entry_into_force is not None
    assert clocks.entry_into_force.on == date(2024, 3, 31)
    own = {d.party: d.on for d in clocks.per_party}
    assert own == {
        "A": date(2024, 3, 31),
        "B": date(2024, 3, 31),
        "C": date(2024, 3, 31),
        "D": date(2024, 7, 1),
        "E": None,
    }


def test_the_term_running_and_the_last_day_to_give_notice_at_a_month_end() -> None:
    rules = {
        Purpose.INITIAL_TERM: Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 5, Unit.YEARS),
        Purpose.RENEWAL: Clause(Mode.AFTER, Anchor.END_OF_TERM, 1, Unit.YEARS),
        Purpose.NOTICE_OF_NON_RENEWAL: Clause(Mode.AFTER, Anchor.NOTIFICATION, 6),
    }
    clocks = agreement_clocks(
        rules, [], [], recorded_in_force_on=date(2020, 3, 1), today=date(2024, 6, 1)
    )
    # in force from 1 Mar 2020 for five years: through 28 Feb 2025, its last day
    assert clocks.term is not None and clocks.term.ends_on == date(2025, 2, 28)
    assert clocks.notice_deadline is not None
    assert clocks.notice_deadline.on == date(2024, 8, 31)  # not 28 Aug (issue 16)


def test_without_renewal_the_last_day_to_denounce_with_effect_at_the_end_of_the_term() -> None:
    rules = {
        Purpose.INITIAL_TERM: Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 10, Unit.YEARS),
        Purpose.DENUNCIATION_EFFECT: Clause(
            Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD, Anchor.NOTIFICATION, 3
        ),
    }
    clocks = agreement_clocks(
        rules,
        [],
        [],
        recorded_in_force_on=date(2020, 3, 1),
        denunciations=[Denunciation("Republic", date(2026, 1, 15), date(2026, 4, 15))],
        today=date(2026, 1, 20),
    )
    assert clocks.notice_deadline is not None
    assert clocks.notice_deadline.kind == "denunciation_deadline"
    # the term's last day is 28 Feb 2030: notified by 31 Oct 2029, it takes effect on
    # 1 Feb 2030 (1 Nov 2029 would give 1 Mar 2030, after the term)
    assert clocks.notice_deadline.on == date(2029, 10, 31)
    [denounced] = clocks.denunciations
    assert denounced.on == date(2026, 5, 1) and denounced.differs
    [flagged] = clocks.contradictions()
    assert flagged.party == "Republic"


def test_each_purpose_counts_from_its_own_events() -> None:
    assert rule_refusal(Purpose.ENTRY_INTO_FORCE, EIF) is None
    assert (
        rule_refusal(Purpose.INITIAL_TERM, Clause(Mode.AFTER, Anchor.SIGNATURE, 5, Unit.YEARS))
        is not None
    )
    assert rule_refusal(Purpose.INITIAL_TERM, Clause(Mode.ON, Anchor.ENTRY_INTO_FORCE)) is not None
