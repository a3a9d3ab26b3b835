"""Entry into force for a Party that joins later (tracker.domain.joining), worked examples:
the clause for later Parties as data (purpose entry_into_force_for_later, event: the
deposit of the Party's own instrument), under an "after the Nth instrument" clause and
under a last-notification clause, each date with its basis, and the consistency flags
that stay per Party."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.clock_rules import agreement_clocks
from tracker.domain.clock_words import basis_words, rule_refusal
from tracker.domain.clocks import Act, Anchor, Clause, Mode, Purpose, Unit
from tracker.domain.joining import bound_from_the_start, entry_into_force_for
from tracker.domain.party_actions import contradictions, steps

#: "This Convention shall enter into force on the thirtieth day after the deposit of the
#: third instrument of ratification, acceptance, approval or accession."
THIRD_INSTRUMENT = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=3)
#: "For each State ratifying or acceding after its entry into force, the Convention shall
#: enter into force on the first day of the second month after the deposit of its
#: instrument."
LATER_PARTIES = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.OWN_INSTRUMENT, 2)
#: the EPCA's Art. 281(2)
SECOND_MONTH_AFTER_LAST_NOTIFICATION = Clause(
    Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 2
)

CONVENTION = [
    Act("A", "signature", date(2023, 5, 1)),
    Act("A", "ratification", date(2024, 1, 10)),
    Act("B", "accession", date(2024, 2, 1)),
    Act("C", "approval", date(2024, 3, 1)),
    # after the convention entered into force (31 Mar 2024)
    Act("D", "accession", date(2024, 6, 15)),
    Act("E", "ratification", date(2024, 12, 31)),
]
STATES = ["A", "B", "C", "D", "E", "F"]


def test_the_clause_for_later_parties_is_a_rule_of_its_own_purpose() -> None:
    assert rule_refusal(Purpose.ENTRY_INTO_FORCE_FOR_LATER, LATER_PARTIES) is None
    refused = rule_refusal(
        Purpose.ENTRY_INTO_FORCE_FOR_LATER,
        Clause(Mode.AFTER, Anchor.SIGNATURE, 30, Unit.DAYS),
    )
    assert refused is not None
    # and the agreement's own entry into force cannot count from a Party's own deposit
    assert rule_refusal(Purpose.ENTRY_INTO_FORCE, LATER_PARTIES) is not None


def test_after_the_third_instrument_later_parties_follow_the_later_parties_rule() -> None:
    per_party = entry_into_force_for(THIRD_INSTRUMENT, CONVENTION, STATES, LATER_PARTIES)
    # the first three share the convention's date: 30 days after 1 Mar 2024
    assert {p: per_party[p].on for p in "ABC"} == dict.fromkeys("ABC", date(2024, 3, 31))
    assert per_party["C"].basis is not None and per_party["C"].basis.event_on == date(2024, 3, 1)
    # D deposits on 15 Jun 2024: the first day of the second month after is 1 Aug 2024
    assert per_party["D"].on == date(2024, 8, 1)
    assert per_party["D"].basis is not None
    assert per_party["D"].basis.clause == LATER_PARTIES
    assert per_party["D"].basis.event_on == date(2024, 6, 15)
    assert per_party["D"].basis.parties == ("D",)
    assert str(basis_words(per_party["D"].basis)) == (
        "on the first day of the second month following "
        "the deposit of its own instrument, 2024-06-15"
    )
    # E on 31 Dec 2024 (a year end): 1 Feb 2025
    assert per_party["E"].on == date(2025, 2, 1)
    # F has deposited nothing: waiting for its own instrument
    assert per_party["F"].on is None and per_party["F"].waiting_for == ("F",)


def test_without_a_later_parties_rule_the_nth_instrument_clause_counts_from_the_own_deposit() -> (
    None
):
    per_party = entry_into_force_for(THIRD_INSTRUMENT, CONVENTION, STATES)
    assert per_party["D"].on == date(2024, 7, 15)  # 30 days after 15 Jun 2024


def test_a_later_party_is_never_bound_before_the_agreement_itself() -> None:
    """A fourth instrument deposited the day after the third: "the first day of the
    second month" would give 1 May 2024, later than the convention's 31 Mar; 30 days
    counted from it would be 1 Apr. A rule "on the date of the deposit" gives the deposit
    day, 2 Mar, before the convention is in force: the Party is bound from 31 Mar."""
    acts = [*CONVENTION[:4], Act("D", "accession", date(2024, 3, 2))]
    on_deposit = Clause(Mode.ON, Anchor.OWN_INSTRUMENT)
    per_party = entry_into_force_for(THIRD_INSTRUMENT, acts, ["A", "B", "C", "D"], on_deposit)
    assert per_party["D"].on == date(2024, 3, 31)


def test_under_a_last_notification_clause_a_party_acceding_later_has_its_own_date() -> None:
    """A plurilateral agreement in force on the first day of the second month after the
    last notification of the original Parties (recorded: 1 Mar 2020); a State accedes on
    10 Sep 2021 and the clause for later Parties gives 1 Nov 2021."""
    acts = [
        Act("Union", "signature", date(2015, 12, 21)),
        Act("Union", "notification_of_completion", date(2019, 11, 4)),
        Act("Republic", "signature", date(2015, 12, 21)),
        Act("Republic", "notification_of_completion", date(2020, 1, 15)),
        Act("Newcomer", "accession", date(2021, 9, 10)),
    ]
    parties = ["Union", "Republic", "Newcomer", "Prospective"]
    assert bound_from_the_start(
        SECOND_MONTH_AFTER_LAST_NOTIFICATION,
        acts,
        parties,
        recorded_in_force_on=date(2020, 3, 1),
    ) == ("Union", "Republic")
    clocks = agreement_clocks(
        {
            Purpose.ENTRY_INTO_FORCE: SECOND_MONTH_AFTER_LAST_NOTIFICATION,
            Purpose.ENTRY_INTO_FORCE_FOR_LATER: LATER_PARTIES,
        },
        acts,
        parties,
        recorded_in_force_on=date(2020, 3, 1),
        today=date(2026, 1, 1),
    )
    # the agreement's own date counts the original Parties only, and agrees with the record
    assert clocks.entry_into_force is not None
    assert clocks.entry_into_force.on == date(2020, 3, 1)
    assert not clocks.entry_into_force.differs
    own = {d.party: d.on for d in clocks.per_party}
    assert own == {
        "Union": date(2020, 3, 1),
        "Republic": date(2020, 3, 1),
        "Newcomer": date(2021, 11, 1),
        "Prospective": None,
    }
    newcomer = next(d for d in clocks.per_party if d.party == "Newcomer")
    assert str(newcomer.basis) == (
        "on the first day of the second month following "
        "the deposit of its own instrument, 2021-09-10"
    )
    assert clocks.not_yet_bound == ("Prospective",)


def test_the_flags_stay_per_party_for_a_party_that_joins_later() -> None:
    """Provisional application from 1 Oct 2021 is after the agreement's entry into force
    (1 Mar 2020) but before the Newcomer's own (1 Nov 2021): legitimate. A Party with no
    act yet, while the agreement is in force for others, is not bound: no contradiction.
    An original Party's provisional application after its own entry into force is one."""
    acts = [
        Act("Union", "notification_of_completion", date(2019, 11, 4)),
        Act("Republic", "notification_of_completion", date(2020, 1, 15)),
        Act("Republic", "provisional_application", date(2020, 6, 1)),
        Act("Newcomer", "accession", date(2021, 9, 10)),
        Act("Newcomer", "provisional_application", date(2021, 10, 1)),
    ]
    parties = ["Union", "Republic", "Newcomer", "Prospective"]
    clocks = agreement_clocks(
        {
            Purpose.ENTRY_INTO_FORCE: SECOND_MONTH_AFTER_LAST_NOTIFICATION,
            Purpose.ENTRY_INTO_FORCE_FOR_LATER: LATER_PARTIES,
        },
        acts,
        parties,
        recorded_in_force_on=date(2020, 3, 1),
        today=date(2026, 1, 1),
    )
    found = contradictions(
        [steps(p, acts) for p in parties],
        in_force_on=date(2020, 3, 1),
        computed_in_force_on=clocks.entry_into_force.on if clocks.entry_into_force else None,
        in_force_for={d.party: d.on for d in clocks.per_party if d.party and d.on},
        not_yet_bound=clocks.not_yet_bound,
    )
    assert [c.party for c in found] == ["Republic"]
    # without the clocks, the Prospective Party's missing consent is one (nothing says it
    # may join later); the Newcomer acceded after the entry into force, so its
    # provisional application is still none (its own date is not known)
    plain = contradictions([steps(p, acts) for p in parties], in_force_on=date(2020, 3, 1))
    assert sorted(c.party for c in plain) == ["Prospective", "Republic"]


#: the original Parties' notifications (the last on 15 Jan 2020: in force 1 Mar 2020) and a
#: State that accedes on 10 Sep 2021 (an acceding State notifies no completion of procedures)
ACCEDING_LATER = [
    Act("Union", "signature_subject_to_ratification", date(2015, 12, 21)),
    Act("Union", "notification_of_completion", date(2019, 11, 4)),
    Act("Republic", "signature_subject_to_ratification", date(2015, 12, 21)),
    Act("Republic", "notification_of_completion", date(2020, 1, 15)),
    Act("Newcomer", "accession", date(2021, 9, 10)),
]


@pytest.mark.parametrize(
    ("recorded", "later"),
    [
        (date(2020, 3, 1), None),
        (None, None),
        (date(2020, 3, 1), LATER_PARTIES),
        (None, LATER_PARTIES),
    ],
)
def test_under_a_last_notification_clause_an_acceding_party_waits_for_the_agreement_only(
    recorded: date | None, later: Clause | None
) -> None:
    """The acceding Party makes no notification of completed procedures, so the clause does
    not wait for it: the agreement's date is the original Parties' (recorded or not,
    1 Mar 2020), and the Newcomer is bound under the clause for later Parties or, without
    one, under the entry-into-force clause counted from its own accession: either way the
    first day of the second month after 10 Sep 2021, 1 Nov 2021."""
    rules = {Purpose.ENTRY_INTO_FORCE: SECOND_MONTH_AFTER_LAST_NOTIFICATION}
    if later is not None:
        rules[Purpose.ENTRY_INTO_FORCE_FOR_LATER] = later
    clocks = agreement_clocks(
        rules,
        ACCEDING_LATER,
        ["Union", "Republic", "Newcomer"],
        recorded_in_force_on=recorded,
        today=date(2026, 1, 1),
    )
    assert clocks.entry_into_force is not None
    assert clocks.entry_into_force.on == date(2020, 3, 1)
    assert not clocks.entry_into_force.differs
    assert {d.party: d.on for d in clocks.per_party} == {
        "Union": date(2020, 3, 1),
        "Republic": date(2020, 3, 1),
        "Newcomer": date(2021, 11, 1),
    }
    newcomer = next(d for d in clocks.per_party if d.party == "Newcomer")
    assert str(newcomer.basis).endswith("2021-09-10")


@pytest.mark.parametrize("later", [None, LATER_PARTIES])
def test_an_acceding_party_is_not_bound_before_the_agreement_has_a_date(
    later: Clause | None,
) -> None:
    """The Republic has not notified and no entry into force is recorded: the agreement
    waits for the Republic only, and the Newcomer, who acceded on 10 Sep 2021, has no date
    of its own until the agreement has one (recorded or computed)."""
    acts = [a for a in ACCEDING_LATER if a.kind != "notification_of_completion"]
    acts.append(ACCEDING_LATER[1])  # the Union's notification only
    per_party = entry_into_force_for(
        SECOND_MONTH_AFTER_LAST_NOTIFICATION, acts, ["Union", "Republic", "Newcomer"], later
    )
    assert {p: c.on for p, c in per_party.items()} == dict.fromkeys(
        ["Union", "Republic", "Newcomer"]
    )
    assert per_party["Newcomer"].waiting_for == ("Republic",)
    rules = {Purpose.ENTRY_INTO_FORCE: SECOND_MONTH_AFTER_LAST_NOTIFICATION}
    clocks = agreement_clocks(
        rules,
        acts,
        ["Union", "Republic", "Newcomer"],
        recorded_in_force_on=None,
        today=date(2026, 1, 1),
    )
    assert clocks.entry_into_force is not None and clocks.entry_into_force.on is None
    assert str(clocks.entry_into_force.waiting) == (
        "waiting for the notification of completed procedures of: Republic"
    )


def test_without_final_clauses_a_party_acceding_later_may_apply_provisionally() -> None:
    """No rules recorded: the agreement is in force since 1 Mar 2020; the Newcomer accedes
    on 10 Sep 2021, so it joins later, and its own date of entry into force is not known.
    Its provisional application from 1 Oct 2021 is legitimate (issue 16: flags are per
    Party), not a contradiction; an original Party's provisional application after the
    entry into force still is one."""
    acts = [
        Act("Union", "signature", date(2015, 12, 21)),
        Act("Union", "notification_of_completion", date(2019, 11, 4)),
        Act("Republic", "signature", date(2015, 12, 21)),
        Act("Republic", "notification_of_completion", date(2020, 1, 15)),
        Act("Republic", "provisional_application", date(2020, 6, 1)),
        Act("Newcomer", "accession", date(2021, 9, 10)),
        Act("Newcomer", "provisional_application", date(2021, 10, 1)),
    ]
    found = contradictions(
        [steps(p, acts) for p in ("Union", "Republic", "Newcomer")],
        in_force_on=date(2020, 3, 1),
    )
    assert [c.party for c in found] == ["Republic"]
