"""Documents attached to agreements, tracks and meetings.

A file is accepted only if its extension is on the list *and* its content is that kind
of file (the `filetype` package reads the magic numbers), so a renamed executable or an
HTML page saved as .pdf is refused. It is stored under a random name: nothing the
uploader typed reaches the file system. Restricted documents go to officers and
administrators only, and never to anyone who may not see the track they belong to.
Every upload and every download is audited.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import filetype
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.models import Classification, Document, DocumentKind, NegotiationTrack, User
from tracker.orm import db
from tracker.schemas import one_line
from tracker.services.errors import ServiceError
from tracker.services.records import record_audit
from tracker.services.visibility import (
    Reader,
    document_is_visible,
    document_on_track_is_visible,
    may_see_document,
)

#: extension -> the content type the file's content must show
ALLOWED_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "rtf": "application/rtf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
}
#: the types with no magic number: accepted if the bytes are UTF-8 text
TEXT_TYPES = {"txt"}


@dataclass(frozen=True)
class Attachment:
    """Where a document is attached: exactly what one of the record pages passes."""

    agreement_id: int | None = None
    track_id: int | None = None
    milestone_id: int | None = None


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def check_content(data: bytes, filename: str) -> str:
    """The content type of an upload, or a ServiceError saying why it is refused."""
    extension = extension_of(filename)
    if extension not in ALLOWED_TYPES:
        allowed = ", ".join(sorted(ALLOWED_TYPES))
        raise ServiceError(
            "Files of this type cannot be attached. Allowed: %(allowed)s.",
            field="file",
            allowed=allowed,
        )
    expected = ALLOWED_TYPES[extension]
    if extension in TEXT_TYPES:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ServiceError("This is not a plain-text (UTF-8) file.", field="file") from exc
        if b"\x00" in data or filetype.guess(data) is not None:
            raise ServiceError("This is not a plain-text file.", field="file")
        return expected
    found = filetype.guess(data)
    if found is None or found.mime != expected:
        raise ServiceError(
            "The file's content is not a .%(extension)s file, whatever its name says.",
            field="file",
            extension=extension,
        )
    return expected


def safe_filename(filename: str) -> str:
    """The name shown and offered on download: no path, no control characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?')
    return name.strip()[:255] or "document"


#: the kinds of document restricted unless the officer says otherwise: a mandate is the
#: side's negotiating position, a draft text is not yet agreed (issue 15#10)
RESTRICTED_KINDS = frozenset({DocumentKind.MANDATE, DocumentKind.DRAFT_TEXT})


def default_classification(kind: DocumentKind) -> Classification:
    """A document's classification when none is chosen: restricted for RESTRICTED_KINDS."""
    return Classification.RESTRICTED if kind in RESTRICTED_KINDS else Classification.PUBLIC


def store_document(
    data: bytes,
    filename: str,
    *,
    folder: Path,
    max_bytes: int,
    kind: DocumentKind,
    classification: Classification | None,
    title: str,
    attachment: Attachment,
    actor: User,
) -> Document:
    if classification is None:
        classification = default_classification(kind)
    title = one_line(Document.title, title, field="title")
    if not data:
        raise ServiceError("The file is empty.", field="file")
    if len(data) > max_bytes:
        raise ServiceError(
            "The file is larger than %(megabytes)s MB.",
            field="file",
            megabytes=max_bytes // (1024 * 1024),
        )
    content_type = check_content(data, filename)
    name = safe_filename(filename)
    stored_name = secrets.token_hex(16)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / stored_name
    # Written under a temporary name and renamed, so a half-written file is never served.
    partial = folder / f".{stored_name}.part"
    with open(partial, "xb") as handle:
        handle.write(data)
    os.replace(partial, target)
    document = Document(
        stored_name=stored_name,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        classification=classification,
        title=title,
        agreement_id=attachment.agreement_id,
        track_id=attachment.track_id,
        milestone_id=attachment.milestone_id,
        uploaded_by_id=actor.id,
    )
    db.session.add(document)
    try:
        record_audit(
            actor,
            "document.uploaded",
            document,
            f"Uploaded {classification.value} document {name} ({kind.label.lower()}, "
            f"{len(data)} bytes)",
            after={"filename": name, "sha256": document.sha256, "size": len(data)},
        )
        db.session.flush()
    except Exception:
        db.session.rollback()
        target.unlink(missing_ok=True)
        raise
    return document


def open_for_download(document: Document, *, folder: Path, actor: User) -> Path:
    """The stored file's path, after auditing who fetched it."""
    if not may_see_document(actor, document):
        raise ServiceError("You may not see this document.")
    path = folder / document.stored_name
    if not path.is_file():
        raise FileNotFoundError(document.stored_name)
    record_audit(actor, "document.downloaded", document, f"Downloaded {document.filename}")
    db.session.flush()
    return path


def documents_on_track(reader: Reader, track: NegotiationTrack) -> list[Document]:
    """The documents attached to `track` (read through the gate) that the reader may see,
    newest first: documents_of(reader, track_id=track.id) without asking again whether
    the track is hidden (visibility.document_on_track_is_visible)."""
    return list(
        db.session.scalars(
            select(Document)
            .where(Document.track_id == track.id, document_on_track_is_visible(reader, track))
            .options(selectinload(Document.uploaded_by))
            .order_by(Document.uploaded_at.desc(), Document.id.desc())
        )
    )


def documents_of(reader: Reader, **parent: int) -> list[Document]:
    """The documents on one record (agreement_id=, track_id= or milestone_id=) that the
    reader may see, newest first."""
    ((column, value),) = parent.items()
    return list(
        db.session.scalars(
            select(Document)
            .where(getattr(Document, column) == value, document_is_visible(reader))
            .options(selectinload(Document.uploaded_by))
            .order_by(Document.uploaded_at.desc(), Document.id.desc())
        )
    )
