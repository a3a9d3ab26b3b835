"""Footnotes are kept (issue 17, "Decisions"): in a provision's text as ``[^1]`` with the
note on a line ``[^1]: ...``, shown on the page, exported to .docx as real Word footnotes
and imported from real .docx footnotes, a round trip changing nothing; a marker without a
note, or a note without a marker, refused with a clear message."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from sqlalchemy import select

from tests.web.test_text_word import _confirm, _import
from tracker.domain import brackets
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions
from tracker.services.errors import ServiceError

NOTED = (
    "Visas are issued within [EU: 10[^1]] days.\n"
    "Fees as in Annex I.[^2]\n\n"
    "[^1]: Calendar days.\n"
    "[^2]: Not for diplomatic passports."
)


def test_markers_are_not_brackets_and_are_numbered_in_order(make: Any) -> None:
    assert brackets.count(NOTED) == 1
    lead = make.user()
    track = make.track(lead=lead)
    typed = "B[^7] and A[^3].\n[^3]: Second.\n[^7]: First."
    created = provisions.create_provision(track, {"texts": {"en": typed}}, actor=lead)
    assert created.texts["en"] == "B[^1] and A[^2].\n\n[^1]: First.\n[^2]: Second."
    for text, words in (
        ("A[^1] B.", "Footnote [^1] has no text"),
        ("A.\n[^4]: Orphan.", "no [^4] refers to it"),
    ):
        with pytest.raises(ServiceError) as refused:
            provisions.create_provision(track, {"texts": {"en": text}}, actor=lead)
        assert refused.value.field == "text_en" and words in str(refused.value)


def test_the_page_shows_footnotes(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    article = provisions.create_provision(
        track, {"number": "5", "texts": {"en": NOTED}}, actor=lead
    )
    db.session.commit()
    client.login(lead)
    page = client.get(f"/tracks/{track.id}/text").get_data(as_text=True)
    anchor = f"fn-{article.id}-en"
    assert (
        f'<sup class="footnote-ref"><a href="#{anchor}-1" id="{anchor}-ref-1">1</a></sup>' in page
    )
    assert f'<li id="{anchor}-2" value="2">Not for diplomatic passports.' in page
    assert "[^1]" not in page and "1 bracketed passage" in page


def _word_draft() -> bytes:
    """A draft as Word writes one: a real footnotes part and footnote references."""
    document = docx.Document()
    document.add_paragraph("Article 1 — Purpose")
    paragraph = document.add_paragraph("The purpose is facilitation")
    reference = OxmlElement("w:r")
    marker = OxmlElement("w:footnoteReference")
    marker.set(qn("w:id"), "1")
    reference.append(marker)
    paragraph._p.append(reference)
    paragraph.add_run(" of visas.")
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Short-stay visas only.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        xml.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_draft_with_footnotes_imports_them(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    preview = _import(client, track.id, _word_draft())
    assert preview.status_code == 200
    assert _confirm(client, track.id, preview.get_data(as_text=True)).status_code == 302
    [article] = db.session.scalars(select(Provision)).all()
    assert article.texts["en"] == (
        "The purpose is facilitation[^1] of visas.\n\n[^1]: Short-stay visas only."
    )


def test_footnotes_go_out_as_word_footnotes_and_round_trip(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    provisions.create_provision(track, {"number": "5", "texts": {"en": NOTED}}, actor=lead)
    provisions.create_provision(
        track, {"number": "6", "texts": {"en": "Other[^1].\n\n[^1]: Third note."}}, actor=lead
    )
    db.session.commit()
    client.login(lead)
    exported = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        notes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
    assert "Calendar days." in notes and "Third note." in notes
    assert body.count("<w:footnoteReference") == 3 and "[^1]" not in body
    before = [(p.key, dict(p.texts), p.version) for p in db.session.scalars(select(Provision))]
    preview = _import(client, track.id, exported)
    assert preview.get_data(as_text=True).count("unchanged") == 2
    assert _confirm(client, track.id, preview.get_data(as_text=True)).status_code == 302
    db.session.expire_all()
    after = [(p.key, dict(p.texts), p.version) for p in db.session.scalars(select(Provision))]
    assert after == before
