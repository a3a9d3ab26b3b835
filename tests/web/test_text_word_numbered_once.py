"""The Word import's preview refuses a file that would leave two articles with one number
(issue 17 #6 and #7, found by a fresh check): the text as it would be after the import is
checked in the preview (tracker.services.provisions.check_numbered_once), the error shown
on the row, no confirmation offered; the confirmation keeps the check. Real .docx files
exported here and edited, through the preview."""

from __future__ import annotations

import base64
import io
from typing import Any

import docx
import pytest
from sqlalchemy import select

from tests.web.test_text_word_import_checks import _import, _rewrite
from tracker.models import Provision
from tracker.orm import db
from tracker.services import provisions


@pytest.fixture
def exported(client: Any, make: Any) -> dict[str, Any]:
    """A track of two articles, and its joint text as exported."""
    lead = make.user()
    track = make.track(lead=lead)
    first = provisions.create_provision(
        track, {"number": "1", "texts": {"en": "Purpose."}}, actor=lead
    )
    second = provisions.create_provision(
        track, {"number": "2", "texts": {"en": "Duration."}}, actor=lead
    )
    db.session.commit()
    client.login(lead)
    data = client.get(f"/tracks/{track.id}/text/joint.docx").get_data()
    return {"track": track, "first": first, "second": second, "data": data}


def _numbers() -> list[tuple[str, dict[str, str]]]:
    db.session.expire_all()
    found = db.session.scalars(select(Provision).order_by(Provision.position)).all()
    return [(p.number, p.texts) for p in found]


def test_a_key_claimed_twice_is_refused_in_the_preview(client: Any, exported: dict) -> None:
    track, first, second = exported["track"], exported["first"], exported["second"]
    data = _rewrite(
        exported["data"],
        "word/document.xml",
        lambda xml: xml.replace(f"prov_{second.key}", f"prov_{first.key}"),
    )
    preview = _import(client, track.id, data)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422
    assert "would be numbered 2" in page
    assert "Import these provisions" not in page
    # the confirmation, posted all the same, keeps the check
    refused = client.submit(
        f"/tracks/{track.id}/text/import/confirm",
        {"content": base64.b64encode(data).decode(), "language": "en", "versions": ""},
    )
    assert refused.status_code == 422
    assert "would be numbered 2" in refused.get_data(as_text=True)
    assert _numbers() == [("1", {"en": "Purpose."}), ("2", {"en": "Duration."})]


def test_a_renumbering_onto_a_number_the_text_keeps_is_refused_in_the_preview(
    client: Any, exported: dict
) -> None:
    """Article 1 renumbered 2 in the file, the file no longer holding Article 2 (which
    stays in the text): two Articles 2 after the import."""
    track = exported["track"]
    document = docx.Document(io.BytesIO(exported["data"]))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    headings[0].runs[0].text = "Article 2"
    body = headings[1]._p.getparent()
    paragraphs = [p._p for p in document.paragraphs]
    for paragraph in paragraphs[paragraphs.index(headings[1]._p) :]:
        body.remove(paragraph)
    out = io.BytesIO()
    document.save(out)
    preview = _import(client, track.id, out.getvalue())
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422
    assert "would be numbered 2" in page
    assert "Import these provisions" not in page
