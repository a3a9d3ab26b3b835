"""Final clauses that cannot apply, and the words of computed dates (h16m #2, #3): an
"Nth instrument" clause with fewer Parties than N is flagged, not left "not yet" for ever;
a notice of non-renewal without an initial term says why it gives no date; a Party bound
by its definitive signature is not said to have deposited an instrument; "waiting for"
names what it waits for."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.clock_rules import agreement_clocks
from tracker.domain.clocks import Act, Anchor, Clause, Mode, Purpose, Unit

TODAY = date(2026, 1, 15)
FIFTH = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=5)
FIFTH_CONSENT = Clause(Mode.AFTER, Anchor.NTH_CONSENT, 30, Unit.DAYS, nth=5)


@pytest.mark.parametrize("clause", [FIFTH, FIFTH_CONSENT], ids=["instrument", "consent"])
def test_an_nth_clause_beyond_the_parties_is_flagged(clause: Clause) -> None:
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: clause},
        [Act("Aa", "ratification", date(2025, 3, 1))],
        ["Aa", "Bb"],
        recorded_in_force_on=None,
        today=TODAY,
    )
    eif = clocks.entry_into_force
    assert eif is not None and eif.on is None and eif.cannot_compute
    assert "still missing" not in str(eif.waiting)
    assert "2 Parties are recorded" in str(eif.waiting)
    flags = [str(c.message) for c in clocks.contradictions()]
    assert len(flags) == 1 and "fifth" in flags[0] and "2 Parties" in flags[0]
    # five Parties: the clause can be met, nothing to flag
    enough = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: clause},
        [],
        ["Aa", "Bb", "Cc", "Dd", "Ee"],
        recorded_in_force_on=None,
        today=TODAY,
    )
    assert enough.contradictions() == []


def test_a_notice_of_non_renewal_without_an_initial_term_says_why() -> None:
    notice = Clause(Mode.BEFORE, Anchor.END_OF_TERM, 6, Unit.MONTHS)
    clocks = agreement_clocks(
        {Purpose.NOTICE_OF_NON_RENEWAL: notice},
        [],
        ["Aa", "Bb"],
        recorded_in_force_on=date(2020, 1, 1),
        today=TODAY,
    )
    rows = [(str(d.what), str(d.waiting), d.on) for d in clocks.dates]
    assert rows == [
        (
            "Last day to give notice of non-renewal",
            "cannot be computed: no initial term recorded",
            None,
        )
    ]
    assert clocks.notice_deadline is None  # nothing to remind of


def test_a_party_bound_by_definitive_signature_is_not_said_to_deposit() -> None:
    second = Clause(Mode.AFTER, Anchor.NTH_CONSENT, 3, Unit.MONTHS, nth=2)
    on_its_own_day = Clause(Mode.ON, Anchor.OWN_INSTRUMENT)
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: second, Purpose.ENTRY_INTO_FORCE_FOR_LATER: on_its_own_day},
        [
            Act("Aa", "signature", date(2025, 1, 10)),
            Act("Bb", "ratification", date(2025, 2, 1)),
            Act("Cc", "signature", date(2025, 3, 1)),
            Act("Dd", "signature", date(2025, 6, 1)),
        ],
        ["Aa", "Bb", "Cc", "Dd"],
        recorded_in_force_on=None,
        today=TODAY,
    )
    rows = {d.party: str(d.basis) for d in clocks.per_party}
    assert rows["Cc"] == (
        "the agreement's entry into force, 2025-05-01: it consented to be bound before it"
    )
    assert "instrument" not in rows["Dd"]
    assert rows["Dd"] == "on the date of its definitive signature, 2025-06-01"


def test_waiting_for_names_what_is_awaited() -> None:
    notification = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 2)
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: notification},
        [Act("Aa", "notification_of_completion", date(2025, 3, 1))],
        ["Aa", "Türkiye"],
        recorded_in_force_on=None,
        today=TODAY,
    )
    assert clocks.entry_into_force is not None
    assert str(clocks.entry_into_force.waiting) == (
        "waiting for the notification of completed procedures of: Türkiye"
    )
    second = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=2)
    later = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: second},
        [Act("Aa", "ratification", date(2025, 1, 1)), Act("Bb", "ratification", date(2025, 2, 1))],
        ["Aa", "Bb", "Türkiye"],
        recorded_in_force_on=None,
        today=TODAY,
    )
    rows = {d.party: str(d.waiting) for d in later.per_party}
    assert rows["Türkiye"] == "waiting for the instrument of: Türkiye"
    consent = Clause(Mode.AFTER, Anchor.NTH_CONSENT, 30, Unit.DAYS, nth=2)
    by_consent = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: consent},
        [Act("Aa", "signature", date(2025, 1, 1)), Act("Bb", "ratification", date(2025, 2, 1))],
        ["Aa", "Bb", "Türkiye"],
        recorded_in_force_on=None,
        today=TODAY,
    )
    rows = {d.party: str(d.waiting) for d in by_consent.per_party}
    assert rows["Türkiye"] == "waiting for the consent to be bound of: Türkiye"


def test_an_undated_instrument_and_a_later_definitive_signature() -> None:
    """While an instrument's date is not recorded (only a bound is known: h16d #1), a
    Party that joins later by its definitive signature is not said to deposit either."""
    second = Clause(Mode.AFTER, Anchor.NTH_CONSENT, 30, Unit.DAYS, nth=2)
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: second},
        [
            Act("Aa", "ratification", None),
            Act("Bb", "ratification", date(2025, 2, 1)),
            Act("Cc", "ratification", date(2025, 3, 1)),
            Act("Dd", "signature", date(2025, 9, 1)),
        ],
        ["Aa", "Bb", "Cc", "Dd"],
        recorded_in_force_on=None,
        today=TODAY,
    )
    rows = {d.party: d for d in clocks.per_party}
    assert rows["Dd"].on == date(2025, 10, 1)
    assert str(rows["Dd"].basis) == "30 days after its definitive signature, 2025-09-01"
