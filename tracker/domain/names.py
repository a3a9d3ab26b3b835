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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class OfficialName:
    """A record's name copied out of the records (into a reminder, a follow notice, a
    report) with its official names in Russian and Kazakh, so that each reader is told it
    in their language (tracker.i18n.full_name chooses; official_name is the rule).

    As a string it is the English name, as logs, the CLI and English sentences use it.
    """

    name: str
    ru: str = ""
    kk: str = ""

    @classmethod
    def of_track(cls, name: str, ru: str | None = "", kk: str | None = "") -> OfficialName:
        """A track or body: its name, with its official names (None or "" when unknown)."""
        return cls(name or "", ru or "", kk or "")

    @classmethod
    def of_agreement(
        cls, title: str, short_title: str | None, ru: str | None = "", kk: str | None = ""
    ) -> OfficialName:
        """An agreement as lists name it: its short title (officers' shorthand, the same in
        every language) if any, else its title with its official titles."""
        if short_title:
            return cls(short_title)
        return cls(title or "", ru or "", kk or "")

    @property
    def names(self) -> dict[str, str]:
        """The official names that are known, as stored with a copy ({"ru": ..., "kk": ...})."""
        return {k: v for k, v in (("ru", self.ru), ("kk", self.kk)) if v}

    def in_language(self, language: str) -> str:
        return official_name(self.name, self.ru, self.kk, language)

    def __str__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        """Whether there is a name at all (a milestone of no track has none)."""
        return bool(self.name)


class PartyName(str):
    """A Party's English name (as a string: equal to it, hashed as it, the key the domain
    rules, CSV and the API use) carrying its official names in Russian and Kazakh, so that
    a sentence naming the Party is told to each reader in their language (issue 16)."""

    ru: str
    kk: str

    def __new__(cls, name: str, ru: str | None = "", kk: str | None = "") -> PartyName:
        named = super().__new__(cls, name or "")
        named.ru, named.kk = ru or "", kk or ""
        return named

    def in_language(self, language: str) -> str:
        """The name in `language` ("ru", "kk") when known, else the English name."""
        return official_name(str(self), self.ru, self.kk, language)
