"""Search words and the full-text queries built from them (issue 15 #1, decision "#1 search").

Matching is a case-insensitive word prefix in every script, the same on SQLite and
PostgreSQL, with no stemmer (none exists for Kazakh in either database). Both sides of a
match are cut into words here, in Python, the one place that decides what a word is:

- a text is folded (tracker.domain.names.fold: NFKC, Unicode case folding, İ/ı as i), so
  that the databases' own case rules, which depend on their build and locale, never apply;
- a word is a run of letters, marks and digits (Unicode general categories L*, M*, N*);
  everything else separates words. Kazakh Ә Ғ Қ Ң Ө Ұ Ү Һ І are letters of their own and
  stay themselves: "Қ" never matches "К" (no accent stripping on either database).

The index stores the words joined by single spaces; SQLite's FTS5 `unicode61` tokenizer
(remove_diacritics 0, the same categories) and PostgreSQL's `simple` configuration then
only split at those spaces. A query finds a record when every query word is the start of
one of the record's words, in any order.
"""

from __future__ import annotations

import unicodedata

from tracker.domain.names import fold

#: at most this many words of a query are used (a pasted paragraph is not a search)
MAX_QUERY_WORDS = 8
#: a longer word is cut to this many characters, in the index and in a query alike
#: (PostgreSQL refuses lexemes over 2,047 bytes; no real word is this long)
MAX_WORD_LENGTH = 100

#: the Unicode general categories of characters inside a word (letters, marks, digits)
WORD_CATEGORIES = ("L", "M", "N")
#: the FTS5 tokenizer that reads the stored words back as they were cut here
FTS5_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N*'"


def _is_word_character(character: str) -> bool:
    return unicodedata.category(character)[0] in WORD_CATEGORIES


def words(text: str) -> list[str]:
    """The words of `text`, folded, in order, repeats kept: runs of letters, marks and
    digits, each cut to MAX_WORD_LENGTH characters. "EU–Kazakhstan EPCA (2015)" gives
    ["eu", "kazakhstan", "epca", "2015"]."""
    found: list[str] = []
    current: list[str] = []
    for character in fold(text) + " ":
        if _is_word_character(character):
            current.append(character)
        elif current:
            found.append("".join(current)[:MAX_WORD_LENGTH])
            current = []
    return found


def document(*texts: str | None) -> str:
    """What the index stores for a record made of `texts`: their distinct words, in order,
    joined by single spaces ("" when there are none)."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            seen.setdefault(word, None)
    return " ".join(seen)


def query_words(query: str) -> list[str]:
    """The distinct words of a search query, in order, at most MAX_QUERY_WORDS of them."""
    return list(dict.fromkeys(words(query)))[:MAX_QUERY_WORDS]


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term as a quoted prefix ("epca"* "тре"*), all
    required. Quoting keeps a term such as "or" or "not" a word, not an operator; a term
    holds only letters, marks and digits, so it holds no quote to escape."""
    return " ".join(f'"{term}"*' for term in terms)


def tsquery(terms: list[str]) -> str:
    """A PostgreSQL to_tsquery() text: every term as a quoted prefix, all required
    ('epca':* & 'тре':*). A term holds no quote or backslash to escape (see words())."""
    return " & ".join(f"'{term}':*" for term in terms)
