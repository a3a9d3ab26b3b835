"""Names compared as people read them: in any case, in every script the tracker is used in.

`fold` is Unicode default case folding (Unicode Standard, section 3.13, "toCasefold") after
NFKC normalisation (Unicode Standard Annex #15), so that "Соглашение", "СОГЛАШЕНИЕ" and
"соглашение" are one name, as are Kazakh "Қазақстан" and "ҚАЗАҚСТАН", "Straße" and
"STRASSE", and a ligature "ﬁ" and "fi". It does not strip accents: "Ә" and "А", "Қ" and
"К" are different letters in Kazakh, and stay different.

Kazakh Latin and Turkish write dotted İ/i and dotless I/ı as two pairs, where English has
one. A name does not say its language, so the fold must not depend on one: here all four
(İ, I, ı, i) fold to "i". A name typed on a Kazakh or Turkish keyboard ("İSTANBUL",
"ıs") then finds the same record as one typed on any other ("Istanbul", "is"); the cost,
two names that differ only by the dot of an i counting as one, is the safer mistake for a
key that refuses duplicates.

The databases' own lower(), upper() and ILIKE are not used for this: SQLite's fold ASCII
only, and PostgreSQL's follow the database's locale (under locale C they leave Cyrillic
unchanged). The folded text is stored next to the name instead (tracker.models.folding).
"""

from __future__ import annotations

import unicodedata

#: after casefold(): "İ" becomes "i" + COMBINING DOT ABOVE; dotless "ı" stays itself
_TURKIC_I = str.maketrans({"ı": "i"})


def fold(text: str) -> str:
    """The key a name is compared by: NFKC, then case folding, then İ/ı as i (see above).
    Leading and trailing white space is dropped; inner spaces are kept as they are."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TURKIC_I)
    # "İ" folds to "i̇" (i + U+0307); the dot is part of the capital letter, not an accent
    folded = folded.replace("i\u0307", "i")
    return folded.strip()


def fold_pattern(text: str) -> str:
    """A LIKE pattern that finds `text` anywhere in a folded column: folded, with LIKE's
    own characters (%, _ and the escape \\) escaped; use with escape="\\"."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def official_name(name: str, name_ru: str, name_kk: str, language: str) -> str:
    """A record's name as a reader of `language` ("en", "ru", "kk") sees it: its official
    name in Russian or Kazakh when that is known (not empty), else `name` (the working
    name, in English)."""
    return {"ru": name_ru, "kk": name_kk}.get(language) or name
