"""A Party's acts (tracker.domain.party_actions): the matrix row they give, "X of N",
and the contradictions flagged (never the unknown)."""

from __future__ import annotations

from datetime import date

from tracker.domain.clocks import Act
from tracker.domain.party_actions import ActionKind, consented_count, contradictions, steps

EIF = date(2020, 3, 1)


def test_the_matrix_row_is_derived_from_the_acts() -> None:
    acts = [
        Act("EU", "signature_subject_to_ratification", date(2015, 12, 21)),
        Act("EU", "provisional_application", date(2016, 5, 1)),
        Act("EU", "notification_of_completion", date(2020, 1, 15)),
        Act("KZ", "signature_subject_to_ratification", date(2015, 12, 21)),
        Act("KZ", "ratification", None),  # ratified, date not recorded
    ]
    eu, kz = steps("EU", acts), steps("KZ", acts)
    assert eu.signed_on == date(2015, 12, 21)
    assert eu.provisionally_applied_on == date(2016, 5, 1)
    assert eu.notified_on == date(2020, 1, 15)
    assert eu.has_consented and kz.has_consented
    assert kz.deposited_on is None and ActionKind.RATIFICATION in kz.recorded
    assert consented_count([eu, kz]) == 2
    assert contradictions([eu, kz], in_force_on=EIF) == []


def test_in_force_without_any_consent_recorded_is_flagged_per_party() -> None:
    rows = [
        steps("EU", [Act("EU", "notification_of_completion", date(2020, 1, 15))]),
        steps("KZ", [Act("KZ", "signature_subject_to_ratification", date(2015, 12, 21))]),
    ]
    found = contradictions(rows, in_force_on=EIF)
    assert [(c.party, c.message.template[:18]) for c in found] == [("KZ", "In force since %(i")]
    # not in force: nothing is contradictory yet
    assert contradictions(rows, in_force_on=None) == []


def test_a_computed_date_that_differs_is_flagged() -> None:
    rows = [steps("EU", [Act("EU", "signature", date(2015, 12, 21))])]
    found = contradictions(rows, in_force_on=EIF, computed_in_force_on=date(2020, 4, 1))
    assert [c.party for c in found] == [None]
    assert found[0].message.params == {"recorded": EIF, "computed": date(2020, 4, 1)}
    assert contradictions(rows, in_force_on=EIF, computed_in_force_on=EIF) == []


def test_ratification_without_signature_is_a_fault_but_accession_is_not() -> None:
    ratified = steps("DE", [Act("DE", "ratification", date(2017, 1, 1))])
    acceded = steps("HR", [Act("HR", "accession", date(2017, 1, 1))])
    found = contradictions([ratified, acceded], in_force_on=None)
    assert [c.party for c in found] == ["DE"]


def test_provisional_application_after_entry_into_force_unless_the_party_joined_later() -> None:
    late = steps(
        "HR",
        [
            Act("HR", "accession", date(2021, 6, 1)),
            Act("HR", "provisional_application", date(2021, 7, 1)),
        ],
    )
    # HR acceded after the entry into force: the agreement's date is not its own, and
    # without its own date (no clauses recorded) nothing contradicts its provisional
    # application (issue 16: legitimate for a Party that joins later)
    assert contradictions([late], in_force_on=EIF) == []
    joined_later = {"HR": date(2021, 9, 1)}
    assert contradictions([late], in_force_on=EIF, in_force_for=joined_later) == []
    # in force for HR from 15 Jun 2021, before its provisional application: a contradiction
    bound_before = {"HR": date(2021, 6, 15)}
    assert [
        c.party for c in contradictions([late], in_force_on=EIF, in_force_for=bound_before)
    ] == ["HR"]


def test_a_party_that_left_does_not_count() -> None:
    row = steps(
        "UK",
        [Act("UK", "ratification", date(2017, 1, 1)), Act("UK", "withdrawal", date(2020, 1, 31))],
    )
    assert row.has_consented and row.has_left and row.left_on == date(2020, 1, 31)
    assert consented_count([row]) == 0


def test_a_denouncing_party_stays_bound_until_its_denunciation_takes_effect() -> None:
    """A Party that has notified its denunciation is still bound, and still counts in
    "X of N", until the denunciation takes effect (VCLT Art. 56(2), Art. 70(1)); with no
    effective date recorded, it counts from the notification."""
    acts = [
        Act("KZ", "ratification", date(2017, 1, 1)),
        Act("KZ", "denunciation", date(2026, 6, 1), takes_effect_on=date(2026, 12, 1)),
    ]
    row = steps("KZ", acts)
    assert row.left_on == date(2026, 12, 1)
    assert not row.has_left_by(date(2026, 11, 30))
    assert row.has_left_by(date(2026, 12, 1))
    assert consented_count([row], on=date(2026, 11, 30)) == 1
    assert consented_count([row], on=date(2026, 12, 1)) == 0
    undated = steps("KZ", [acts[0], Act("KZ", "denunciation", date(2026, 6, 1))])
    assert undated.left_on == date(2026, 6, 1) and undated.has_left_by(date(2026, 6, 1))
    unknown = steps("KZ", [acts[0], Act("KZ", "withdrawal", None)])
    assert unknown.has_left_by(date(2000, 1, 1))


def test_no_provisional_application_after_entry_into_force_for_a_party_not_bound() -> None:
    """fc16e #1: a Party with no consent to be bound is not bound, so a provisional
    application of it is no contradiction, whenever the agreement entered into force (nor
    is a denunciation "before the agreement entered into force for it")."""
    unbound = steps("TM", [Act("TM", "provisional_application", date(2025, 5, 1))])
    # a multilateral treaty in force for others, which TM may join later
    assert contradictions([unbound], in_force_on=date(2024, 11, 13), not_yet_bound=["TM"]) == []
    bound = steps(
        "AT",
        [
            Act("AT", "signature_subject_to_ratification", date(2024, 1, 10)),
            Act("AT", "ratification", date(2024, 6, 1)),
            Act("AT", "provisional_application", date(2025, 5, 1)),
        ],
    )
    flagged = contradictions([unbound, bound], in_force_on=date(2024, 11, 13), not_yet_bound=["TM"])
    assert [c.party for c in flagged] == ["AT"]
