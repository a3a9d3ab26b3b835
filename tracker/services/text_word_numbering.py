"""The numbers Word gives a draft's numbered paragraphs (issue 17 #6: "auto-numbered
headings handled"): a heading numbered by Word keeps its number in the numbering part, not
in its text ("Сроки" shown as «Статья 2. Сроки»), so the import computes it as Word does.

WordprocessingML numbering (ISO/IEC 29500-1, 17.9): a paragraph (or its style) says which
list it is in (w:numPr: w:numId, w:ilvl); the list (w:num) points to an abstract
numbering (w:abstractNum) whose levels (w:lvl) give a start value (w:start), a number
format (w:numFmt) and a level text (w:lvlText, "Article %1", where %k is level k's
number). Counting, as Word counts: each paragraph of a list at level L adds one to L's
counter (its start the first time) and restarts the levels below it, except a level whose
w:lvlRestart (17.9.10) says otherwise: 0, it never restarts (articles numbered on across
the parts of a draft); N, it restarts only after a level 1..N (1-based) is used. The lists
(w:num) of one abstract numbering share its counters: a second list of it counts on from
the first, unless it restarts a level (w:lvlOverride/w:startOverride, Word's "Restart
at"), which then starts again at the override's value when that list is first used. What
this does not model (lists linked through numbering styles, a w:lvl inside an override,
legal numbering) leaves a paragraph with the number its level would have without them,
or none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letters(number: int) -> str:
    """Word's letter numbering (ST_NumberFormat "upperLetter"): A..Z, then AA..ZZ, ..."""
    return chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def formatted(number: int, number_format: str) -> str:
    """`number` as the numbering format `number_format` (ST_NumberFormat, ISO/IEC 29500-1,
    17.18.59) writes it: decimal (also for formats not known here), upper and lower Roman
    numerals and letters; "" for none and bullets."""
    if number_format in ("none", "bullet"):
        return ""
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format in ("upperRoman", "lowerRoman") and number > 0:
        roman = _roman(number)
        return roman if number_format == "upperRoman" else roman.lower()
    if number_format in ("upperLetter", "lowerLetter") and number > 0:
        letters = _letters(number)
        return letters if number_format == "upperLetter" else letters.lower()
    return str(number)


@dataclass(frozen=True)
class _Level:
    start: int
    number_format: str
    text: str
    #: w:lvlRestart: None (restart after any higher level), 0 (never), N (after a level
    #: 1..N, 1-based, is used)
    restart: int | None = None


def _value(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _restart(text: str | None) -> int | None:
    """A level's w:lvlRestart (0 or more), None when it has none or one not a number."""
    value = _int(text, -1)
    return value if value >= 0 else None


def _levels(abstract: Any) -> dict[int, _Level]:
    levels = {}
    for level in abstract.findall(qn("w:lvl")):
        levels[_int(level.get(qn("w:ilvl")), 0)] = _Level(
            _int(_value(level, "w:start"), 0),
            _value(level, "w:numFmt") or "decimal",
            _value(level, "w:lvlText") or "",
            _restart(_value(level, "w:lvlRestart")),
        )
    return levels


class ListNumbers:
    """The labels Word shows before a document's numbered paragraphs. Call label() on each
    of the body's paragraphs in order (every numbered paragraph counts)."""

    def __init__(self, document: DocxDocument) -> None:
        self.lists: dict[str, dict[int, _Level]] = {}
        #: the counters of each abstract numbering (by its id), shared by its lists
        self.counters: dict[str, dict[int, int]] = {}
        #: each list's abstract numbering, and the levels it restarts (startOverride)
        self.abstract_of: dict[str, str] = {}
        self.restarts: dict[str, set[int]] = {}
        #: the lists used so far (a list's restart takes effect when it is first used)
        self.used: set[str] = set()
        root = None
        for rel in document.part.rels.values():
            if rel.reltype == RT.NUMBERING and not rel.is_external:
                part = rel.target_part
                root = getattr(part, "element", None)
                if root is None:
                    root = parse_xml(part.blob)
        if root is None:
            return
        abstracts = {
            a.get(qn("w:abstractNumId")): _levels(a) for a in root.findall(qn("w:abstractNum"))
        }
        for num in root.findall(qn("w:num")):
            num_id, abstract_id = num.get(qn("w:numId")) or "", _value(num, "w:abstractNumId")
            levels = dict(abstracts.get(abstract_id, {}))
            restarts = set()
            for override in num.findall(qn("w:lvlOverride")):
                at = _int(override.get(qn("w:ilvl")), 0)
                start = _value(override, "w:startOverride")
                if start is not None and at in levels:
                    levels[at] = replace(levels[at], start=_int(start, levels[at].start))
                    restarts.add(at)
            self.lists[num_id] = levels
            self.abstract_of[num_id] = f"abstract {abstract_id}"
            self.restarts[num_id] = restarts

    def _list_of(self, paragraph: Paragraph) -> tuple[str, int] | None:
        """(numId, level) of the list `paragraph` is in, by its own properties or its
        style's (and the styles it is based on); None when it is in none."""
        properties = paragraph._p.pPr
        numbering = properties.numPr if properties is not None else None
        style = paragraph.style
        while numbering is None and style is not None:
            style_properties = style.element.pPr
            numbering = style_properties.numPr if style_properties is not None else None
            style = style.base_style
        if numbering is None or numbering.numId is None:
            return None
        num_id = str(numbering.numId.val)
        level = numbering.ilvl.val if numbering.ilvl is not None else 0
        if num_id == "0" or num_id not in self.lists:  # numId 0: numbering taken off
            return None
        return num_id, int(level)

    def label(self, paragraph: Paragraph) -> str:
        """The label Word shows before `paragraph` ("Статья 2.", "Article 3", "5-бап",
        "1."), counting it; "" for a paragraph in no list (or a level without a text)."""
        found = self._list_of(paragraph)
        if found is None:
            return ""
        num_id, at = found
        levels = self.lists[num_id]
        counters = self.counters.setdefault(self.abstract_of[num_id], {})
        if num_id not in self.used:  # a list that restarts levels starts them again
            self.used.add(num_id)
            for restarted in self.restarts[num_id]:
                counters.pop(restarted, None)
        level = levels.get(at)
        counters[at] = counters[at] + 1 if at in counters else (level.start if level else 1)
        for deeper in [k for k in counters if k > at]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or at < restart:  # 0: never; N: after levels 1..N
                del counters[deeper]
        if level is None:
            return ""
        text = level.text
        for k in range(9, 0, -1):  # %1..%9: levels 0..8 (so %1 is not read in %10)
            if f"%{k}" in text:
                of = levels.get(k - 1)
                value = counters.get(k - 1, of.start if of else 1)
                text = text.replace(f"%{k}", formatted(value, of.number_format if of else ""))
        return text.strip()
