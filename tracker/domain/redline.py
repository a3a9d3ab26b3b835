"""Word-level comparison of two states of a provision's text (a redline), for "what
changed since the last round".

The diff is the standard library's difflib (SequenceMatcher with autojunk=False, so that
common words such as "the" in a long article are never treated as noise): maintained
with Python itself, deterministic, and enough for texts of a few thousand words.
Tokens are words, runs of spaces and single punctuation marks, so a change of "10" to
"15" marks that number only, and spacing survives a join of the pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


class Change(StrEnum):
    EQUAL = "equal"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True)
class Piece:
    change: Change
    text: str


def tokens(text: str) -> list[str]:
    """`text` as words, whitespace runs and punctuation marks; "".join() gives it back."""
    return _TOKEN.findall(text)


def redline(before: str, after: str) -> list[Piece]:
    """The pieces that turn `before` into `after`, in reading order: equal text, then for
    a replacement the deleted words before the inserted ones. Joining the equal and
    deleted pieces gives `before`; the equal and inserted ones give `after`."""
    old, new = tokens(before), tokens(after)
    pieces: list[Piece] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(Change.EQUAL, "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece(Change.DELETED, "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece(Change.INSERTED, "".join(new[j1:j2])))
    return pieces


def changed(before: str, after: str) -> bool:
    """True when the texts differ in anything but surrounding whitespace."""
    return before.strip() != after.strip()
