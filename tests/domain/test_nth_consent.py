"""The anchor "after the Nth Party has consented to be bound" (h16b #4): beside "after the
deposit of the Nth instrument", which counts instruments of ratification, acceptance,
approval or accession only, a clause that counts every Party's consent to be bound, a
definitive signature (VCLT Art. 12) included. Worked example as a unit test of the pure
functions."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.clock_words import clause_words
from tracker.domain.clocks import Act, Anchor, Clause, Mode, Unit, entry_into_force
from tracker.domain.joining import entry_into_force_for

#: A signs definitively on 10 Jan 2025; B, having signed subject to ratification,
#: ratifies on 1 Feb; C accedes on 15 Mar; D ratifies on 1 Jun 2025; E has done nothing
ACTS = [
    Act("A", "signature", date(2025, 1, 10)),
    Act("B", "signature_subject_to_ratification", date(2024, 12, 1)),
    Act("B", "ratification", date(2025, 2, 1)),
    Act("C", "accession", date(2025, 3, 15)),
    Act("D", "ratification", date(2025, 6, 1)),
]
PARTIES = ["A", "B", "C", "D", "E"]


def test_the_third_partys_consent_counts_a_definitive_signature() -> None:
    consent = Clause(Mode.AFTER, Anchor("nth_consent"), 30, Unit.DAYS, nth=3)
    instrument = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=3)
    # the third instrument is D's of 1 Jun 2025: in force 1 Jul 2025
    assert entry_into_force(instrument, ACTS, PARTIES).on == date(2025, 7, 1)
    # the third consent is C's accession of 15 Mar 2025 (A's signature the first):
    # 30 days after, 14 Apr 2025
    found = entry_into_force(consent, ACTS, PARTIES)
    assert found.on == date(2025, 4, 14)
    assert found.basis is not None and found.basis.parties == ("A", "B", "C")
    assert found.basis.event_on == date(2025, 3, 15)
    # each later Party: 30 days after its own consent; E waits for its own
    per_party = entry_into_force_for(consent, ACTS, PARTIES)
    assert per_party["A"].on == per_party["C"].on == date(2025, 4, 14)
    assert per_party["D"].on == date(2025, 7, 1)
    assert per_party["E"].on is None and per_party["E"].waiting_for == ("E",)
    # two consents only: one still missing, said as Parties, not instruments
    two = entry_into_force(consent, ACTS[:3], PARTIES)
    assert two.on is None and two.instruments_missing == 1 and two.consents
    # N is required
    with pytest.raises(ValueError):
        Clause(Mode.AFTER, Anchor("nth_consent"), 30, Unit.DAYS)


def test_the_clause_in_english_words() -> None:
    consent = Clause(Mode.AFTER, Anchor("nth_consent"), 30, Unit.DAYS, nth=3)
    assert str(clause_words(consent)) == "30 days after the third Party's consent to be bound"
    first_day = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor("nth_consent"), 2, nth=20)
    assert str(clause_words(first_day)) == (
        "on the first day of the second month following the 20th Party's consent to be bound"
    )
