"""Word import of headings numbered by Word (issue 17 #6, "auto-numbered headings handled";
found by a fresh check): a paragraph in a numbered list whose level text is "Статья %1.",
"Article %1" or "%1-бап" is a provision's heading although its text holds only the title,
its number computed from numbering.xml (the level's start, the paragraphs of the same list
and level before it). A list numbered "%1." stays text. Real .docx files built with
python-docx, through the preview and its confirmation."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from sqlalchemy import select

from tests.web.test_text_word import _confirm
from tests.web.test_text_word_import_checks import _import
from tracker.models import Provision
from tracker.orm import db
from tracker.services import text_word


def _list(document: Any, ident: int, level_text: str, start: int = 1) -> int:
    """A numbered list in the document's numbering part (an abstractNum whose level 0 reads
    `level_text` from `start`, and its w:num); its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{level_text}"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
    )
    # abstractNums come before the nums (ISO/IEC 29500-1, 17.9.16)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'
    )
    numbering.append(num)
    return ident


def _numbered(paragraph: Paragraph, num_id: int, level: int = 0) -> Paragraph:
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(level)), ("w:numId", str(num_id))):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        numbering.append(element)
    paragraph._p.get_or_add_pPr().append(numbering)
    return paragraph


def _draft() -> bytes:
    document = docx.Document()
    russian = _list(document, 90, "Статья %1.")
    english = _list(document, 91, "Article %1", start=3)
    kazakh = _list(document, 92, "%1-бап", start=5)
    points = _list(document, 93, "%1.")
    _numbered(document.add_paragraph("Цель"), russian)
    document.add_paragraph("Цель Соглашения — облегчение [визового] режима.")
    _numbered(document.add_paragraph("Сроки"), russian)
    _numbered(document.add_paragraph("Решение принимается быстро."), points)
    _numbered(document.add_paragraph("Сборы не взимаются."), points)
    _numbered(document.add_paragraph("Scope"), english)
    document.add_paragraph("This Agreement applies to visas.")
    _numbered(document.add_heading("Final provisions", level=2), english)
    document.add_paragraph("Enters into force on signature.")
    _numbered(document.add_paragraph("Қорытынды"), kazakh)
    document.add_paragraph("Осы Келісім күшіне енеді.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_headings_numbered_by_word_are_provisions(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    preview = _import(client, track.id, _draft())
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    assert _confirm(client, track.id, page).status_code == 302
    db.session.expire_all()
    found = db.session.scalars(
        select(Provision).where(Provision.track_id == track.id).order_by(Provision.position)
    ).all()
    assert [(p.kind.value, p.number, p.title) for p in found] == [
        ("article", "1", "Цель"),
        ("article", "2", "Сроки"),
        ("article", "3", "Scope"),
        ("article", "4", "Final provisions"),
        ("article", "5", "Қорытынды"),
    ]
    # a list numbered "1.", "2." inside an article is its text
    assert found[1].texts == {"en": "Решение принимается быстро.\nСборы не взимаются."}
    assert found[0].bracket_count == 1


def test_roman_numbered_annexes_and_a_restarted_list() -> None:
    """An annex list numbered in Roman numerals ("Annex %1", upperRoman), and a list
    whose start is overridden (w:startOverride), read as Word shows them."""
    document = docx.Document()
    annexes = _list(document, 94, "Annex %1")
    level = document.part.numbering_part.element.xpath(
        './/w:abstractNum[@w:abstractNumId="94"]/w:lvl[@w:ilvl="0"]/w:numFmt'
    )[0]
    level.set(qn("w:val"), "upperRoman")
    articles = _list(document, 95, "Article %1.")
    num = document.part.numbering_part.element.xpath('.//w:num[@w:numId="95"]')[0]
    num.append(
        parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>'
        )
    )
    _numbered(document.add_paragraph("Fees"), articles)
    document.add_paragraph("No fee.")
    for title in ("Forms", "Offices", "Contacts", "Lists"):
        _numbered(document.add_paragraph(title), annexes)
        document.add_paragraph(f"{title} text.")
    out = io.BytesIO()
    document.save(out)
    found = text_word.read_draft(out.getvalue())
    assert [(p.kind.value, p.number, p.title, p.text) for p in found] == [
        ("article", "7", "Fees", "No fee."),
        ("annex", "I", "Forms", "Forms text."),
        ("annex", "II", "Offices", "Offices text."),
        ("annex", "III", "Contacts", "Contacts text."),
        ("annex", "IV", "Lists", "Lists text."),
    ]
