"""Bracketed text: the passages of a negotiating text that one side has not accepted.

In a joint draft, a passage in square brackets is not agreed. A bracket may name the
Party that proposes it (``[EU: visas issued within 10 days]``, ``[KZ: ...]``), by its
short name or name in English, Russian or Kazakh and in any case (``[ЕС: ...]``,
``[eu: ...]``, ``[Kazakhstan: ...]``, tracker.domain.sides.KNOWN_NAMES); the attribution
is kept as typed, spaces included. A bracket naming a Party that is not on the track
(``[US: ...]``), or written like an attribution that names nobody on the track (a short
name in capitals, ``[FR: ...]``, or any capitalised word, ``[Foo: ...]``, not a currency
code like ``[USD: 100]``; a near miss of a side's name, ``[Evropean Union: ...]``), is
plain and warned about (strangers()), never refused. A drafter's note (``[NB: check]``,
``[TBD: ...]``, ``[Option 1: ...]``, ``[Прим.: ...]``: tracker.domain.bracket_notes) is
a plain bracket and not warned about. A plain bracket
(``[within 10 days]``) is open without attribution; an empty one (``[]``) is a blank, a
placeholder for a figure still to be agreed, open like any other.

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

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from babel.numbers import list_currencies

from tracker.domain.bracket_notes import is_note
from tracker.domain.messages import N_, Message
from tracker.domain.names import fold
from tracker.domain.sides import KNOWN_FOLDED, is_short_name

#: A name and a colon at the start of a bracket, spaces kept as typed: the name starts with a
#: letter and holds letters, digits, dots, hyphens and single spaces between words ("EU",
#: "ЕС", "EU MS", "Republic of Kazakhstan"), up to 60 characters.
_PREFIX = re.compile(r"^(\s*)([^\W\d_][\w.\-]*(?:[ \t][\w.\-]+)*)(\s*:\s*)", re.UNICODE)

#: The names that attribute a bracket: folded name -> the short name it stands for
#: (tracker.domain.sides.Sides.names), or a plain collection of short names.
Parties = Mapping[str, str] | Collection[str] | None


@dataclass(frozen=True)
class _Attribution:
    #: the attribution as typed: the name with its spaces and colon (" EU : ")
    typed: str
    #: the short name of the track's party it names, or None
    party: str | None
    #: a Party's name that names nobody on the track ("US"), or None
    stranger: str | None


def _attribution(inner: str, parties: Parties, others: Collection[str]) -> _Attribution | None:
    """The attribution that starts `inner`, if it names a Party. With `parties` known (a
    mapping of folded names to short names, or short names), a name found among them in
    any case attributes to that party; a name of a Party that is not among them (in
    KNOWN_NAMES, or in `others`: folded), or a name written as one (_looks_like_a_party),
    is a stranger; a drafter's note ("Note:", "NB:"; bracket_notes) or anything else
    ("USD:", "as in Article 5:") is no attribution. With `parties` None (counting), any
    short name in capitals or known name that is no note attributes, as typed."""
    match = _PREFIX.match(inner)
    if match is None or len(match.group(2)) > 60:
        return None
    name, key = match.group(2), fold(match.group(2))
    if parties is None:
        if is_note(name):
            return None
        if is_short_name(name) or key in KNOWN_FOLDED:
            return _Attribution(match.group(0), name, None)
        return None
    names = parties if isinstance(parties, Mapping) else {fold(p): p for p in parties if p}
    if key in names:
        return _Attribution(match.group(0), names[key], None)
    if is_note(name):
        return None
    if key in KNOWN_FOLDED or key in others or _looks_like_a_party(name, key, names):
        return _Attribution(match.group(0), None, name)
    return None


#: ISO 4217 currency codes ("USD", "KZT", "EUR"), from Babel's CLDR data: "[USD: 100]" is
#: an amount still to be agreed, not a Party
_CURRENCIES: frozenset[str] = frozenset(list_currencies())

#: how close (difflib ratio, 0 to 1) a name must be to a side's name to be read as a typo
#: of it ("Evropean Union" for "European Union"); names shorter than 4 letters are not
#: compared (a short name in capitals is caught as such, and "us" is near "usd")
_TYPO_CUTOFF = 0.8
_TYPO_MIN_LENGTH = 4


def _looks_like_a_party(name: str, key: str, names: Collection[str]) -> bool:
    """Whether `name` (folded: `key`), found neither among the track's parties nor the
    known Parties nor the drafter's notes, is written like an attribution all the same:
    not a currency code ("USD"), and a short name in capitals ("FR"), a capitalised
    word or words ("Foo", "Foo Bar"), or a near miss of a side's name (`names`: the
    track's, folded) or a known Party's ("Evropean Union"), by difflib's ratio."""
    if name in _CURRENCIES:
        return False
    if is_short_name(name) or _capitalised(name):
        return True
    if len(key) < _TYPO_MIN_LENGTH:
        return False
    candidates = [*names, *KNOWN_FOLDED]
    return bool(difflib.get_close_matches(key, candidates, n=1, cutoff=_TYPO_CUTOFF))


def _capitalised(name: str) -> bool:
    """Whether `name` is written as a name is: each of its words starts with a capital
    letter ("Foo", "Foo Bar", "Swiss Confederation"; not "as in Article 5", "foo")."""
    return all(word[0].isupper() for word in name.split())


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
    proposes it (`party`: the track's short name for it, None for a plain bracket).
    `text` is as the reader sees it: escapes resolved, without the brackets and the
    attribution. `attribution`: the attribution as the officer typed it, spaces and
    colon included (" ЕС : "), shown as typed; not compared. `stranger`: a Party's
    name that attributes the bracket to nobody on the track ("US"), warned about; the
    bracket is then plain (`party` None)."""

    text: str
    bracketed: bool = False
    party: str | None = None
    attribution: str = field(default="", compare=False)
    stranger: str | None = None

    @property
    def attribution_parts(self) -> tuple[str, str, str]:
        """The attribution as typed in three parts for showing it: the spaces before the
        name, the name with its colon (and any spaces before the colon), the spaces after
        (" EU : " -> (" ", "EU :", " ")); ("", "", "") for none."""
        match = re.match(r"^(\s*)(.*?:)(\s*)$", self.attribution, re.DOTALL)
        return (match.group(1), match.group(2), match.group(3)) if match else ("", "", "")


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


def parse(text: str, parties: Parties = None, *, others: Collection[str] = ()) -> list[Segment]:
    """Split `text` into agreed and bracketed segments, in order. `parties`: the names
    that attribute a bracket on the track (tracker.domain.sides.Sides.names: every name of
    our side and the counterparts, in the three languages, folded -> short name; or just
    the short names), read in any case ("[eu: ...]", "[ЕС: ...]" are the EU's). "[USD:
    100]" is then a plain bracket; "[US: ...]", a Party's name (KNOWN_NAMES or `others`)
    not on the track, is plain with `stranger` set. None where who proposed a passage does
    not matter (counting), when any short name in capitals attributes.

    An empty bracket, ``[]``, is a blank: a placeholder for a figure or words still to be
    agreed ("within [] days"); it is an open bracket like any other, counted, and
    prevents agreement.

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
            found = _attribution(inner, parties, others)
            body = inner[len(found.typed) :] if found else inner
            segments.append(
                Segment(
                    _unescape(body),
                    bracketed=True,
                    party=found.party if found else None,
                    attribution=found.typed if found else "",
                    stranger=found.stranger if found else None,
                )
            )
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


def spans(text: str, parties: Parties = None) -> list[Span]:
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


def by_party(text: str, parties: Parties = None) -> dict[str | None, int]:
    """Bracketed passages per proposing Party (None: plain brackets); `parties` as for
    parse()."""
    counts: dict[str | None, int] = {}
    for segment in parse(text, parties):
        if segment.bracketed:
            counts[segment.party] = counts.get(segment.party, 0) + 1
    return counts


def strangers(text: str, parties: Parties, others: Collection[str] = ()) -> list[str]:
    """The names, as typed and each once, that attribute a bracket of `text` to a Party not
    on the track ("[US: ...]" on a track between Kazakhstan and the EU); `parties` and
    `others` as for parse(). Warned about on save and on the text's page, never refused.
    Raises BracketError as parse() does."""
    found: list[str] = []
    for segment in parse(text, parties, others=others):
        if segment.stranger and segment.stranger not in found:
            found.append(segment.stranger)
    return found


def render(segments: list[Segment]) -> str:
    """The text `parse` read, written back: a round trip gives the same segments (escapes
    are written for literal brackets; an attribution as typed, or "EU: " when built
    without one)."""
    out = []
    for segment in segments:
        escaped = _escape(segment.text)
        if not segment.bracketed:
            out.append(escaped)
        elif segment.attribution:
            out.append(f"[{segment.attribution}{escaped}]")
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
