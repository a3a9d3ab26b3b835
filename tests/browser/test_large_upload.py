"""A 19 MB document attached through the real form in real Chromium, CSRF on (issue 14
#11: every upload over 2 MB used to answer 413)."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in
from tests.factories import PASSWORD, PDF
from tracker.models import Document
from tracker.orm import db

MB = 1024 * 1024


def test_a_19_mb_document_is_attached_in_a_real_browser(live_server, page, officer, make) -> None:
    track = make.track(name="Visa facilitation")
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/documents/new?track={track.id}")
    big = PDF + b"0" * (19 * MB - len(PDF))
    # handing 19 MB to the browser took over Playwright's 10 s on a loaded CI machine
    page.get_by_label("File").set_input_files(
        {"name": "ratification file.pdf", "mimeType": "application/pdf", "buffer": big},
        timeout=120_000,
    )
    page.get_by_label("Kind").select_option("mandate")
    page.get_by_label("Classification").select_option("public")
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_text("Document attached.")).to_be_visible(timeout=120_000)
    db.session.expire_all()
    document = db.session.scalar(select(Document))
    assert document is not None and document.size == len(big)
