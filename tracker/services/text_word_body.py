"""What a .docx draft's body says, paragraph by paragraph and table by table, for the Word
import (tracker.services.text_word, issue 17 #6 and #7): a paragraph's text as a provision
stores it (footnote markers, literal brackets escaped again), the key kept in a heading's
bookmark, and the two tables the joint text's export writes:

- side by side (several languages): one table, its first row naming a language per column
  (each cell with a bookmark ``lang_<code>``), then for each provision a row with its
  heading across the columns (with its bookmark ``prov_<key>``) and a row with its text
  in each language. Each column is read as its language's text.
- the box of a provision without text in the export's language: a one-cell table after
  its heading, holding a note in NOTE_STYLE ("[no Russian text; English text follows]")
  then the text of another language. A translator may fill it: what it holds then is the
  provision's text in the file's language (tracker.services.text_word_match.texts_given
  tells a filled box from one left as exported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tracker.domain import brackets, footnotes, headings
from tracker.domain.provisions import LANGUAGES, ProvisionKind

BOOKMARK = re.compile(r"^prov_([0-9a-f]{32})$")
#: the bookmark of a side-by-side export's column: its language
LANGUAGE_BOOKMARK = re.compile(r"^lang_([a-z]{2})$")
#: the paragraph style of a provision's text in an export (text_word_export): never a
#: heading on the way back, however it reads ("Preamble", "Article 6 Fees")
TEXT_STYLE = "Provision text"
#: the character style of a literal square bracket (or backslash) in an export, written
#: ``\\[`` in the text (tracker.domain.brackets): escaped again on the way back
LITERAL_STYLE = "Literal bracket"
_LITERAL_STYLE_ID = LITERAL_STYLE.replace(" ", "")
#: the paragraph style of an export's note where a provision has no text in a language
#: ("[no Russian text]"): never read as text
NOTE_STYLE = "Missing text note"


def style_of(paragraph: Paragraph) -> str:
    return (paragraph.style.name if paragraph.style is not None else "") or ""


def key_of(paragraph: Paragraph | _Cell) -> str | None:
    """The provision's key in a bookmark ``prov_<key>`` of the paragraph (or cell)."""
    element = paragraph._p if isinstance(paragraph, Paragraph) else paragraph._tc
    for mark in element.xpath(".//w:bookmarkStart"):
        found = BOOKMARK.match(mark.get(qn("w:name")) or "")
        if found:
            return found.group(1)
    return None


def notes_of(document: DocxDocument) -> dict[str, str]:
    """The document's footnotes: Word's id -> the note's text (its paragraphs joined by a
    space; the separators Word keeps as footnotes -1 and 0 left out). Raises
    lxml.etree.XMLSyntaxError for a damaged footnotes part."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            notes = {}
            for note in root.findall(qn("w:footnote")):
                if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                    continue
                paragraphs = [
                    "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in note.iter(qn("w:p"))
                ]
                notes[note.get(qn("w:id")) or ""] = " ".join(p.strip() for p in paragraphs).strip()
            return notes
    return {}


def _literal(text_element: object) -> bool:
    """Whether a w:t is in a run of LITERAL_STYLE."""
    run = text_element.getparent()  # type: ignore[attr-defined]
    styles = run.xpath("./w:rPr/w:rStyle/@w:val") if run is not None else []
    return bool(styles) and styles[0] == _LITERAL_STYLE_ID


def text_with_markers(paragraph: Paragraph, notes: dict[str, str], found: list[str]) -> str:
    """The paragraph's text as the provision stores it: a marker [^n] where each footnote
    is referred to (n counted in `found`, the provision's notes so far, to which each note
    is added), and each literal bracket of an export (LITERAL_STYLE) escaped again."""
    p = paragraph._p
    if not p.xpath(".//w:footnoteReference") and not p.xpath(".//w:rStyle"):
        return paragraph.text
    out = []
    for element in p.iter():
        if element.tag == qn("w:t"):
            text = element.text or ""
            out.append(brackets.escaped(text) if _literal(element) else text)
        elif element.tag in (qn("w:tab"), qn("w:ptab")):
            out.append("\t")
        elif element.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif element.tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif element.tag == qn("w:footnoteReference"):
            found.append(notes.get(element.get(qn("w:id")) or "", ""))
            out.append(f"[^{len(found)}]")
    return "".join(out)


@dataclass
class Lines:
    """Text being read: its lines, and the notes its footnote markers refer to."""

    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, paragraph: Paragraph, notes: dict[str, str]) -> None:
        self.lines.append(text_with_markers(paragraph, notes, self.notes))

    def text(self) -> str:
        """The text as a provision stores it (tracker.domain.footnotes: its notes last)."""
        return footnotes.join("\n".join(self.lines).strip("\n"), self.notes)


@dataclass
class Reading:
    """A provision being read from a file: its heading, then its text (`body`), or each
    language's (`columns`, side by side), or the box of an export in a language it had no
    text in (`box`; `box_noted`: the box's note is still there)."""

    kind: ProvisionKind
    number: str
    title: str
    key: str | None
    auto_numbered: bool = False
    body: Lines = field(default_factory=Lines)
    heading_like: str = ""
    columns: dict[str, Lines] | None = None
    box: Lines | None = None
    box_noted: bool = False


def _is_note(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    return style_of(paragraph) == NOTE_STYLE and text.startswith("[") and text.endswith("]")


def _cell_text(cell: _Cell, notes: dict[str, str]) -> tuple[Lines, bool]:
    """A cell's text (its notes "[no ... text]" left out) and whether it had such a note."""
    lines, noted = Lines(), False
    for paragraph in cell.paragraphs:
        if _is_note(paragraph):
            noted = True
        else:
            lines.add(paragraph, notes)
    return lines, noted


def _column_languages(table: Table) -> list[str] | None:
    """The language of each column, when the table's first row names them (bookmarks
    ``lang_<code>``); None for any other table."""
    cells = table.rows[0].cells if table.rows else []
    languages = []
    for cell in cells:
        marks = [m.get(qn("w:name")) or "" for m in cell._tc.xpath(".//w:bookmarkStart")]
        found = [m.group(1) for m in map(LANGUAGE_BOOKMARK.match, marks) if m]
        if not found or found[0] not in LANGUAGES:
            return None
        languages.append(found[0])
    return languages if len(set(languages)) == len(languages) > 0 else None


def _side_by_side(table: Table, languages: list[str], notes: dict[str, str]) -> list[Reading]:
    readings: list[Reading] = []
    for row in table.rows[1:]:
        cells = row.cells
        across = len(row._tr.tc_lst) == 1 and len(languages) > 1
        if across or key_of(cells[0]) is not None:
            text = cells[0].text.strip()
            heading = headings.read(text)
            if heading is None:
                heading = headings.Heading(ProvisionKind.ARTICLE, "", text)
            readings.append(Reading(heading.kind, heading.number, heading.title, key_of(cells[0])))
            readings[-1].columns = {language: Lines() for language in languages}
        elif readings:
            for cell, language in zip(cells, languages, strict=False):
                readings[-1].columns[language] = _cell_text(cell, notes)[0]  # type: ignore[index]
    return readings


def read_table(table: Table, notes: dict[str, str], current: Reading | None) -> list[Reading]:
    """The provisions a table of the body begins: a side-by-side export's, each with its
    columns; none for another table, which is the box of `current` (a provision of an
    export, with its key) when it has one cell, and is left out otherwise."""
    languages = _column_languages(table)
    if languages is not None:
        return _side_by_side(table, languages, notes)
    one_cell = len(table.rows) == 1 and len(table.rows[0]._tr.tc_lst) == 1
    if current is not None and current.key and one_cell and current.box is None:
        current.box, current.box_noted = _cell_text(table.rows[0].cells[0], notes)
    return []
