"""Issue 16, fault found by today's fresh check (h16d #1): under "90 days after the
deposit of the 5th instrument", one instrument recorded WITHOUT its date made every date
of the convention "cannot be computed", even for a Party that deposited long after the
convention was in force whatever that date was, and for the Parties that have not
consented at all. What is certain is now computed: the Nth instrument is at most the Nth
dated one (an undated one can only come before it), so the overall date is "on or before"
that clause applied to the Nth dated instrument; a Party whose own instrument is dated
after that has its own date; a Party with no consent recorded is "not yet"."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.clock_rules import agreement_clocks
from tracker.domain.clocks import Act, Anchor, Clause, Mode, Purpose, Unit, entry_into_force
from tracker.domain.joining import entry_into_force_for

#: "This Convention shall enter into force on the ninetieth day after the deposit of the
#: fifth instrument of ratification, acceptance, approval or accession."
FIFTH = Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 90, Unit.DAYS, nth=5)
#: "For each State ratifying or acceding after [that], on the first day of the second
#: month after the deposit of its instrument."
LATER = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.OWN_INSTRUMENT, 2)

ACTS = [
    Act("Austria", "ratification", date(2022, 3, 1)),
    Act("Belgium", "ratification", date(2022, 5, 10)),
    Act("Chile", "accession", date(2022, 7, 1)),
    Act("Denmark", "approval", date(2022, 9, 15)),
    Act("Finland", "ratification", date(2022, 11, 30)),
    Act("Estonia", "ratification", None),
    Act("Kyrgyzstan", "accession", date(2023, 7, 1)),
    Act("Zambia", "signature_subject_to_ratification", date(2021, 6, 1)),
]
PARTIES = [
    "Austria", "Belgium", "Chile", "Denmark", "Estonia", "Finland", "Kyrgyzstan", "Zambia",
    "Yemen",
]  # fmt: skip


def test_the_overall_date_is_on_or_before_the_clause_from_the_nth_dated_instrument() -> None:
    computed = entry_into_force(FIFTH, ACTS, PARTIES)
    assert computed.on is None  # Estonia's may have been any of the five
    assert computed.undated == ("Estonia",)
    # 90 days after 30 Nov 2022, Finland's, the fifth dated one: 28 Feb 2023
    assert computed.on_or_before == date(2023, 2, 28)
    assert computed.at_latest is not None
    assert computed.at_latest.event_on == date(2022, 11, 30)
    assert computed.at_latest.clause == FIFTH


def test_with_fewer_dated_instruments_than_n_there_is_no_bound() -> None:
    acts = [a for a in ACTS if a.party not in ("Finland", "Kyrgyzstan")]
    computed = entry_into_force(FIFTH, acts, PARTIES)
    assert computed.on is None and computed.on_or_before is None
    assert computed.undated == ("Estonia",)


@pytest.mark.parametrize(
    ("later", "kyrgyzstan_on"),
    [
        (None, date(2023, 9, 29)),  # the same clause from its own deposit: 90 days
        (LATER, date(2023, 9, 1)),  # the first day of the second month after 1 Jul 2023
    ],
)
def test_a_party_depositing_after_the_bound_has_its_own_date(
    later: Clause | None, kyrgyzstan_on: date
) -> None:
    per_party = entry_into_force_for(FIFTH, ACTS, PARTIES, later)
    kyrgyzstan = per_party["Kyrgyzstan"]
    assert kyrgyzstan.on == kyrgyzstan_on
    assert kyrgyzstan.basis is not None
    assert kyrgyzstan.basis.event_on == date(2023, 7, 1)
    assert kyrgyzstan.basis.parties == ("Kyrgyzstan",)
    # the five dated before the bound: on or before 28 Feb 2023, not known
    assert per_party["Austria"].on is None
    assert per_party["Austria"].on_or_before == date(2023, 2, 28)
    # Estonia's own date is not known at all, nor bounded
    assert per_party["Estonia"].on is None and per_party["Estonia"].undated == ("Estonia",)
    assert per_party["Estonia"].on_or_before is None
    # no consent recorded (a signature subject to ratification is none): not yet
    for party in ("Zambia", "Yemen"):
        assert per_party[party].on is None and per_party[party].no_consent
        assert not per_party[party].undated


def test_a_later_party_not_surely_after_the_agreement_gets_the_bound_only() -> None:
    # deposited 1 Dec 2022, after the fifth dated instrument: its own 90 days end on
    # 1 Mar 2023, after the bound (28 Feb 2023): certain
    acts = [*ACTS, Act("Kyrgyzstan", "accession", date(2022, 12, 1))]
    acts = [a for a in acts if a.on != date(2023, 7, 1)]
    assert entry_into_force_for(FIFTH, acts, PARTIES)["Kyrgyzstan"].on == date(2023, 3, 1)
    # under a later-Parties clause that would give a day before the bound, the Party is
    # bound on the agreement's own day at the earliest, which is not known
    early = Clause(Mode.ON, Anchor.OWN_INSTRUMENT)
    kyrgyzstan = entry_into_force_for(FIFTH, acts, PARTIES, early)["Kyrgyzstan"]
    assert kyrgyzstan.on is None and kyrgyzstan.on_or_before == date(2023, 2, 28)


def test_the_page_rows_say_what_is_certain() -> None:
    clocks = agreement_clocks(
        {Purpose.ENTRY_INTO_FORCE: FIFTH},
        ACTS,
        PARTIES,
        recorded_in_force_on=None,
        today=date(2024, 1, 15),
    )
    overall = clocks.entry_into_force
    assert overall is not None and overall.on is None and overall.cannot_compute
    assert overall.on_or_before == date(2023, 2, 28)
    assert str(overall.waiting) == (
        "cannot be computed: the dates of the acts of Estonia are not recorded; on or before "
        "2023-02-28 (90 days after the deposit of the fifth instrument, 2022-11-30 at the "
        "latest)"
    )
    rows = {d.party: d for d in clocks.per_party}
    assert rows["Kyrgyzstan"].on == date(2023, 9, 29) and rows["Kyrgyzstan"].joins_later
    assert rows["Kyrgyzstan"].basis is not None
    assert rows["Yemen"].on is None and not rows["Yemen"].cannot_compute
    assert str(rows["Yemen"].waiting) == "not yet (no consent to be bound recorded)"
    assert rows["Estonia"].cannot_compute
    assert "Yemen" in clocks.not_yet_bound and "Estonia" not in clocks.not_yet_bound
