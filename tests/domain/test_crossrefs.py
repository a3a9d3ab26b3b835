"""Cross-references found in a provision's text (issue 17, "Decisions"): each article of a
list is a reference of its own ("Articles 5 and 6", «статьи 5 и 6», «5 және 6-баптар»),
and a reference to an article of another treaty ("Article 5 of the Vienna Convention",
«статья 5 Венской конвенции», «Вена конвенциясының 5-бабы») is not one to our text."""

from __future__ import annotations

import pytest

from tracker.domain import crossrefs
from tracker.domain.provisions import ProvisionKind

ARTICLE = ProvisionKind.ARTICLE


def _found(text: str) -> list[tuple[ProvisionKind, str, str]]:
    return [(r.kind, r.number, text[r.start : r.end]) for r in crossrefs.find(text)]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("as referred to in Articles 5 and 6.", ["5", "6"]),
        ("as referred to in Articles 5, 6 and 7.", ["5", "6", "7"]),
        ("under Articles 5, 6, and 7, the Parties", ["5", "6", "7"]),
        ("under Articles 5 or 6", ["5", "6"]),
        ("предусмотренные статьями 5 и 6, применяются", ["5", "6"]),
        ("в силу статей 5, 6 и 7 настоящего Соглашения", ["5", "6", "7"]),
        ("Осы Келісімнің 5 және 6-баптарында көзделген", ["5", "6"]),
        ("Осы Келісімнің 5, 6 және 7-баптарында көзделген", ["5", "6", "7"]),
    ],
)
def test_each_article_of_a_list_is_a_reference(text: str, numbers: list[str]) -> None:
    found = _found(text)
    assert [(kind, number) for kind, number, _ in found] == [(ARTICLE, n) for n in numbers]
    # each link covers its own number, and no two overlap
    for _, number, words in found:
        assert number in words
    spans = [(r.start, r.end) for r in crossrefs.find(text)]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(
    "text",
    [
        "as defined in Article 5 of the Vienna Convention on the Law of Treaties",
        "as defined in Articles 5 and 6 of the Vienna Convention",
        "within the meaning of Article 2 of the Chicago Convention",
        "в смысле статьи 5 Венской конвенции о праве международных договоров",
        "статьи 5 и 6 Венской конвенции",
        "Вена конвенциясының 5-бабында көзделген",
        "в соответствии со статьёй 2 Устава ООН",
    ],
)
def test_an_article_of_another_treaty_is_not_a_reference(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("as referred to in Article 5 of this Agreement", ["5"]),
        ("as referred to in Article 5 of the Agreement", ["5"]),
        ("предусмотренные статьёй 5 настоящего Соглашения", ["5"]),
        ("положения статьи 5 Соглашения применяются", ["5"]),
        ("В соответствии со статьёй 5 Стороны принимают меры", ["5"]),
        ("согласно статье 5 Договаривающиеся Стороны уведомляют", ["5"]),
        ("Тараптардың 5-бапқа сәйкес міндеттемелері", ["5"]),
        ("Осы Келісімнің 5-бабында көзделген", ["5"]),
        ("Article 5 and Article 6 apply; Article 7 of the Vienna Convention does not", ["5", "6"]),
        ("Article 5 and 10 days", ["5"]),
    ],
)
def test_our_own_articles_still_are(text: str, numbers: list[str]) -> None:
    assert [number for _, number, _ in _found(text)] == numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("в соответствии со статьи 5 и 10 дней спустя", ["5"]),
        ("согласно статьям 5 и 3 месяца", ["5"]),
        ("статьи 5 и 12 % пошлины", ["5"]),
        ("статьи 5, 6 и 2 года", ["5", "6"]),
        ("under Articles 5 and 30 days after", ["5"]),
        ("under Articles 4 and 6 months later", ["4"]),
        ("Articles 4 and 10 per cent", ["4"]),
        ("Articles 4 and 10 calendar days", ["4"]),
        ("Осы Келісімнің 5 және 6-баптарында 10 күн ішінде", ["5", "6"]),
        ("статьи 5 и 10 дней", ["5"]),
    ],
)
def test_a_number_followed_by_a_unit_is_no_article(text: str, numbers: list[str]) -> None:
    assert [number for _, number, _ in _found(text)] == numbers
