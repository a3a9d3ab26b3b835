"""Documents: accepted by content as well as name, stored under a random name, restricted
ones kept from viewers, every upload and download audited."""

from __future__ import annotations

import io
import os

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.factories import PDF
from tracker.models import AuditEvent, Classification, Document
from tracker.orm import db


def stored_files(app) -> set[str]:
    folder = app.config["UPLOAD_FOLDER"]
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


def upload(client, track_id: int, data: bytes, filename: str, classification: str = "public"):
    return client.post(
        f"/documents/new?track={track_id}",
        data={
            "csrf_token": client.csrf_token,
            "file": (io.BytesIO(data), filename),
            "kind": "mandate",
            "classification": classification,
            "title": "Negotiating mandate",
        },
        content_type="multipart/form-data",
    )


def test_an_officer_attaches_a_pdf_stored_under_a_random_name(app, client, make, officer) -> None:
    track = make.track(name="Visa facilitation")
    client.login(officer)
    response = upload(client, track.id, PDF, "../../etc/mandate 2026.pdf")
    assert response.status_code == 302
    document = db.session.scalar(select(Document))
    assert document.filename == "mandate 2026.pdf"  # no path survives
    assert document.content_type == "application/pdf"
    assert document.stored_name in stored_files(app) and len(document.stored_name) == 32
    assert "Negotiating mandate" in client.get(f"/tracks/{track.id}").get_data(as_text=True)

    download = client.get(f"/documents/{document.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment;")
    download.close()
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["document.uploaded", "document.downloaded"]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"MZ\x90\x00 a Windows program", "minutes.pdf", "content is not a .pdf file"),
        (b"<html><script>alert(1)</script></html>", "press.pdf", "content is not a .pdf file"),
        (PDF, "minutes.exe", "Files of this type cannot be attached"),
        (b"\xff\xfe\x00b\x00a\x00d", "notes.txt", "not a plain-text"),
        (b"", "empty.pdf", "The file is empty."),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(
    app, client, make, officer, data, filename, message
) -> None:
    track = make.track()
    client.login(officer)
    before = stored_files(app)
    response = upload(client, track.id, data, filename)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Document)) is None
    assert stored_files(app) == before  # nothing written


def test_a_file_over_the_size_limit_is_refused(app, client, make, officer, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 1024)
    track = make.track()
    client.login(officer)
    response = upload(client, track.id, PDF + b"0" * 2048, "big.pdf")
    assert response.status_code in (413, 422)
    assert db.session.scalar(select(Document)) is None


def test_a_restricted_document_cannot_be_fetched_by_a_viewer(client, make, officer, viewer) -> None:
    agreement = make.agreement(short_title="EPCA")
    secret = make.document(
        officer, classification=Classification.RESTRICTED, agreement_id=agreement.id
    )
    public = make.document(officer, filename="press.pdf", agreement_id=agreement.id)

    client.login(viewer)
    assert client.get(f"/documents/{secret.id}").status_code == 404
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert f"/documents/{secret.id}" not in page and f"/documents/{public.id}" in page
    response = client.get(f"/documents/{public.id}")
    assert response.status_code == 200
    response.close()

    client.login(officer)
    response = client.get(f"/documents/{secret.id}")
    assert response.status_code == 200
    response.close()


def test_documents_of_a_restricted_track_stay_with_its_team(client, make, officer) -> None:
    lead = make.user(role="officer", email="lead@test.example")
    track = make.track(name="Secret", classification=Classification.RESTRICTED, lead=lead)
    document = make.document(lead, track_id=track.id)
    client.login(officer)  # an officer, but not on the track
    assert client.get(f"/documents/{document.id}").status_code == 404
    assert client.get(f"/documents/new?track={track.id}").status_code == 404


def test_viewers_cannot_upload(client, make, viewer) -> None:
    track = make.track()
    client.login(viewer)
    assert upload(client, track.id, PDF, "mandate.pdf").status_code == 403
    assert db.session.scalar(select(Document)) is None


MB = 1024 * 1024


def upload_large(client, track_id: int, data: bytes, filename: str):
    """As upload(), with the multipart body encoded here: the test client's own encoder
    spools a large body to a temporary file it never closes."""
    boundary, body = encode_multipart(
        {
            "csrf_token": client.csrf_token,
            "file": FileStorage(io.BytesIO(data), filename),
            "kind": "mandate",
            "classification": "public",
            "title": "Ratification file",
        }
    )
    return client.post(
        f"/documents/new?track={track_id}",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_a_19_mb_document_goes_through_the_real_form_with_csrf(app, client, make, officer) -> None:
    track = make.track()
    client.login(officer)
    big = PDF + b"0" * (19 * MB - len(PDF))
    response = upload_large(client, track.id, big, "ratification file.pdf")
    assert response.status_code == 302
    document = db.session.scalar(select(Document))
    assert document is not None and document.size == len(big)


def test_a_document_over_20_mb_gets_a_clear_413_page(client, make, officer) -> None:
    track = make.track()
    client.login(officer)
    response = upload_large(client, track.id, PDF + b"0" * (21 * MB), "too big.pdf")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "20 MB" in page
    assert db.session.scalar(select(Document)) is None


def test_other_forms_keep_the_small_limit(client, officer) -> None:
    client.login(officer)
    response = client.submit("/tracks/new", {"name": "x" * (3 * MB)})
    assert response.status_code == 413
