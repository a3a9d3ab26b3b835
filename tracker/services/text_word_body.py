"""What a .docx draft's body says, paragraph by paragraph and table by table, for the Word
import (tracker.services.text_word, issue 17 #6 and #7): a paragraph's text as a provision
stores it (footnote markers, literal brackets escaped again), the key kept in a heading's
bookmark, and the two tables the joint text's export writes:

- side by side (several languages): one table, its first row naming a language per column
  (each cell with a bookmark ``lang_<code>``), then for each provision a row with its
  heading in each column's language (the first with its bookmark ``prov_<key>``; older
  exports: one cell across the columns) and a row with its text
  in each language. Each column is read as its language's text.
- the box of a provision without text in the export's language: a one-cell table after
  its heading, holding a note in NOTE_STYLE ("[no Russian text; English text follows]")
  then the text of another language. A translator may fill it: what it holds then is the
  provision's text in the file's language (tracker.services.text_word_match.texts_given
  tells a filled box from one left as exported).

Side by side is also read from a file not made here, or an export whose bookmarks were
removed: a table whose first row names a language per column in words ("English |
Русский", tracker.domain.provisions.language_named), with either an empty first column's
name (then each row's first cell is a provision's heading, "Article 1 | Scope ... |
Сфера ...") or none (then a row of one cell across the table is a heading, and a table
right under a provision's heading is that provision's text). Any other table, bar a
one-cell box, is not read, and says so (TableNotRead): never left out silently.
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
from tracker.domain.messages import N_
from tracker.domain.provisions import LANGUAGES, ProvisionKind, language_named
from tracker.services.errors import ServiceError

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


def _add_cell(lines: Lines, cell: _Cell, notes: dict[str, str]) -> bool:
    """A cell's text added to `lines` (its notes "[no ... text]" left out); whether it had
    such a note."""
    noted = False
    for paragraph in cell.paragraphs:
        if _is_note(paragraph):
            noted = True
        else:
            lines.add(paragraph, notes)
    return noted


def _cell_text(cell: _Cell, notes: dict[str, str]) -> tuple[Lines, bool]:
    """A cell's text (its notes "[no ... text]" left out) and whether it had such a note."""
    lines = Lines()
    return lines, _add_cell(lines, cell, notes)


#: what the import says of the comparative table (text_word_export), known by a custom
#: document property or, in a file exported before it had one, by its columns
COMPARATIVE_REFUSAL = N_(
    "This is the comparative table (the team's positions), not a draft of the "
    "text: it cannot be imported. Import the joint text or a draft instead. "
    "Nothing was imported."
)
#: the comparative table's columns as its export names them in en, ru and kk (lower
#: case): provision, our text (...), ..., comments
_COMPARATIVE_FIRST = frozenset({"provision", "положение", "ереже"})
_COMPARATIVE_OURS = ("our text", "наш текст", "біздің мәтін")
_COMPARATIVE_LAST = frozenset({"comments", "комментарии", "түсініктемелер"})


def _comparative_columns(table: Table) -> bool:
    """Whether the table's first row names the comparative table's four columns."""
    names = [c.text.strip().casefold() for c in _cells(table.rows[0])] if table.rows else []
    return (
        len(names) == 4
        and names[0] in _COMPARATIVE_FIRST
        and names[1].startswith(_COMPARATIVE_OURS)
        and names[3] in _COMPARATIVE_LAST
    )


class TableNotRead(Exception):
    """A table of the body the import does not read, under `reading` (None: before the
    first provision's heading); `comparative`: it is the comparative table's. Never left
    out silently: the file is refused."""

    def __init__(self, reading: Reading | None, *, comparative: bool = False) -> None:
        super().__init__("table not read")
        self.reading = reading
        self.comparative = comparative

    def refusal(self) -> ServiceError:
        """What the import says: which table is not read, and what to do."""
        if self.comparative:
            return ServiceError(COMPARATIVE_REFUSAL, field="file")
        if self.reading is None:
            return ServiceError(
                N_(
                    "A table before the first provision's heading is not read by the import: "
                    "only a table whose first row names each column's language (English, "
                    "Русский, Қазақша) is. Put its text in paragraphs under a heading, or name "
                    "the columns' languages. Nothing was imported."
                ),
                field="file",
            )
        return ServiceError(
            N_(
                "A table in the text of %(kind)s %(number)s (%(title)s) is not read by the "
                "import: only a table whose first row names each column's language (English, "
                "Русский, Қазақша) is. Put its text in paragraphs, or name the columns' "
                "languages. Nothing was imported."
            ),
            field="file",
            kind=self.reading.kind,
            number=self.reading.number,
            title=self.reading.title,
        )


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


def _cells(row: object) -> list[_Cell]:
    """A row's cells, a cell merged across columns once."""
    return [_Cell(tc, row) for tc in row._tr.tc_lst]  # type: ignore[attr-defined]


def _named_languages(table: Table) -> tuple[bool, list[str]] | None:
    """(a first column of headings?, the language of each other column), when the table's
    first row names its columns' languages in words; None for any other table."""
    if not table.rows:
        return None
    names = [cell.text.strip() for cell in _cells(table.rows[0])]
    headed = len(names) > 1 and not names[0]
    languages = [language_named(name) for name in names[1 if headed else 0 :]]
    if not languages or None in languages or len(set(languages)) != len(languages):
        return None
    return headed, languages  # type: ignore[return-value]


def _new_reading(text: str, key: str | None, languages: list[str]) -> Reading:
    heading = headings.read(text) or headings.Heading(ProvisionKind.ARTICLE, "", text)
    reading = Reading(heading.kind, heading.number, heading.title, key)
    reading.columns = {language: Lines() for language in languages}
    return reading


def _add_columns(
    reading: Reading, cells: list[_Cell], languages: list[str], notes: dict[str, str]
) -> None:
    if reading.columns is None:
        reading.columns = {}
    for cell, language in zip(cells, languages, strict=False):
        _add_cell(reading.columns.setdefault(language, Lines()), cell, notes)


def _heading_row(cells: list[_Cell]) -> bool:
    """Whether a row of several cells is a provision's heading in each column's language
    (an export's, «Article 5 — Scope | Статья 5 — Сфера»): each cell one line read as a
    heading, all of the same kind and number."""
    if len(cells) < 2:
        return False
    read = [
        headings.read(cell.text.strip()) if len(cell.paragraphs) == 1 else None for cell in cells
    ]
    if any(heading is None for heading in read):
        return False
    return len({(heading.kind, heading.number) for heading in read}) == 1  # type: ignore[union-attr]


def _named_side_by_side(
    table: Table, notes: dict[str, str], current: Reading | None
) -> list[Reading] | None:
    """The provisions of a table whose first row names its languages in words (see the
    module's docstring): those it begins, its text rows before the first going to
    `current`; None for a table that is not such."""
    named = _named_languages(table)
    if named is None:
        return None
    headed, languages = named
    readings: list[Reading] = []
    for row in table.rows[1:]:
        cells = _cells(row)
        if headed:
            first = cells[0].text.strip()
            if first:
                readings.append(_new_reading(first, key_of(cells[0]), languages))
            cells = cells[1:]
        elif (len(cells) == 1 and len(languages) > 1) or _heading_row(cells):
            readings.append(_new_reading(cells[0].text.strip(), key_of(cells[0]), languages))
            continue
        target = readings[-1] if readings else current
        if target is None:
            if any(cell.text.strip() for cell in cells):
                raise TableNotRead(None)
            continue
        _add_columns(target, cells, languages, notes)
    return readings


def _side_by_side(table: Table, languages: list[str], notes: dict[str, str]) -> list[Reading]:
    readings: list[Reading] = []
    for row in table.rows[1:]:
        cells = row.cells
        across = len(row._tr.tc_lst) == 1 and len(languages) > 1
        if across or key_of(cells[0]) is not None:
            readings.append(_new_reading(cells[0].text.strip(), key_of(cells[0]), languages))
        elif readings:
            for cell, language in zip(cells, languages, strict=False):
                readings[-1].columns[language] = _cell_text(cell, notes)[0]  # type: ignore[index]
    return readings


def read_table(table: Table, notes: dict[str, str], current: Reading | None) -> list[Reading]:
    """The provisions a table of the body begins: a side-by-side export's, each with its
    columns, or another side-by-side table's (its first row naming the languages); none
    for a one-cell table, which is the box of `current` (a provision of an export, with
    its key) or else more of `current`'s text. Raises TableNotRead for any other table
    (or a one-cell one before the first provision): the import does not read it."""
    languages = _column_languages(table)
    if languages is not None:
        return _side_by_side(table, languages, notes)
    named = _named_side_by_side(table, notes, current)
    if named is not None:
        return named
    one_cell = len(table.rows) == 1 and len(table.rows[0]._tr.tc_lst) == 1
    if one_cell and current is not None:
        cell = table.rows[0].cells[0]
        if current.key and current.box is None:
            current.box, current.box_noted = _cell_text(cell, notes)
        else:
            for paragraph in cell.paragraphs:
                current.body.add(paragraph, notes)
        return []
    if not any(cell.text.strip() for row in table.rows for cell in row.cells):
        return []  # an empty table holds nothing to leave out
    raise TableNotRead(current, comparative=_comparative_columns(table))


def check_columns(reading: Reading) -> None:
    """Refuse a provision with text both in a table of languages and outside it: which
    language the text outside is in, the file does not say (never dropped silently)."""
    if reading.columns is not None and reading.body.text().strip():
        raise ServiceError(
            N_(
                "The text of %(kind)s %(number)s (%(title)s) is both in a table of languages "
                "and outside it: put all of it in the table, a column per language, or none "
                "of it. Nothing was imported."
            ),
            field="file",
            kind=reading.kind,
            number=reading.number,
            title=reading.title,
        )
