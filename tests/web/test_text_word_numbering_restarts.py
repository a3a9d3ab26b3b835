"""Word import of headings numbered by Word, counted as Word counts them (issue 17 #6,
"auto-numbered headings handled"; found by a fresh check): a level whose w:lvlRestart is
0 never restarts (articles numbered on across the parts of a draft), and lists that share
an abstract numbering go on counting from one to the next unless one restarts it
(w:lvlOverride/w:startOverride, Word's "Restart at"). Real .docx files built with
python-docx and numbering XML, read by the import."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.web.test_text_word_numbering import _numbered
from tracker.services import text_word


def _abstract(document: Any, ident: int, levels: str) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">{levels}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))  # abstractNums before nums (17.9.16)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)


def _num(document: Any, ident: int, abstract: int, restart_at: int | None = None) -> int:
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>'
        if restart_at is not None
        else ""
    )
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{ident}">'
            f'<w:abstractNumId w:val="{abstract}"/>{override}</w:num>'
        )
    )
    return ident


def _read(document: Any) -> list[tuple[str, str, str]]:
    out = io.BytesIO()
    document.save(out)
    return [(p.kind.value, p.number, p.title) for p in text_word.read_draft(out.getvalue())]


def test_articles_numbered_on_across_parts_when_their_level_never_restarts() -> None:
    """Level 0 "Part %1" (text: no provision's word), level 1 "Article %2" with
    lvlRestart 0: Word shows Article 1, 2, then 3 under Part 2, not Article 1 again."""
    document = docx.Document()
    _abstract(
        document,
        80,
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="Part %1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="Article %2"/></w:lvl>',
    )
    listed = _num(document, 80, 80)
    document.add_paragraph("Preamble")
    document.add_paragraph("The Parties agree.")
    _numbered(document.add_paragraph("General provisions"), listed, 0)
    _numbered(document.add_paragraph("Purpose"), listed, 1)
    document.add_paragraph("To facilitate visas.")
    _numbered(document.add_paragraph("Scope"), listed, 1)
    document.add_paragraph("All citizens.")
    _numbered(document.add_paragraph("Final provisions"), listed, 0)
    _numbered(document.add_paragraph("Entry into force"), listed, 1)
    document.add_paragraph("On signature.")
    assert _read(document) == [
        ("preamble", "", ""),
        ("article", "1", "Purpose"),
        ("article", "2", "Scope"),
        ("article", "3", "Entry into force"),
    ]


def test_a_level_restarts_after_a_higher_one_by_default_and_by_lvlrestart() -> None:
    """Without lvlRestart (or with 1: after level 1), "Article %2" starts again under
    each part, as Word shows it."""
    for restart in ("", '<w:lvlRestart w:val="1"/>'):
        document = docx.Document()
        _abstract(
            document,
            81,
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="Part %1"/></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/>{restart}'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="Article %2"/></w:lvl>',
        )
        listed = _num(document, 81, 81)
        _numbered(document.add_paragraph("One"), listed, 0)
        _numbered(document.add_paragraph("Purpose"), listed, 1)
        document.add_paragraph("Text.")
        _numbered(document.add_paragraph("Two"), listed, 0)
        _numbered(document.add_paragraph("Scope"), listed, 1)
        document.add_paragraph("Text.")
        numbers = [number for kind, number, _title in _read(document) if kind == "article"]
        assert numbers == ["1", "1"], restart


def test_lists_sharing_an_abstract_numbering_count_on_unless_restarted() -> None:
    """Articles 1 and 2 in one list, Article 3 in another list of the same abstract
    numbering (Word counts on), then a list that restarts it at 10 (startOverride):
    Articles 10 and 11."""
    document = docx.Document()
    _abstract(
        document,
        82,
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="Статья %1."/></w:lvl>',
    )
    first, second = _num(document, 82, 82), _num(document, 83, 82)
    restarted = _num(document, 84, 82, restart_at=10)
    for title, listed in (
        ("Цель", first),
        ("Сфера", first),
        ("Сроки", second),
        ("Сборы", restarted),
        ("Визы", restarted),
    ):
        _numbered(document.add_paragraph(title), listed)
        document.add_paragraph(f"{title}: текст.")
    assert [number for _kind, number, _title in _read(document)] == [
        "1",
        "2",
        "3",
        "10",
        "11",
    ]
