"""A Word draft with faulty provisions (issue 17 #6, and the house rule "bad input gets a
clear error and loses nothing"): the preview shows each provision's error on its own row
and offers no import; an import refused at confirmation shows the preview again with the
errors. Found by a fresh check: the preview offered "Import" beside a nested bracket, and
the refusal lost the preview."""

from __future__ import annotations

import base64
import io
from typing import Any

import docx
from sqlalchemy import func, select

from tests.web.test_text_word_import_checks import _import
from tracker.models import Provision
from tracker.orm import db

LONG_TITLE = "Final clauses " + "and more " * 40


def _faulty() -> bytes:
    document = docx.Document()
    document.add_paragraph("Article 1 — Purpose")
    document.add_paragraph("Visas are [EU: facilitated].")
    document.add_paragraph("Article 2 — Duration")
    document.add_paragraph("Within [EU: [10] days].")
    document.add_heading(LONG_TITLE, level=2)
    document.add_paragraph("Done at Astana.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rows(page: str) -> dict[str, str]:
    """The preview's rows: the first cell's text -> the row's HTML."""
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    rows = {}
    for row in table.split("<tr>")[1:]:
        first = row.split("<td>")[1].split("</td>")[0]
        rows[first[:40]] = row
    return rows


def test_a_preview_with_errors_shows_them_per_provision_and_offers_no_import(
    client: Any, make: Any
) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    preview = _import(client, track.id, _faulty())
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422, page
    rows = _rows(page)
    assert len(rows) == 3, rows
    first, second, third = rows.values()
    assert "field-error" not in first and "added" in first
    assert "cannot be nested" in second
    assert "300" in third and "field-error" in third  # the title is too long
    assert "Import these provisions" not in page
    assert 'name="content"' not in page
    assert "Correct" in page  # what to do: correct the file and preview it again
    assert not db.session.scalar(select(func.count()).select_from(Provision))


def test_a_refused_import_shows_the_preview_again_with_its_errors(client: Any, make: Any) -> None:
    lead = make.user()
    track = make.track(lead=lead)
    client.login(lead)
    # the confirmation of a file with errors (a form kept from before, or crafted)
    refused = client.submit(
        f"/tracks/{track.id}/text/import/confirm",
        {"content": base64.b64encode(_faulty()).decode("ascii"), "language": "en"},
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "nothing was imported" in page
    rows = _rows(page)
    assert len(rows) == 3, rows
    assert "cannot be nested" in list(rows.values())[1]
    assert "Import these provisions" not in page
    assert not db.session.scalar(select(func.count()).select_from(Provision))
