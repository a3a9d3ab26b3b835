"""Ordinal numbers in words, as a final clause says them: "the second month", «второго
месяца», «екінші айдың». Words up to the twelfth; beyond, digits with the language's
ending: "13th", «13-го», «13-ші».

Russian ordinals agree with their noun: these are the forms of a masculine noun in the
genitive (месяца, документа, срока), the only place the clocks' sentences use one.
Kazakh ordinals do not change before a noun; written in digits they take -ші/-шы after a
hyphen, by the vowels of the number's last word (13 = он үш: 13-ші; 20 = жиырма: 20-шы).
"""

from __future__ import annotations

from tracker.domain.anniversaries import ordinal

ENGLISH = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
#: of a masculine noun in the genitive: «второго месяца»
RUSSIAN = (
    "первого",
    "второго",
    "третьего",
    "четвёртого",
    "пятого",
    "шестого",
    "седьмого",
    "восьмого",
    "девятого",
    "десятого",
    "одиннадцатого",
    "двенадцатого",
)
KAZAKH = (
    "бірінші",
    "екінші",
    "үшінші",
    "төртінші",
    "бесінші",
    "алтыншы",
    "жетінші",
    "сегізінші",
    "тоғызыншы",
    "оныншы",
    "он бірінші",
    "он екінші",
)
#: Kazakh: the ending after the last word of the number (units, else tens, else hundreds)
_KAZAKH_UNITS = {1: "ші", 2: "ші", 3: "ші", 4: "ші", 5: "ші", 6: "шы", 7: "ші", 8: "ші", 9: "шы"}
_KAZAKH_TENS = {1: "шы", 2: "шы", 3: "шы", 4: "шы", 5: "ші", 6: "шы", 7: "ші", 8: "ші", 9: "шы"}


def _kazakh_ending(n: int) -> str:
    if n % 10:
        return _KAZAKH_UNITS[n % 10]
    if n % 100:
        return _KAZAKH_TENS[n % 100 // 10]
    return "ші" if n % 1000 else "шы"  # жүз(інші), мың(ыншы)


def ordinal_word(n: int, language: str) -> str:
    """`n` (1 or more) as an ordinal in `language` ("en", "ru" or "kk"; others: English):
    a word up to 12, else digits with the ending ("13th", «13-го», «13-ші»)."""
    if language == "ru":
        return RUSSIAN[n - 1] if 1 <= n <= 12 else f"{n}-го"
    if language == "kk":
        return KAZAKH[n - 1] if 1 <= n <= 12 else f"{n}-{_kazakh_ending(n)}"
    return ENGLISH[n - 1] if 1 <= n <= 12 else ordinal(n)
