"""tracker.domain.act_dates (h16k #1, #3): an end of provisional application against the
Party's start, a second date before the first, a second consent to be bound."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.clocks import Act

D = date


def test_an_end_needs_a_start_on_or_before_it() -> None:
    from tracker.domain.act_dates import BEFORE_START, NO_START, unstarted_end

    assert unstarted_end(D(2024, 2, 1), [D(2024, 3, 1)]) == BEFORE_START
    assert unstarted_end(D(2024, 3, 1), [D(2024, 3, 1)]) is None  # same day: accepted
    assert unstarted_end(D(2024, 2, 1), [D(2024, 3, 1), D(2023, 1, 1)]) is None
    assert unstarted_end(D(2024, 2, 1), []) == NO_START
    assert unstarted_end(None, []) == NO_START
    # unknown is not a contradiction
    assert unstarted_end(None, [D(2024, 3, 1)]) is None
    assert unstarted_end(D(2024, 2, 1), [D(2024, 3, 1), None]) is None


def test_the_refusal_names_the_start() -> None:
    from tracker.domain.act_dates import end_refusal

    message = end_refusal("Atlantis", D(2024, 2, 1), [D(2024, 3, 1)])
    assert message is not None and message.params["started_on"] == D(2024, 3, 1)
    assert end_refusal("Atlantis", D(2024, 4, 1), [D(2024, 3, 1)]) is None
    assert "none is recorded" in end_refusal("Atlantis", None, []).template


def test_stored_ends_before_the_start_are_flagged() -> None:
    from tracker.domain.act_dates import end_contradictions

    (flag,) = end_contradictions("Atlantis", [D(2024, 3, 1)], [D(2024, 2, 1), D(2024, 6, 1)])
    assert flag.party == "Atlantis" and flag.message.params["on"] == D(2024, 2, 1)
    assert end_contradictions("Atlantis", [], [D(2024, 2, 1)]) == []  # act_order's flag


def test_a_second_date_before_the_first_is_flagged() -> None:
    from tracker.domain.act_dates import second_date_contradictions

    acts = [
        Act("Atlantis", "denunciation", D(2025, 6, 1), D(2025, 1, 1)),
        Act("Atlantis", "provisional_application", D(2024, 3, 1), D(2024, 2, 1)),
        Act("Borduria", "withdrawal", D(2025, 6, 1), D(2026, 6, 1)),
        Act("Borduria", "denunciation", None, D(2026, 6, 1)),
    ]
    flags = second_date_contradictions(acts)
    assert [(f.party, f.message.params["effective_on"]) for f in flags] == [
        ("Atlantis", D(2025, 1, 1)),
        ("Atlantis", D(2024, 2, 1)),
    ]


def test_a_second_consent_is_flagged_unless_the_party_left_between() -> None:
    from tracker.domain.act_dates import second_consents

    two = [
        Act("Atlantis", "ratification", D(2024, 3, 15)),
        Act("Atlantis", "ratification", D(2024, 6, 1)),
    ]
    (flag,) = second_consents("Atlantis", two)
    assert flag.message.params["on"] == D(2024, 6, 1)
    assert flag.message.params["first_on"] == D(2024, 3, 15)
    signed = [Act("Atlantis", "signature", D(2024, 1, 1)), two[1]]
    assert len(second_consents("Atlantis", signed)) == 1
    left = [*two[:1], Act("Atlantis", "denunciation", D(2024, 4, 1), D(2024, 5, 1)), two[1]]
    assert second_consents("Atlantis", left) == []
    # a denunciation that takes effect after the second: still two consents
    late = [*two[:1], Act("Atlantis", "denunciation", D(2024, 4, 1), D(2025, 5, 1)), two[1]]
    assert len(second_consents("Atlantis", late)) == 1
    # ratification + accession is act_order's flag; a notification is not a consent here
    assert second_consents("Atlantis", [two[0], Act("Atlantis", "accession", D(2024, 6, 1))]) == []
    with_notice = [two[0], Act("Atlantis", "notification_of_completion", D(2024, 6, 1))]
    assert second_consents("Atlantis", with_notice) == []
    # undated: flagged only when no departure could lie between
    undated = [two[0], Act("Atlantis", "acceptance", None)]
    assert len(second_consents("Atlantis", undated)) == 1
    undated_left = [*undated, Act("Atlantis", "withdrawal", D(2024, 4, 1))]
    assert second_consents("Atlantis", undated_left) == []
    assert second_consents("Atlantis", two[:1]) == []


@pytest.mark.parametrize(
    "later",
    [
        True,
        False,
    ],
)
def test_a_denunciation_taking_effect_later_than_the_clause_is_no_contradiction(later) -> None:
    from tracker.domain.clocks import Anchor, Clause, Mode, Unit
    from tracker.domain.term_dates import denunciation_dates
    from tracker.domain.termination import Departure

    clause = Clause(Mode.AFTER, Anchor.NOTIFICATION, 12, Unit.MONTHS)
    recorded = D(2027, 6, 30) if later else D(2027, 1, 1)
    departure = Departure("Atlantis", "denunciation", D(2026, 3, 1), recorded, D(2027, 3, 1))
    (shown,) = denunciation_dates(clause, [departure])
    if later:
        assert not shown.differs
        assert shown.on == D(2027, 6, 30)
        assert shown.basis.params["computed"] == D(2027, 3, 1)
        assert "the date the notification specifies" in shown.basis.template
    else:
        assert shown.differs and shown.on == D(2027, 3, 1)
