"""The negotiating text in and out of Word (issue 17 #6): real .docx files built and read
back with python-docx; the joint text and the comparative table with the classification
marking in header and footer and the round in the title; a preview before import; a round
trip that changes nothing; tracked changes and comments refused."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from sqlalchemy import func, select

from tracker.models import AuditEvent, MilestoneKind, Provision
from tracker.orm import db
from tracker.services import positions, provisions
from tracker.services.milestones import complete_milestone

OURS = "OUR-TEXT-ZQX"


@pytest.fixture
def text(make: Any) -> dict[str, Any]:
    lead = make.user(name="Lead")
    outsider = make.user(name="Outsider")
    track = make.track(lead=lead, name="Visa facilitation")
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    first = provisions.create_provision(
        track,
        {"kind": "preamble", "texts": {"en": "The Parties, [desiring] to facilitate visas,"}},
        actor=lead,
    )
    second = provisions.create_provision(
        track,
        {
            "number": "5",
            "title": "Processing time",
            "texts": {"en": "Visas within [EU: 10] days.\nA second paragraph \\[sic\\]."},
        },
        actor=lead,
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    positions.save_position(
        second,
        round_1,
        {"ours": OURS, "theirs": "theirs", "notes": "n"},
        actor=lead,
        expected_version=0,
    )
    db.session.commit()
    return {
        "lead": lead,
        "outsider": outsider,
        "track": track,
        "round": round_1,
        "ids": [first.id, second.id],
    }


def _read(response: Any) -> Any:
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    return docx.Document(io.BytesIO(response.get_data()))


def test_the_joint_text_export_is_marked_and_titled(client: Any, text: dict) -> None:
    client.login(text["outsider"])
    url = f"/tracks/{text['track'].id}/text/joint.docx?round={text['round'].id}"
    document = _read(client.get(url))
    for section in document.sections:
        assert section.header.paragraphs[0].text == "PUBLIC"
        assert section.footer.paragraphs[0].text == "PUBLIC"
    paragraphs = [p.text for p in document.paragraphs]
    assert "Round 1" in paragraphs[0]
    assert "Article 5 — Processing time" in paragraphs
    assert "Visas within [EU: 10] days." in paragraphs
    assert OURS not in "".join(paragraphs)
    # each paragraph's properties come first, before a heading's bookmark (OOXML's order;
    # Word calls the file unreadable otherwise: found by the adversarial check)
    for paragraph in document.paragraphs:
        children = [child.tag.rsplit("}", 1)[1] for child in paragraph._p]
        assert "pPr" not in children or children[0] == "pPr", children


def test_the_comparative_table_is_the_teams_and_marked_restricted(client: Any, text: dict) -> None:
    url = f"/tracks/{text['track'].id}/text/table.docx?round={text['round'].id}"
    client.login(text["outsider"])
    assert client.get(url).status_code == 404
    client.login(text["lead"])
    document = _read(client.get(url))
    assert document.sections[0].header.paragraphs[0].text.startswith("RESTRICTED")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Provision",
        "Our text",
        "Counterpart's text",  # our side not set: no party is called "theirs"
        "Comments",
    ]
    assert OURS in [c.text for c in table.rows[2].cells]
    assert "Round 1" in document.paragraphs[0].text


def test_a_past_rounds_comparative_table_shows_the_text_as_it_stood_then(
    client: Any, text: dict
) -> None:
    """The table for a completed round shows each provision's text and status as frozen
    at that round, not as they are now (found by a fresh check)."""
    preamble = db.session.get(Provision, text["ids"][0])
    provisions.update_provision(
        preamble,
        {
            "texts": {"en": "The Parties, desiring to facilitate visas,"},
            "status": "agreed_ad_referendum",
        },
        actor=text["lead"],
        expected_version=preamble.version,
    )
    db.session.commit()
    client.login(text["lead"])
    url = f"/tracks/{text['track'].id}/text/table.docx?round={text['round'].id}"
    cells = [c.text for row in _read(client.get(url)).tables[0].rows for c in row.cells]
    assert not any("ad referendum" in c for c in cells), cells
    assert any("Open" in c for c in cells), cells


def _import(client: Any, track_id: int, data: bytes) -> Any:
    return client.post(
        f"/tracks/{track_id}/text/import",
        data={
            "csrf_token": client.csrf_token,
            "language": "en",
            "file": (io.BytesIO(data), "draft.docx"),
        },
        content_type="multipart/form-data",
    )


def _confirm(client: Any, track_id: int, page: str) -> Any:
    """The preview's confirmation, with its file and the versions of the provisions it
    showed."""
    content = page.split('id="content" name="content" type="hidden" value="')[1].split('"')[0]
    versions = page.split('id="versions" name="versions" type="hidden" value="')[1].split('"')[0]
    return client.submit(
        f"/tracks/{track_id}/text/import/confirm",
        {"content": content, "language": "en", "versions": versions},
    )


def _rows() -> list[tuple[Any, ...]]:
    return [
        (p.key, p.kind, p.number, p.title, p.texts, p.version, p.position)
        for p in db.session.scalars(select(Provision).order_by(Provision.id))
    ]


def test_a_round_trip_changes_nothing(client: Any, text: dict) -> None:
    client.login(text["lead"])
    exported = client.get(f"/tracks/{text['track'].id}/text/joint.docx").get_data()
    before = _rows()
    preview = _import(client, text["track"].id, exported)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and page.count("unchanged") == 2
    assert _confirm(client, text["track"].id, page).status_code == 302
    db.session.expire_all()
    assert _rows() == before
    assert not db.session.scalar(
        select(func.count()).where(AuditEvent.action == "provision.updated")
    )


def _draft() -> bytes:
    document = docx.Document()
    document.add_paragraph("Draft agreement")
    # numbered from 2: the auto-numbered heading below is the list's first, Article 1
    document.add_paragraph("Article 2 — Purpose")
    document.add_paragraph("The purpose is [EU: facilitation].")
    document.add_paragraph("Статья 3. Сроки")
    document.add_paragraph("Решение принимается в течение [10] дней.")
    document.add_paragraph("4-бап")
    document.add_paragraph("Осы Келісім күшіне енеді.")
    heading = document.add_heading("Final clauses", level=2)
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        numbering.append(element)
    heading._p.get_or_add_pPr().append(numbering)
    document.add_paragraph("Done at Astana.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_draft_is_previewed_then_imported(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    preview = _import(client, track.id, _draft())
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    assert db.session.scalar(select(func.count()).select_from(Provision)) == 0
    assert page.count("added") >= 4
    assert _confirm(client, track.id, page).status_code == 302
    found = db.session.scalars(select(Provision).order_by(Provision.position)).all()
    assert [(p.kind.value, p.number, p.title) for p in found] == [
        ("article", "2", "Purpose"),
        ("article", "3", "Сроки"),
        ("article", "4", ""),
        ("article", "1", "Final clauses"),
    ]
    assert [p.bracket_count for p in found] == [1, 1, 0, 0]
    assert found[1].texts == {"en": "Решение принимается в течение [10] дней."}


def _with(change: str) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("Article 1")
    body = document.add_paragraph("Text")
    if change == "tracked":
        inserted = OxmlElement("w:ins")
        inserted.set(qn("w:id"), "1")
        inserted.set(qn("w:author"), "x")
        body._p.append(inserted)
    else:
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), "0")
        paragraph._p.append(start)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("change", "said"), [("tracked", "tracked changes"), ("comment", "comments")]
)
def test_tracked_changes_and_comments_are_refused(
    client: Any, make: Any, change: str, said: str
) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    refused = _import(client, track.id, _with(change))
    assert refused.status_code == 422
    assert f"The Word file has {said}" in refused.get_data(as_text=True)
    assert _import(client, track.id, b"not a zip").status_code == 422


def test_the_demo_done_means(client: Any) -> None:
    """Issue 17 "Done means": on the demo visa facilitation track an officer opens the text,
    sees the brackets and what changed between round 1 and round 2, marks an article agreed
    ad referendum, and downloads both Word exports."""
    from tracker.models import NegotiationTrack, Role, User
    from tracker.services.demo import DEMO_USERS, seed_demo_data
    from tracker.services.text_rounds import frozen_rounds

    seed_demo_data()
    db.session.commit()
    officer = db.session.scalar(select(User).filter_by(role=Role.OFFICER))
    visa = db.session.scalar(
        select(NegotiationTrack).filter_by(name="EU–Kazakhstan visa facilitation agreement")
    )
    round_1, round_2 = frozen_rounds(visa)
    client.login(officer, next(u[3] for u in DEMO_USERS if u[0] == officer.email))
    base = f"/tracks/{visa.id}/text"
    page = client.get(base).get_data(as_text=True)
    assert '<mark class="bracket"' in page and "DEMO EXAMPLE" in page
    compared = client.get(f"{base}/compare?from={round_1.id}&to={round_2.id}")
    assert "<ins>" in compared.get_data(as_text=True)
    article_3 = db.session.scalar(select(Provision).filter_by(track_id=visa.id, number="3"))
    saved = client.submit(
        f"{base}/{article_3.id}/edit",
        {
            "kind": "article",
            "number": "3",
            "title": article_3.title,
            "text_en": article_3.texts["en"],
            "status": "agreed_ad_referendum",
            "status_round_id": str(round_2.id),
            "version": str(article_3.version),
        },
    )
    assert saved.status_code == 302
    assert _read(client.get(f"{base}/joint.docx")).paragraphs
    assert _read(client.get(f"{base}/table.docx")).tables


def _damaged_docx(part: str) -> bytes:
    """A real .docx (python-docx) whose `part` is replaced by XML cut short."""
    document = docx.Document()
    document.add_paragraph("Article 1")
    document.add_paragraph("Visas within [EU: 10] days.")
    out = io.BytesIO()
    document.save(out)
    damaged = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(out.getvalue())) as source,
        zipfile.ZipFile(damaged, "w") as archive,
    ):
        for name in source.namelist():
            archive.writestr(name, b"<w:document" if name == part else source.read(name))
    return damaged.getvalue()


@pytest.mark.parametrize("part", ["word/document.xml", "[Content_Types].xml"])
def test_a_damaged_word_file_is_refused_clearly(client, make, part: str) -> None:
    """Found by the adversarial check of issue 17: a .docx whose XML is cut short was a
    500 (lxml's XMLSyntaxError), not the refusal a broken zip gets."""
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    refused = client.post(
        f"/tracks/{track.id}/text/import",
        data={
            "csrf_token": client.csrf_token,
            "language": "en",
            "file": (io.BytesIO(_damaged_docx(part)), "draft.docx"),
        },
        content_type="multipart/form-data",
    )
    # the test client's spooled request body is its own to close (werkzeug.test)
    refused.request.environ["wsgi.input"].close()
    assert refused.status_code == 422
    assert "not a Word (.docx) file" in refused.get_data(as_text=True)
