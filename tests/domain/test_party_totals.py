"""The Parties' table's totals (tracker.domain.party_totals, h16i #1): every "X of N"
counts the same Parties; one whose denunciation or withdrawal has taken effect is in no
X, one whose leaving takes effect later still is."""

from __future__ import annotations

from datetime import date

from tracker.domain.clocks import Act
from tracker.domain.party_actions import PartySteps, steps
from tracker.domain.party_totals import PartyTotals, party_totals

EVERY_STEP = (
    ("signature_subject_to_ratification", date(2015, 12, 21)),
    ("notification_of_completion", None),  # done, its date not recorded: counted
    ("ratification", date(2019, 6, 1)),
    ("provisional_application", date(2016, 5, 1)),
)


def _row(party: str, *more: tuple[str, date | None, date | None]) -> PartySteps:
    acts = [Act(party, kind, on) for kind, on in EVERY_STEP]
    acts += [Act(party, kind, on, effect) for kind, on, effect in more]
    return steps(party, acts)


def test_a_party_is_in_every_total_until_its_leaving_takes_effect_and_in_none_after() -> None:
    rows = [
        _row("Atlantis"),
        _row("Borduria", ("denunciation", date(2024, 3, 3), date(2025, 3, 3))),
        _row("Carpathia", ("withdrawal", date(2026, 3, 1), date(2027, 3, 1))),
    ]
    assert party_totals(rows, date(2026, 6, 1)) == PartyTotals(
        total=3,
        consented=2,
        signed=2,
        notified=2,
        deposited=2,
        provisionally_applied=2,
        left=1,
    )
    assert party_totals(rows, date(2027, 3, 1)) == PartyTotals(3, 1, 1, 1, 1, 1, left=2)


def test_a_leaving_without_any_date_counts_as_taken_effect() -> None:
    rows = [_row("Atlantis", ("denunciation", None, None)), steps("Borduria", [])]
    assert party_totals(rows, date(2026, 6, 1)) == PartyTotals(total=2, left=1)


def test_an_ended_provisional_application_is_not_counted() -> None:
    rows = [_row("Atlantis", ("provisional_application_end", date(2019, 6, 1), None))]
    totals = party_totals(rows, date(2026, 6, 1))
    assert totals.provisionally_applied == 0 and totals.signed == 1
