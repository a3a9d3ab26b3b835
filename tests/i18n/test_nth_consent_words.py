"""The clause "after the Nth Party has consented to be bound" in Russian and Kazakh
(h16b #4), as tests/i18n/test_clock_words.py says the other clauses."""

from __future__ import annotations

import pytest

from tracker.domain.clock_words import clause_words
from tracker.domain.clocks import Anchor, Clause, Mode, Unit
from tracker.i18n import language, translate

CASES = [
    (
        (Mode.AFTER, 30, Unit.DAYS, 3),
        "ru",
        "через 30 дней после выражения третьего согласия на обязательность",
    ),
    (
        (Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, 2, Unit.MONTHS, 20),
        "ru",
        "в первый день второго месяца, следующего за датой выражения 20-го согласия на "
        "обязательность",
    ),
    (
        (Mode.AFTER, 30, Unit.DAYS, 3),
        "kk",
        "үшінші тараптың міндеттілікке келісім білдіру күнінен бастап 30 күн өткен соң",
    ),
    (
        (Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, 2, Unit.MONTHS, 20),
        "kk",
        "20-шы тараптың міндеттілікке келісім білдіру күнінен кейінгі екінші айдың бірінші күні",
    ),
]


@pytest.mark.parametrize(("shape", "code", "words"), CASES)
def test_the_nth_consent_clause_reads_right(app, shape, code: str, words: str) -> None:
    mode, offset, unit, nth = shape
    clause = Clause(mode, Anchor("nth_consent"), offset, unit, nth=nth)
    with language(code):
        assert translate(clause_words(clause)) == words
