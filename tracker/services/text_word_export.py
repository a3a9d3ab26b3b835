"""The negotiating text out to Word (issue 17 #6), with python-docx: (a) the joint text,
brackets included, safe to hand to the other side; (b) the comparative table (provision |
our text | their text | comments), for the team only. Both carry the classification
marking in the header and footer of every page and the round in the title; each
provision's heading holds a bookmark ``prov_<key>`` so that an exported file imported
again (tracker.services.text_word) matches its provisions by key, whatever their numbers.
Footnotes are written as real Word footnotes through python-docx's OPC layer (see
tracker.services.text_word for the convention)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import replace

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from tracker.domain import brackets, footnotes
from tracker.domain.provisions import text_in
from tracker.models import NegotiationTrack
from tracker.services.provisions import provisions_of
from tracker.services.text_rounds import ProvisionState
from tracker.services.text_word import (
    COMPARATIVE_TABLE,
    EXPORT_PROPERTY,
    LITERAL_STYLE,
    NOTE_STYLE,
    TEXT_STYLE,
    VERSIONS_PROPERTY,
)

_CUSTOM_XML = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
_VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}lpwstr"


def export_versions(track: NegotiationTrack, states: list[ProvisionState]) -> dict[str, int]:
    """What an export of `states` keeps of each provision's version (key -> version), so
    that an import knows what changed after it: the provision's version when the state
    exported is the provision as it stands, 0 (older than any) when it stood otherwise at
    the past round exported."""
    current = {p.key: p for p in provisions_of(track)}
    versions = {}
    for state in states:
        provision = current.get(state.key)
        if provision is None:
            continue
        same = (state.kind, state.number, state.title, state.texts) == (
            provision.kind,
            provision.number,
            provision.title,
            provision.texts,
        )
        versions[state.key] = provision.version if same else 0
    return versions


def _keep_properties(document: DocxDocument, properties: dict[str, str]) -> None:
    """Custom document properties (name -> text) in a custom-properties part related to
    the package (ISO/IEC 29500-1, 15.2.12.2): the versions exported (VERSIONS_PROPERTY),
    what the export is (EXPORT_PROPERTY)."""
    root = etree.fromstring(_CUSTOM_XML)
    for pid, (name, value) in enumerate(properties.items(), 2):  # pid 2 is the first
        prop = etree.SubElement(root, f"{{{root.nsmap[None]}}}property")
        prop.set("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}")
        prop.set("pid", str(pid))
        prop.set("name", name)
        etree.SubElement(prop, _VT).text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _marking(document: DocxDocument, marking: str) -> None:
    """The classification marking in the header and footer of every page."""
    for section in document.sections:
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
            paragraph.text = marking
            paragraph.alignment = 1  # centred


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    # after the paragraph's properties, which OOXML wants first (ISO/IEC 29500-1, 17.3.1.22)
    properties = paragraph._p.pPr
    paragraph._p.insert(0 if properties is None else 1, start)
    paragraph._p.append(end)


_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


class _Footnotes:
    """The footnotes part of a document being written (created on the first note)."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.root = None
        self.count = 0

    def add(self, paragraph: Paragraph, note: str) -> None:
        """A reference to a new footnote at the end of `paragraph`, with its note."""
        if self.root is None:
            self.root = parse_xml(_FOOTNOTES_XML)
        self.count += 1
        ident = str(self.count)
        footnote = OxmlElement("w:footnote")
        footnote.set(qn("w:id"), ident)
        note_paragraph = OxmlElement("w:p")
        mark = _superscript_run()
        mark.append(OxmlElement("w:footnoteRef"))
        text_run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = f" {note}"
        text_run.append(text)
        note_paragraph.append(mark)
        note_paragraph.append(text_run)
        footnote.append(note_paragraph)
        self.root.append(footnote)
        reference = _superscript_run()
        marker = OxmlElement("w:footnoteReference")
        marker.set(qn("w:id"), ident)
        reference.append(marker)
        paragraph._p.append(reference)

    def save(self) -> None:
        """Put the footnotes part in the package, if there is any note."""
        if self.root is None:
            return
        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, self.document.part.package
        )
        self.document.part.relate_to(part, RT.FOOTNOTES)


def _superscript_run() -> object:
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    properties.append(align)
    run.append(properties)
    return run


def _text_style(document: DocxDocument) -> None:
    """The paragraph style of a provision's text (TEXT_STYLE): like Normal, and a
    paragraph typed after one in Word is Normal again (so a heading typed there is read as
    one on import, while an exported line that reads like a heading stays text); and the
    character style of a literal bracket (LITERAL_STYLE), which looks like the text."""
    style = document.styles.add_style(TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.next_paragraph_style = document.styles["Normal"]
    style.quick_style = True
    literal = document.styles.add_style(LITERAL_STYLE, WD_STYLE_TYPE.CHARACTER)
    literal.hidden = False
    note = document.styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = document.styles["Normal"]
    note.next_paragraph_style = document.styles[TEXT_STYLE]
    note.font.italic = True


def _add_line(
    container: DocxDocument | _Cell,
    line: str,
    notes: dict[str, str],
    part: _Footnotes,
    paragraph: Paragraph | None = None,
) -> None:
    """A paragraph of a provision's text (in the document or a table's cell; `paragraph`:
    an empty one to fill), each footnote marker a real footnote."""
    if paragraph is None:
        paragraph = container.add_paragraph(style=TEXT_STYLE)
    at = 0
    for marker in footnotes.MARKER.finditer(line):
        if marker.start() > at:
            _add_runs(paragraph, line[at : marker.start()])
        part.add(paragraph, notes.get(marker.group(1), ""))
        at = marker.end()
    if at < len(line) or at == 0:
        _add_runs(paragraph, line[at:])


def _add_runs(paragraph: Paragraph, text: str) -> None:
    """Runs of a provision's text as the reader sees it: each escaped bracket (``\\[``)
    shown without its backslash, in the LITERAL_STYLE character style that says so to the
    import (tracker.domain.brackets: the escaping rule)."""
    if not text:
        paragraph.add_run("")
    for run, literal in brackets.literal_runs(text):
        paragraph.add_run(run, style=LITERAL_STYLE if literal else None)


def _add_text(
    container: DocxDocument | _Cell, text: str, part: _Footnotes, *, note: str = ""
) -> None:
    """A provision's text, a paragraph per line, after `note` (a paragraph of its own)
    if given; in a cell, its first (empty) paragraph is filled first."""
    split = footnotes.split(text)
    lines = ([note] if note else []) + split.body.split("\n")
    first = container.paragraphs[0] if isinstance(container, _Cell) else None
    for number, line in enumerate(lines):
        if note and number == 0:
            target = first or container.add_paragraph()
            target.style = NOTE_STYLE
            target.add_run(line)
        else:
            _add_line(container, line, split.notes, part, first if number == 0 else None)
        first = None


def _to_bytes(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def joint_text_docx(
    states: list[ProvisionState],
    *,
    titles: Sequence[str],
    marking: str,
    languages: Sequence[str],
    heading_of: Callable[[ProvisionState, str], str],
    name_of: Callable[[str], str],
    missing: Callable[[str, str | None], str],
    versions: dict[str, int] | None = None,
) -> bytes:
    """The joint text (text and brackets only) under its `titles` (one per language of the
    file, each a Title paragraph), each provision under its heading
    (`heading_of(state, language)`: in that language), with `versions` (export_versions)
    kept in the file's custom properties.

    One language in `languages`: each heading holds the provision's key in a bookmark (a
    round trip matches it), then the provision's text in that language; a provision
    without text in it says so (`missing(language, other)`, e.g. "[no English text;
    Russian text follows]") and gives its text in the first other language that holds
    one (tracker.domain.provisions.text_in), both in a one-cell table. The table keeps
    them out of the body's paragraphs, which the import reads (tracker.services
    .text_word): the file imported again in that language leaves the provision unchanged
    instead of taking the other language's text for this one.

    Several languages: side by side, one table with a column per language (headed
    `name_of(language)`, which names it in its own language: "English | Русский"), a row
    with each provision's heading in each column's language («Статья 5» under Русский,
    the key's bookmark in the first column's; its title once, in the first column: the
    model holds one title, not one per language) and a row with its texts, a cell without
    text saying so (`missing(language, None)`, in NOTE_STYLE). Each column's name holds
    its language in a bookmark ``lang_<code>`` and each heading its key, so the import
    reads each column as its language's text (tracker.services.text_word_body).

    A note (`missing`) is a paragraph in NOTE_STYLE, never read as text on import; a
    translator who fills the box of a provision without text in the export's language
    gives it that text (tracker.services.text_word_match.texts_given)."""
    document = docx.Document()
    _marking(document, marking)
    _text_style(document)
    for title in titles:
        document.add_heading(title, level=0)
    notes_part = _Footnotes(document)
    if len(languages) > 1:
        _side_by_side(document, states, languages, heading_of, name_of, missing, notes_part)
    else:
        _one_language(document, states, languages[0], heading_of, missing, notes_part)
    notes_part.save()
    if versions is not None:
        _keep_properties(document, {VERSIONS_PROPERTY: json.dumps(versions, sort_keys=True)})
    return _to_bytes(document)


def _one_language(
    document: DocxDocument,
    states: list[ProvisionState],
    language: str,
    heading_of: Callable[[ProvisionState, str], str],
    missing: Callable[[str, str | None], str],
    notes_part: _Footnotes,
) -> None:
    """The text in one language, each heading with its key (see joint_text_docx)."""
    for number, state in enumerate(states, 1):
        heading = document.add_heading(heading_of(state, language), level=2)
        _bookmark(heading, f"prov_{state.key}", number)
        given, text = text_in(state.texts, language)
        if given is None or given == language:
            _add_text(document, text, notes_part)
        else:
            box = document.add_table(rows=1, cols=1)
            box.style = "Table Grid"
            _add_text(box.rows[0].cells[0], text, notes_part, note=missing(language, given))


def _side_by_side(
    document: DocxDocument,
    states: list[ProvisionState],
    languages: Sequence[str],
    heading_of: Callable[[ProvisionState, str], str],
    name_of: Callable[[str], str],
    missing: Callable[[str, str | None], str],
    notes_part: _Footnotes,
) -> None:
    """The text in one table, a column per language (see joint_text_docx)."""
    table = document.add_table(rows=1, cols=len(languages))
    table.style = "Table Grid"
    for at, (cell, language) in enumerate(zip(table.rows[0].cells, languages, strict=True)):
        cell.text = name_of(language)
        _bookmark(cell.paragraphs[0], f"lang_{language}", len(states) + at + 1)
    for number, state in enumerate(states, 1):
        headings = table.add_row()
        # the title once, in the first column: a provision holds one title, in whichever
        # language it was typed, not one per language (h17e #5: «Статья 1 — Scope» under
        # Русский repeated the English); the other columns give the heading's own words
        untitled = replace(state, title="")
        for at, (cell, language) in enumerate(zip(headings.cells, languages, strict=True)):
            said = heading_of(state if at == 0 else untitled, language)
            cell.paragraphs[0].add_run(said).bold = True
        _bookmark(headings.cells[0].paragraphs[0], f"prov_{state.key}", number)
        texts = table.add_row()
        for cell, language in zip(texts.cells, languages, strict=True):
            text = state.texts.get(language, "")
            if text.strip():
                _add_text(cell, text, notes_part)
            else:
                cell.paragraphs[0].style = NOTE_STYLE
                cell.paragraphs[0].add_run(missing(language, None))


def comparative_table_docx(
    rows: list[tuple[str, str, str, str]],
    *,
    titles: Sequence[str],
    marking: str,
    columns: tuple[str, str, str, str],
) -> bytes:
    """The comparative table under its `titles` (one per language of the file): one row
    per provision (provision, our text, their text, comments), under the column names
    given (in the document's language). The provision's
    cell is its heading, status and text as typed: each escaped bracket (``\\[``) is shown
    without its backslash, as in the joint text (brackets.literal_runs)."""
    document = docx.Document()
    _marking(document, marking)
    _text_style(document)
    # said in the file, so that the import refuses it as what it is (not a draft)
    _keep_properties(document, {EXPORT_PROPERTY: COMPARATIVE_TABLE})
    for title in titles:
        document.add_heading(title, level=0)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = name
    for row in rows:
        cells = table.add_row().cells
        # the provision's cell holds its text: a literal bracket is shown as the joint
        # text shows it, without its backslash (_add_runs); the others are as typed
        for number, line in enumerate(row[0].split("\n")):
            _add_runs(cells[0].paragraphs[0] if number == 0 else cells[0].add_paragraph(), line)
        for cell, value in zip(cells[1:], row[1:], strict=True):
            cell.text = value
    return _to_bytes(document)
