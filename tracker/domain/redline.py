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

from tracker.domain import brackets

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


@dataclass(frozen=True)
class MarkedPiece:
    """A piece of a redline, or part of one, with whether it lies in a bracketed passage
    (of the earlier text for a deletion, of the later text otherwise) and whose that
    passage is (`party`, None for a plain bracket)."""

    change: Change
    text: str
    bracketed: bool = False
    party: str | None = None


def _split(piece: Piece, at: int, spans: list[brackets.Span], out: list[MarkedPiece]) -> None:
    """`piece`, which starts at offset `at` of its text, cut where a span of that text
    starts or ends, each part marked as in a bracket or not."""
    start, end = at, at + len(piece.text)
    cuts = sorted(
        {start, end}
        | {s.start for s in spans if start < s.start < end}
        | {s.end for s in spans if start < s.end < end}
    )
    for left, right in zip(cuts, cuts[1:], strict=False):
        inside = next((s for s in spans if s.start <= left and right <= s.end), None)
        out.append(
            MarkedPiece(
                piece.change,
                piece.text[left - at : right - at],
                inside is not None,
                inside.party if inside else None,
            )
        )


def marked(
    pieces: list[Piece], before: list[brackets.Span], after: list[brackets.Span]
) -> list[MarkedPiece]:
    """The redline `pieces` with the brackets marked: a deleted piece by the earlier
    text's bracketed passages (`before`), a kept or inserted one by the later text's
    (`after`), each piece cut where a passage starts or ends. Joined, the parts give the
    pieces' texts unchanged, so the redline reads as before; a bracket that spans pieces
    is marked in each part, inside its deletion or insertion."""
    out: list[MarkedPiece] = []
    at_before = at_after = 0
    for piece in pieces:
        if piece.change is Change.DELETED:
            _split(piece, at_before, before, out)
            at_before += len(piece.text)
            continue
        _split(piece, at_after, after, out)
        at_after += len(piece.text)
        if piece.change is Change.EQUAL:
            at_before += len(piece.text)
    return out
