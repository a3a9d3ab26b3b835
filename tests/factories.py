"""Factories that build records straight into the database, with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from flask import current_app
from werkzeug.security import generate_password_hash

from tracker.domain.workflow import TrackStatus
from tracker.models import (
    Agreement,
    AgreementStatus,
    Body,
    Classification,
    Document,
    DocumentKind,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Party,
    Ratification,
    Role,
    StatusChange,
    User,
)
from tracker.orm import db
from tracker.services.documents import Attachment, store_document

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)
#: the smallest file that `filetype` recognises as a PDF
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@cache
def _password_hash() -> str:
    # scrypt is slow by design; hash the shared test password once.
    return generate_password_hash(PASSWORD, method="scrypt")


class Factories:
    @staticmethod
    def user(role: str = "officer", email: str | None = None, **kw: Any) -> User:
        n = next(_counter)
        user = User(
            email=email or f"user{n}@test.example",
            name=kw.pop("name", f"Officer {n}"),
            role=Role(role),
            password_hash=_password_hash(),
            **kw,
        )
        db.session.add(user)
        db.session.commit()
        return user

    @staticmethod
    def party(name: str | None = None, **kw: Any) -> Party:
        party = Party(name=name or f"Party {next(_counter)}", **kw)
        db.session.add(party)
        db.session.commit()
        return party

    @staticmethod
    def agreement(parties: list[Party] | None = None, **kw: Any) -> Agreement:
        kw.setdefault("title", f"Agreement {next(_counter)}")
        kw.setdefault("status", AgreementStatus.SIGNED)
        kw.setdefault("signed_on", date(2015, 12, 21))
        agreement = Agreement(**kw)
        agreement.ratifications = [Ratification(party=p) for p in parties or []]
        db.session.add(agreement)
        db.session.commit()
        return agreement

    @staticmethod
    def body(name: str | None = None, **kw: Any) -> Body:
        body = Body(name=name or f"Council {next(_counter)}", **kw)
        db.session.add(body)
        db.session.commit()
        return body

    @staticmethod
    def track(
        status: TrackStatus = TrackStatus.LAUNCHED,
        since: date = date(2025, 12, 2),
        lead: User | None = None,
        **kw: Any,
    ) -> NegotiationTrack:
        kw.setdefault("name", f"Track {next(_counter)}")
        track = NegotiationTrack(
            status=status, status_since=since, lead_officer_id=lead.id if lead else None, **kw
        )
        track.status_changes.append(
            StatusChange(from_status=None, to_status=status, effective_on=since)
        )
        db.session.add(track)
        db.session.commit()
        return track

    @staticmethod
    def document(
        uploader: User,
        data: bytes = PDF,
        filename: str = "mandate.pdf",
        classification: Classification = Classification.PUBLIC,
        **attachment: int,
    ) -> Document:
        document = store_document(
            data,
            filename,
            folder=Path(current_app.config["UPLOAD_FOLDER"]),
            max_bytes=current_app.config["UPLOAD_MAX_BYTES"],
            kind=DocumentKind.MANDATE,
            classification=classification,
            title="",
            attachment=Attachment(**attachment),
            actor=uploader,
        )
        db.session.commit()  # services only flush; a factory commits like a request would
        return document

    @staticmethod
    def milestone(track: NegotiationTrack | None = None, **kw: Any) -> Milestone:
        kw.setdefault("title", f"Milestone {next(_counter)}")
        kw.setdefault("kind", MilestoneKind.DEADLINE)
        kw.setdefault("planned_on", date(2026, 1, 15))
        milestone = Milestone(track_id=track.id if track else None, **kw)
        db.session.add(milestone)
        db.session.commit()
        return milestone
