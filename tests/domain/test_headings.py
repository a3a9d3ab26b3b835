"""A provision's heading read from a line (tracker.domain.headings): its number and title
in the three languages' usual forms, and the rule that keeps a sentence starting with
"Article 5" out of the headings."""

from __future__ import annotations

import pytest

from tracker.domain.headings import on_its_own, read
from tracker.domain.provisions import ProvisionKind


@pytest.mark.parametrize(
    ("line", "kind", "number", "title"),
    [
        ("Article 1 Scope", "article", "1", "Scope"),
        ("Article 5 bis Fees", "article", "5 bis", "Fees"),
        ("Article 5.", "article", "5", ""),
        ("Статья 2 Сроки", "article", "2", "Сроки"),
        ("СТАТЬЯ 2. СРОКИ", "article", "2", "СРОКИ"),
        ("5-бап Қорытынды", "article", "5", "Қорытынды"),
        ("Annex I Forms", "annex", "I", "Forms"),
        ("Пункт 3.1 Порядок", "paragraph", "3.1", "Порядок"),
        ("Preamble", "preamble", "", ""),
        ("Article 4 “Visa” defined", "article", "4", "“Visa” defined"),
    ],
)
def test_headings_on_their_own_lines(line: str, kind: str, number: str, title: str) -> None:
    assert on_its_own(line) == read(line)
    found = on_its_own(line)
    assert found is not None
    assert (found.kind, found.number, found.title) == (ProvisionKind(kind), number, title)


@pytest.mark.parametrize(
    "line",
    [
        "Article 5 of the Convention applies to these visas.",
        "Article 5 of the Convention applies",
        "Article 6. Fees are waived.",
        "Статья 5 Конвенции применяется к визам.",
        "5-бапта көрсетілген мерзім",
        "article 7 applies",
        "Article: the Parties agree",
        "Articles 5 and 6 apply",
        "Article Civil rights",
        "Article 9 " + " ".join(["Word"] * 13),
        "Preamble to be agreed",
    ],
)
def test_sentences_are_no_headings(line: str) -> None:
    assert on_its_own(line) is None


def test_a_marked_heading_takes_any_title() -> None:
    found = read("Article 5 of the Convention applies")
    assert found is not None and (found.number, found.title) == (
        "5",
        "of the Convention applies",
    )
    found = read("Article — Final clauses")
    assert found is not None and (found.number, found.title) == ("", "Final clauses")
    assert read("Final clauses") is None
