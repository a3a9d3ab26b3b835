from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.models.track import Classification
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.agreement import Agreement
    from tracker.models.milestone import Milestone
    from tracker.models.track import NegotiationTrack
    from tracker.models.user import User


class DocumentKind(StrEnum):
    MANDATE = "mandate"
    DRAFT_TEXT = "draft_text"
    MINUTES = "minutes"
    PRESS_RELEASE = "press_release"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Document(db.Model):
    """A file attached to an agreement, a track or a meeting.

    The file lives under instance/uploads/ by a random name; the name the officer gave is
    kept only here, so nothing they type reaches the file system.
    """

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(
            "agreement_id IS NOT NULL OR track_id IS NOT NULL OR milestone_id IS NOT NULL",
            name="attached_somewhere",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind))
    classification: Mapped[Classification] = mapped_column(
        str_enum(Classification), default=Classification.PUBLIC
    )
    title: Mapped[str] = mapped_column(String(300), default="")
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), index=True
    )
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), index=True
    )
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    agreement: Mapped[Agreement | None] = relationship()
    track: Mapped[NegotiationTrack | None] = relationship()
    milestone: Mapped[Milestone | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return self.title or self.filename
