"""The final clauses in English words (issue 16 #4: "first day of the second month after
the last notification"): ordinals in words up to the twelfth, "one year" but "5 years",
and a sentence that reads as the clause does. These are the words the API and the logs
use (a Message is its English sentence)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.clock_words import basis_words, clause_words, rule_refusal
from tracker.domain.clocks import Anchor, Basis, Clause, Mode, Purpose, Unit

EPCA_281 = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 2)


@pytest.mark.parametrize(
    ("clause", "words"),
    [
        pytest.param(
            EPCA_281,
            "on the first day of the second month following the last notification of "
            "completed procedures",
        ),
        pytest.param(
            Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 1, Unit.YEARS),
            "one year after entry into force",
        ),
        pytest.param(
            Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 5, Unit.YEARS),
            "5 years after entry into force",
        ),
        (Clause(Mode.AFTER, Anchor.NOTIFICATION, 30, Unit.DAYS), "30 days after the notification"),
        pytest.param(
            Clause(Mode.AFTER, Anchor.NOTIFICATION, 1, Unit.MONTHS),
            "one month after the notification",
        ),
        pytest.param(Clause(Mode.ON, Anchor.SIGNATURE), "on the date of signature"),
        pytest.param(
            Clause(Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD, Anchor.NOTIFICATION, 3, Unit.MONTHS),
            "on the first day of the month following the expiry of a period of 3 months "
            "after the notification",
        ),
        pytest.param(
            Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=3),
            "30 days after the deposit of the third instrument",
        ),
        pytest.param(
            Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.NTH_INSTRUMENT, 13, nth=20),
            "on the first day of the 13th month following the deposit of the 20th instrument",
        ),
    ],
)
def test_a_clause_reads_as_a_final_clause_does(clause: Clause, words: str) -> None:
    assert str(clause_words(clause)) == words


def test_a_basis_names_the_clause_and_its_events_date() -> None:
    basis = Basis(EPCA_281, date(2020, 1, 15))
    assert str(basis_words(basis)) == (
        "on the first day of the second month following the last notification of completed "
        "procedures, 2020-01-15"
    )


def test_a_refusal_names_the_events_in_words() -> None:
    refusal = rule_refusal(
        Purpose.INITIAL_TERM, Clause(Mode.AFTER, Anchor.SIGNATURE, 10, Unit.YEARS)
    )
    assert str(refusal) == (
        "This clause cannot count from signature; choose one of: entry into force."
    )
