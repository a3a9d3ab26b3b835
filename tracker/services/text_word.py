"""The negotiating text in and out of Word (issue 17 #6); this module reads drafts in,
tracker.services.text_word_export writes the two exports, with python-docx (maintained, pure
Python, reads and writes the .docx parts we need: styles, headers, footers, tables).

Out: (a) the joint text, brackets included, safe to hand to the other side; (b) the
comparative table (provision | our text | their text | comments), for the team only. Both
carry the classification marking in the header and footer of every page and the round in
the title. Each provision's heading holds a bookmark ``prov_<key>``, so an exported file
imported again matches its provisions by key, whatever their numbers.

In: a draft's provisions are found from its headings (by style, numbering or words:
"Article 5 Title", «Статья 5. Заголовок», «5-бап Тақырып»...; the rule for a plain
paragraph, which keeps "Article 5 of the Convention applies ..." as text, is in
tracker.domain.headings); what follows a heading is its text. An exported provision's
text is written in its own paragraph style (TEXT_STYLE), so a line of it that reads like
a heading ("Preamble", "Article 6 Fees") stays text on the way back. A file with
tracked changes or comments, in the body or in a header, footer, footnote or endnote, is
refused (never silently flattened); the unzipped size is limited. A key claimed by two
provisions of one file stays with the first; the others are new provisions, with a
warning in the preview (never merged silently). Which provision of the track each one
updates (by key, else by kind and number) is tracker.services.text_word_match's.
Nothing is written until the officer confirms the preview (import_draft). The joint
text's exports in several languages come back too: a side-by-side file gives each
column to its language, and the box of a provision exported without text in the file's
language, filled by a translator, is its new text there (tracker.services.text_word_body
reads the body's paragraphs and tables; text_word_numbering, Word's list numbers).

Footnotes are real Word footnotes both ways. python-docx has no footnote API, so they are
written and read through its OPC layer: a footnotes part (ISO/IEC 29500-1, 17.11) related
to the document, and a w:footnoteReference run where each marker stands. In a provision's
text a footnote is ``[^1]`` with its note on a line ``[^1]: ...`` at the end
(tracker.domain.footnotes); Word numbers footnotes through the whole document, the text
numbers them per provision, so an export imported again gives the same text.

A literal square bracket (``\\[sic\\]`` in the text, tracker.domain.brackets) is exported
as the reader sees it, "[sic]", each escaped character in a run of the character style
LITERAL_STYLE; on the way back such a run's characters are escaped again, so a round trip
keeps them literal (never turned into a bracketed passage).
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from tracker.domain import headings
from tracker.domain.messages import N_, Message
from tracker.domain.provisions import ProvisionKind, read_count
from tracker.services.errors import ServiceError
from tracker.services.text_word_body import (
    BOOKMARK,
    COMPARATIVE_REFUSAL,
    LITERAL_STYLE,
    NOTE_STYLE,
    TEXT_STYLE,
    Reading,
    TableNotRead,
    check_columns,
    key_of,
    notes_of,
    read_table,
)
from tracker.services.text_word_numbering import ListNumbers

__all__ = [
    "LITERAL_STYLE",
    "NOTE_STYLE",
    "TEXT_STYLE",
    "COMPARATIVE_TABLE",
    "EXPORT_PROPERTY",
    "VERSIONS_PROPERTY",
    "FoundProvision",
    "exported_versions",
    "read_draft",
]

#: the largest .docx taken (its text travels from the preview to the confirmation)
MAX_DOCX_BYTES = 1024 * 1024
#: the largest the parts of a .docx may add up to once unzipped (a zip bomb is refused)
MAX_UNZIPPED_BYTES = 30 * 1024 * 1024
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_TRACKED = etree.XPath(".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo", namespaces=_NS)
_COMMENTED = etree.XPath(".//w:commentRangeStart | .//w:commentReference", namespaces=_NS)

#: the custom document property (ISO/IEC 29500-1, 22.3) in which an export keeps each
#: provision's version as exported ({key: version}, JSON; 0 for a provision exported as
#: it stood at a past round and changed since): an import then knows what changed after
VERSIONS_PROPERTY = "Accord Tracker provision versions"
#: the custom document property naming what an export of the tracker is; the comparative
#: table's (COMPARATIVE_TABLE) is refused by the import as what it is, not a draft
EXPORT_PROPERTY = "Accord Tracker export"
COMPARATIVE_TABLE = "comparative table"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


@dataclass(frozen=True)
class FoundProvision:
    """A provision read from a .docx: `key` when the file came from here; `problem` when
    its brackets cannot be read (the import refuses the file then)."""

    kind: ProvisionKind
    number: str
    title: str
    text: str
    key: str | None
    bracket_count: int
    problem: Message | None = None
    #: said in the preview, the import going on (a key claimed twice in the file)
    warning: Message | None = None
    #: its number was given by Word's numbering, not typed in its heading
    auto_numbered: bool = False
    #: may be matched to a provision of the track by kind and number (False: its key was
    #: claimed earlier in the file, so it is a new provision)
    matched_by_heading: bool = True
    #: the provision's version when the file was exported from here (VERSIONS_PROPERTY),
    #: if the file says
    exported_version: int | None = None
    #: the first line of its text that looks like a heading with a word not known here
    #: ("Art. 8 Final"; tracker.domain.headings.looks_like_heading): read as text, said
    heading_like: str = ""
    #: (the file's first provision only) the document's title (Word's Title style),
    #: which is not part of the text: said in the preview
    title_left_out: str = ""
    #: (a side-by-side export) its text in each language of the file's columns; `text`
    #: is then ""
    texts: dict[str, str] | None = None
    #: (an export in a language the provision had no text in) what its box holds, and
    #: whether the box's note is still there (text_word_body)
    box: str | None = None
    box_noted: bool = False


def _refuse(message: str) -> ServiceError:
    return ServiceError(message, field="file")


def _open(data: bytes) -> DocxDocument:
    if len(data) > MAX_DOCX_BYTES:
        raise _refuse(N_("The Word file is larger than 1 MB; nothing was imported."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise _refuse(N_("The Word file unpacks to more than 30 MB; nothing was imported."))
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        # a part cut short or not XML is a damaged file, as a broken zip is
        raise _refuse(N_("This is not a Word (.docx) file; nothing was imported.")) from error


#: the parts besides the body where Word keeps tracked changes and comments' anchors
_OTHER_STORIES = ("/header", "/footer", "/footnotes", "/endnotes")


def _stories(document: DocxDocument) -> list[Any]:
    """The body and the headers, footers, footnotes and endnotes (their XML roots)."""
    roots = [document.element.body]
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(_OTHER_STORIES):
            continue
        part = rel.target_part
        root = getattr(part, "element", None)
        roots.append(root if root is not None else parse_xml(part.blob))
    return roots


def _check_clean(document: DocxDocument) -> None:
    """Refuse tracked changes and comments anywhere in the text: the body, the headers,
    footers, footnotes and endnotes."""
    try:
        roots = _stories(document)
    except etree.XMLSyntaxError as error:
        raise _refuse(N_("This is not a Word (.docx) file; nothing was imported.")) from error
    if any(_TRACKED(root) for root in roots):
        raise _refuse(
            N_(
                "The Word file has tracked changes. Accept or reject them in Word first: "
                "they are not flattened silently. Nothing was imported."
            )
        )
    has_comments = any(
        rel.reltype.endswith("/comments") for rel in document.part.rels.values()
    ) or any(_COMMENTED(root) for root in roots)
    if has_comments:
        raise _refuse(
            N_(
                "The Word file has comments. Remove or resolve them in Word first: they "
                "are not dropped silently. Nothing was imported."
            )
        )


def _heading(paragraph: Paragraph, label: str) -> tuple[ProvisionKind, str, str, bool] | None:
    """(kind, number, title, numbered by Word?) if the paragraph is a provision's heading:
    one numbered by Word with a label that reads as a heading's word and number (`label`,
    text_word_numbering: "Статья 2.", "Article 3", "5-бап"; its text is the title); a
    paragraph in a Word heading style or holding a provision's bookmark (any text: one
    that does not read as "Article 5 ..." is an article with that title, numbered by Word
    or not at all); or a plain paragraph that reads as a heading on its own line
    (tracker.domain.headings.on_its_own: "Article 2 Duration", not "Article 5 of the
    Convention applies ..."). An exported provision's text (TEXT_STYLE) is never one."""
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == TEXT_STYLE:
        return None
    listed = headings.read(label) if label else None
    if listed is not None and listed.number and not listed.title:
        return listed.kind, listed.number, text, True
    if not text:
        return None
    if style.lower().startswith("heading") or key_of(paragraph) is not None:
        found = headings.read(text)
        if found is None:
            return ProvisionKind.ARTICLE, "", text, False
    else:
        found = headings.on_its_own(text)
        if found is None:
            return None
    return found.kind, found.number, found.title, False


def _reads_like_heading(paragraph: Paragraph) -> bool:
    """Whether a paragraph read as text looks like a heading with a word not known here
    (tracker.domain.headings.looks_like_heading); never an exported provision's text
    (TEXT_STYLE), which is text by design."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    return style != TEXT_STYLE and headings.looks_like_heading(paragraph.text)


def _is_title(paragraph: Paragraph) -> bool:
    """The document's title (Word's Title style, as the exports write): not a provision's
    text."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    return style.lower() in ("title", "subtitle")


def _numbered(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _custom_property(document: DocxDocument, name: str) -> str | None:
    """The value of the custom document property `name` (ISO/IEC 29500-1, 22.3), or None
    when the file has none (or its part is not XML)."""
    for rel in document.part.package.rels.values():
        if rel.is_external or rel.reltype != RT.CUSTOM_PROPERTIES:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            return None
        for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
            if prop.get("name") == name:
                return "".join(prop.itertext())
    return None


def exported_versions(document: DocxDocument) -> dict[str, int]:
    """Each provision's version as the file was exported (VERSIONS_PROPERTY): key ->
    version; empty for a file that does not say, or says it in a form not ours."""
    said = _custom_property(document, VERSIONS_PROPERTY)
    if said is None:
        return {}
    try:
        versions = json.loads(said)
    except ValueError:
        return {}
    if not isinstance(versions, dict):
        return {}
    return {
        str(k): v for k, v in versions.items() if isinstance(v, int) and BOOKMARK.match(f"prov_{k}")
    }


def read_draft(data: bytes) -> list[FoundProvision]:
    """The provisions of a .docx draft, in order. Raises ServiceError (field "file") for a
    file that is not a .docx, too large, with tracked changes or comments, with a table it
    does not read or a provision's text both in a table of languages and outside it
    (text_word_body), that is the comparative table (EXPORT_PROPERTY), or with no
    provision found. A heading numbered by Word takes the number of its list's label
    ("Статья %1."); one whose label is a mere number ("%1.") and its text none, its
    place among such headings. A side-by-side export gives each provision's text in each
    of its columns' languages (FoundProvision.texts)."""
    document = _open(data)
    _check_clean(document)
    if _custom_property(document, EXPORT_PROPERTY) == COMPARATIVE_TABLE:
        raise _refuse(COMPARATIVE_REFUSAL)
    found: list[Reading] = []
    #: text before the first heading: in no provision, so said in the preview, not dropped
    unplaced: list[str] = []
    title_left_out = ""
    try:
        notes = notes_of(document)
    except etree.XMLSyntaxError as error:  # the footnotes' part damaged: the whole file is
        raise _refuse(N_("This is not a Word (.docx) file; nothing was imported.")) from error
    auto, numbers = 0, ListNumbers(document)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            try:
                found += read_table(block, notes, found[-1] if found else None)
            except TableNotRead as error:
                raise error.refusal() from error
            continue
        paragraph = block
        heading = _heading(paragraph, numbers.label(paragraph))
        if heading is not None:
            kind, number, title, auto_numbered = heading
            if not number and kind is not ProvisionKind.PREAMBLE and _numbered(paragraph):
                auto += 1
                number, auto_numbered = str(auto), True
            found.append(Reading(kind, number, title, key_of(paragraph), auto_numbered))
        elif found:
            found[-1].body.add(paragraph, notes)
            if not found[-1].heading_like and _reads_like_heading(paragraph):
                found[-1].heading_like = paragraph.text.strip()
        elif _is_title(paragraph):
            title_left_out = title_left_out or paragraph.text.strip()
        elif paragraph.text.strip():
            unplaced.append(paragraph.text.strip())
    if not found:
        raise _refuse(
            N_(
                "No provision was found: give each one a heading (a Word heading style, or "
                "a paragraph such as “Article 5”). Nothing was imported."
            )
        )
    for reading in found:
        check_columns(reading)
    versions = exported_versions(document)
    provisions = []
    claimed: dict[str, tuple[ProvisionKind, str]] = {}
    for reading in found:
        key, warning, by_heading = reading.key, None, True
        if key and key in claimed:
            # two provisions of the file claim one identity: the first keeps it, the
            # others are new provisions, never merged silently into the first's
            first_kind, first_number = claimed[key]
            warning = Message(
                N_(
                    "This provision claims the identity of %(kind)s %(number)s, already "
                    "claimed earlier in the file: it will be added as a new provision, not "
                    "merged into that one."
                ),
                kind=first_kind,
                number=first_number,
            )
            key, by_heading = None, False
        elif key:
            claimed[key] = (reading.kind, reading.number)
        if unplaced and not provisions:
            warning = Message(
                N_(
                    "The text before this provision's heading belongs to no provision and "
                    "will not be imported: “%(text)s”. Give it a heading (e.g. “Preamble”) "
                    "to import it."
                ),
                text=" ".join(unplaced)[:300],
            )
        text = reading.body.text()
        texts = None
        if reading.columns is not None:
            texts = {language: lines.text() for language, lines in reading.columns.items()}
        count, problem = read_count(text, texts)  # a column's problem names its language
        provisions.append(
            FoundProvision(
                reading.kind,
                reading.number,
                reading.title,
                text,
                key,
                count,
                problem,
                warning,
                reading.auto_numbered,
                by_heading,
                versions.get(key) if key else None,
                reading.heading_like,
                "" if provisions else title_left_out,
                texts,
                reading.box.text() if reading.box is not None else None,
                reading.box_noted,
            )
        )
    return provisions
