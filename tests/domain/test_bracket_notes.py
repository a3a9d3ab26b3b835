"""A drafter's note is not a Party (issue 17 #2, found by a fresh check): "[NB: check]",
"[TBD: figure]", "[Note: ...]", "[Прим.: ...]" and the other note words of
tracker.domain.bracket_notes, in any case, are plain brackets with no warning; any other
capitalised "Word:" that is neither a Party of the track nor a currency code ("[Foo:
baz]") is plain and warned about, as a Party not on the track is."""

from __future__ import annotations

import pytest

from tracker.domain import brackets
from tracker.domain.sides import Sides


def _names() -> dict[str, str]:
    """A track between Kazakhstan (our side, "KZ") and the European Union ("EU")."""
    return Sides("KZ", ("EU",), aliases=(("European Union", "EU"),)).names


NOTES = (
    "[NB: check] [N.B.: check] [nb: check] [TBD: figure] [tbd: figure] [Note: n] "
    "[NOTE: n] [Comment: c] [Option 1: o] [Option A: o] [Alt: a] [Alt. 2: a] "
    "[Alternative: a] [Примечание: п] [Прим.: п] [ВАРИАНТ 2: в] [Ескертпе: е] "
    "[Нұсқа: н] [нұсқа: н]"
)


def test_a_drafters_note_is_a_plain_bracket_and_no_stranger() -> None:
    segments = [s for s in brackets.parse(NOTES, _names()) if s.bracketed]
    assert len(segments) == 19
    assert all(s.party is None and s.stranger is None for s in segments), [
        s for s in segments if s.stranger
    ]
    assert brackets.strangers(NOTES, _names()) == []
    # counting, where any short name in capitals attributes: a note is no Party either
    assert brackets.by_party("[NB: check] [TBD: x] [EU: y]") == {None: 2, "EU": 1}


def test_any_other_capitalised_word_and_colon_is_warned_of() -> None:
    text = "[Foo: baz] [Foo Bar: b] [EU: ok] [USD: 100] [as in Article 5: x] [foo: lower]"
    segments = [s for s in brackets.parse(text, _names()) if s.bracketed]
    assert [(s.party, s.stranger) for s in segments] == [
        (None, "Foo"),
        (None, "Foo Bar"),
        ("EU", None),
        (None, None),
        (None, None),
        (None, None),
    ]
    assert brackets.strangers(text, _names()) == ["Foo", "Foo Bar"]


@pytest.mark.parametrize("word", ["Note", "Прим.", "Ескертпе", "TBD"])
def test_the_note_words_are_kept_as_data(word: str) -> None:
    from tracker.domain import bracket_notes

    assert word in bracket_notes.NOTE_WORDS
    assert bracket_notes.is_note(word.upper()) and bracket_notes.is_note(word.lower())
