"""Bracketed text: the passages of a negotiating text that one side has not accepted.

In a joint draft, a passage in square brackets is not agreed. A bracket may name the
Party that proposes it by its short name (``[EU: visas issued within 10 days]``,
``[KZ: ...]``); a plain bracket (``[within 10 days]``) is open without attribution.

The escaping rule, defined here once and applied wherever a text is shown or exported
(shown(), literal_runs()): a literal square bracket is written ``\\[`` or ``\\]`` (and a
literal backslash ``\\\\``); any other backslash is itself. An escaped opening bracket
takes its partner with it: the next closing bracket at the same level (outside any
bracket, or inside the same bracket) is literal too, so ``\\[sic]`` reads as
``\\[sic\\]``, "[sic]". The reader sees the brackets without their backslashes; a Word
export marks them (tracker.services.text_word_export) so that they come back escaped.

Brackets do not nest: a draft with a bracket inside a bracket is refused, with the place,
since no one can tell which side holds what. A footnote's marker, ``[^1]``
(tracker.domain.footnotes), is not a bracket.

Pure functions: no Flask, no session. Used by the negotiating-text services (a provision
with brackets cannot be agreed) and by the pages that highlight them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from tracker.domain.messages import N_, Message

#: "EU: " or "KZ: " at the start of a bracket: a Party's short name in capitals (letters,
#: digits, dots and hyphens, up to 12 characters; "ЕС", "ҚР" too) and a colon. A bracket
#: that starts "Note: ..." is plain: only a capitalised short name attributes. Where the
#: track's parties are known (the pages), only their short names attribute (parse()).
_ATTRIBUTION = re.compile(r"^\s*([^\W\d_][\w.\-]{0,11})\s*:\s*", re.UNICODE)


def _attribution(inner: str, parties: Collection[str] | None) -> re.Match[str] | None:
    """The "EU: " that starts `inner`, if it names a party: one of `parties` exactly (case
    as configured) when they are known, else any short name in capitals."""
    if parties is not None:
        for name in sorted(parties, key=len, reverse=True):
            if name:
                match = re.match(rf"^\s*({re.escape(name)})\s*:\s*", inner)
                if match:
                    return match
        return None
    match = _ATTRIBUTION.match(inner)
    return match if match and match.group(1) == match.group(1).upper() else None


class BracketError(ValueError):
    """A text whose brackets cannot be read. `message` says why and where (a Message, in
    the reader's language where shown); `offset` is the 0-based character position."""

    def __init__(self, message: Message, offset: int) -> None:
        super().__init__(str(message))
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Segment:
    """A run of text: agreed (`bracketed` False) or in brackets, with the Party that
    proposes it (`party`, None for a plain bracket). `text` is as the reader sees it:
    escapes resolved, without the brackets and the attribution."""

    text: str
    bracketed: bool = False
    party: str | None = None


_ESCAPE = re.compile(r"\\([\[\]\\])")
#: a footnote's marker (tracker.domain.footnotes): literal text, never a bracket
_FOOTNOTE = re.compile(r"\[\^\d{1,3}\]")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _escape(text: str) -> str:
    return re.sub(
        r"(\[\^\d{1,3}\])|([\[\]\\])",
        lambda m: m.group(1) or "\\" + m.group(2),
        text,
    )


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _refusal(template: str, text: str, offset: int) -> BracketError:
    line, column = _line_and_column(text, offset)
    return BracketError(Message(template, line=line, column=column), offset)


def parse(text: str, parties: Collection[str] | None = None) -> list[Segment]:
    """Split `text` into agreed and bracketed segments, in order. `parties`: the short
    names of the track's parties (our side and the counterparts), the only prefixes that
    attribute a bracket ("[USD: 100]" is then a plain bracket); None where who proposed a
    passage does not matter (counting), when any short name in capitals attributes.

    Raises BracketError for a bracket inside a bracket, a closing bracket with no opening
    one (nor an escaped opening one to partner), or an opening bracket never closed (each
    with its line and column).
    """
    segments: list[Segment] = []
    buffer: list[str] = []
    opened_at: int | None = None
    #: an escaped opening bracket waiting for its literal partner: outside, inside a bracket
    literal = {False: False, True: False}
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "[]\\":
            buffer.append(text[i : i + 2])
            if text[i + 1] != "\\":
                literal[opened_at is not None] = text[i + 1] == "["
            i += 2
            continue
        if char == "]" and literal[opened_at is not None]:
            buffer.append("\\]")  # the partner of an escaped opening bracket
            literal[opened_at is not None] = False
            i += 1
            continue
        footnote = _FOOTNOTE.match(text, i) if char == "[" else None
        if footnote:  # a footnote's marker, [^1], is not a bracket
            buffer.append(footnote.group(0))
            i = footnote.end()
            continue
        if char == "[":
            if opened_at is not None:
                raise _refusal(
                    N_(
                        "A bracket is opened inside another bracket (line %(line)s, column "
                        "%(column)s): brackets cannot be nested. Close the first bracket, or "
                        "write a literal bracket as \\[."
                    ),
                    text,
                    i,
                )
            if buffer:
                segments.append(Segment(_unescape("".join(buffer))))
            buffer, opened_at = [], i
            literal[True] = False
        elif char == "]":
            if opened_at is None:
                raise _refusal(
                    N_(
                        "A bracket is closed that was never opened (line %(line)s, column "
                        "%(column)s). Write a literal bracket as \\]."
                    ),
                    text,
                    i,
                )
            inner = "".join(buffer)
            attribution = _attribution(inner, parties)
            party = attribution.group(1) if attribution else None
            body = inner[attribution.end() :] if attribution else inner
            segments.append(Segment(_unescape(body), bracketed=True, party=party))
            buffer, opened_at = [], None
        else:
            buffer.append(char)
        i += 1
    if opened_at is not None:
        raise _refusal(
            N_("A bracket opened at line %(line)s, column %(column)s is never closed."),
            text,
            opened_at,
        )
    if buffer:
        segments.append(Segment(_unescape("".join(buffer))))
    return segments


@dataclass(frozen=True)
class Span:
    """Where a bracketed passage stands in the text as typed: characters `start` to `end`
    (0-based, end excluded), its brackets and attribution included; `party` as parse()
    reads it."""

    start: int
    end: int
    party: str | None = None


def spans(text: str, parties: Collection[str] | None = None) -> list[Span]:
    """The bracketed passages of `text` by their place in it as typed (for marking them in
    a redline of the typed text), in order; `parties` as for parse(). Escaped brackets and
    footnote markers are not brackets. Raises BracketError as parse() does."""
    bracketed = iter([segment for segment in parse(text, parties) if segment.bracketed])
    found: list[Span] = []
    opened_at: int | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "[]\\":
            i += 2
            continue
        footnote = _FOOTNOTE.match(text, i) if char == "[" else None
        if footnote:
            i = footnote.end()
            continue
        if char == "[":
            opened_at = i
        elif char == "]" and opened_at is not None:
            found.append(Span(opened_at, i + 1, next(bracketed).party))
            opened_at = None
        i += 1
    return found


def count(text: str) -> int:
    """The number of bracketed passages in `text` (raises BracketError as parse() does)."""
    return sum(1 for segment in parse(text) if segment.bracketed)


def by_party(text: str, parties: Collection[str] | None = None) -> dict[str | None, int]:
    """Bracketed passages per proposing Party (None: plain brackets); `parties` as for
    parse()."""
    counts: dict[str | None, int] = {}
    for segment in parse(text, parties):
        if segment.bracketed:
            counts[segment.party] = counts.get(segment.party, 0) + 1
    return counts


def render(segments: list[Segment]) -> str:
    """The text `parse` read, written back: a round trip gives the same segments (escapes
    are written for literal brackets; spacing after an attribution becomes one space)."""
    out = []
    for segment in segments:
        escaped = _escape(segment.text)
        if not segment.bracketed:
            out.append(escaped)
        elif segment.party:
            out.append(f"[{segment.party}: {escaped}]")
        else:
            out.append(f"[{escaped}]")
    return "".join(out)


def shown(text: str) -> str:
    """`text` as the reader sees it: the escapes resolved (``\\[sic\\]`` and ``\\[sic]``
    are "[sic]", ``\\\\`` is one backslash), brackets and everything else as written. For
    the pages and exports that show a text whole (a redline, a table)."""
    return _unescape(text)


def literal_runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut into runs as a Word export writes them: (characters, False) as written,
    and (one character, True) for each escaped bracket or backslash, shown without its
    backslash and marked literal, so that reading the runs back (a literal run's
    character escaped again, the others as they are) gives `text` exactly."""
    runs: list[tuple[str, bool]] = []
    at = 0
    for escape in _ESCAPE.finditer(text):
        if escape.start() > at:
            runs.append((text[at : escape.start()], False))
        runs.append((escape.group(1), True))
        at = escape.end()
    if at < len(text):
        runs.append((text[at:], False))
    return runs


def escaped(literal: str) -> str:
    """Characters read from a run marked literal, written as the text stores them (each
    bracket and backslash escaped)."""
    return re.sub(r"([\[\]\\])", r"\\\1", literal)
