"""The language a table column's name says (issue 17 #6, side-by-side drafts not made
here): in English, Russian or Kazakh, as the exports write them or as people type them."""

from __future__ import annotations

import pytest

from tracker.domain.provisions import language_named


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("English", "en"),
        ("Русский", "ru"),
        ("Қазақша", "kk"),
        ("Қазақ тілі", "kk"),
        ("Russian", "ru"),
        ("Kazakh:", "kk"),
        ("Английский", "en"),
        ("Орыс тілі", "ru"),
        ("English text", "en"),
        ("RU", "ru"),
    ],
)
def test_a_column_named_for_a_language_gives_it(name: str, language: str) -> None:
    assert language_named(name) == language


@pytest.mark.parametrize("name", ["", "Term", "Meaning", "Provision", "English law", "French"])
def test_a_column_named_otherwise_gives_none(name: str) -> None:
    assert language_named(name) is None
