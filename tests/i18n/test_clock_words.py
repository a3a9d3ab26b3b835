"""The final clauses in Russian and Kazakh (issue 16 #4, #8 "in the three languages"): the
words a treaty lawyer writes, with the numbers agreeing with their nouns (1 год, 2 года,
5 лет) and ordinals in words up to the twelfth («второго месяца», «екінші айдың»), beyond
that in digits with the language's ending («13-го», «13-ші»)."""

from __future__ import annotations

import html

import pytest

from tests.i18n.test_languages import switch_language
from tests.treaty_world import partnership
from tracker.domain.clock_words import clause_words
from tracker.domain.clocks import Anchor, Clause, Mode, Unit
from tracker.i18n import language, translate

EPCA_281 = Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.LAST_NOTIFICATION, 2)

CASES = [
    (
        EPCA_281,
        "ru",
        "в первый день второго месяца, следующего за датой последнего уведомления о "
        "выполнении внутригосударственных процедур",
    ),
    (
        EPCA_281,
        "kk",
        "мемлекетішілік рәсімдердің орындалғаны туралы соңғы хабарлама күнінен кейінгі "
        "екінші айдың бірінші күні",
    ),
    (
        Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 1, Unit.YEARS),
        "ru",
        "через 1 год после вступления в силу",
    ),
    (
        Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 2, Unit.YEARS),
        "ru",
        "через 2 года после вступления в силу",
    ),
    (
        Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 5, Unit.YEARS),
        "ru",
        "через 5 лет после вступления в силу",
    ),
    (
        Clause(Mode.AFTER, Anchor.NOTIFICATION, 21, Unit.DAYS),
        "ru",
        "через 21 день после уведомления",
    ),
    (
        Clause(Mode.AFTER, Anchor.ENTRY_INTO_FORCE, 5, Unit.YEARS),
        "kk",
        "күшіне ену күнінен бастап 5 жыл өткен соң",
    ),
    (Clause(Mode.ON, Anchor.SIGNATURE), "ru", "в день подписания"),
    (Clause(Mode.ON, Anchor.SIGNATURE), "kk", "қол қою күні"),
    (
        Clause(Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD, Anchor.NOTIFICATION, 3, Unit.MONTHS),
        "ru",
        "в первый день месяца, следующего за истечением срока в 3 месяца после уведомления",
    ),
    (
        Clause(Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD, Anchor.NOTIFICATION, 3, Unit.MONTHS),
        "kk",
        "хабарлама күнінен бастап 3 ай мерзім өткеннен кейінгі айдың бірінші күні",
    ),
    (
        Clause(Mode.AFTER, Anchor.NTH_INSTRUMENT, 30, Unit.DAYS, nth=3),
        "ru",
        "через 30 дней после сдачи на хранение третьего документа",
    ),
    (
        Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.NTH_INSTRUMENT, 13, nth=20),
        "ru",
        "в первый день 13-го месяца, следующего за датой сдачи на хранение 20-го документа",
    ),
    (
        Clause(Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING, Anchor.NTH_INSTRUMENT, 13, nth=20),
        "kk",
        "20-шы құжатты сақтауға тапсыру күнінен кейінгі 13-ші айдың бірінші күні",
    ),
]


@pytest.mark.parametrize(("clause", "code", "words"), CASES)
def test_a_clause_reads_right_in_russian_and_kazakh(
    app, clause: Clause, code: str, words: str
) -> None:
    with language(code):
        assert translate(clause_words(clause)) == words


def test_the_agreement_page_gives_the_basis_in_russian(client, make, officer) -> None:
    treaty = partnership(make, years=5)
    client.login(officer)
    switch_language(client, "ru")
    page = html.unescape(client.get(f"/agreements/{treaty.id}").text)
    clocks = page.split('id="clocks"')[1].split("</section>")[0]
    assert (
        "в первый день второго месяца, следующего за датой последнего уведомления о "
        "выполнении внутригосударственных процедур, 15 янв. 2020"
    ) in clocks
    assert "через 5 лет после вступления в силу" in clocks  # the clause, in the rules
    # the term's basis: its first day is the day of entry into force
    assert "5 лет с 1 мар. 2020, первого дня действия срока" in clocks
    assert "№" not in clocks and "событи" not in clocks
