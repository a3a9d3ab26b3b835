from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.agreement import Agreement
    from tracker.models.track import NegotiationTrack
    from tracker.models.user import User


class FeedScope(StrEnum):
    #: what the user owns, leads and follows
    USER = "user"
    TRACK = "track"
    AGREEMENT = "agreement"
    #: "my work": the milestones and action items its owner owns, by their dates
    MY_WORK = "my_work"


class CalendarFeed(db.Model):
    """A subscribable calendar URL. Calendar clients cannot log in, so the URL carries a
    secret token; only its SHA-256 is stored, and revoking the feed ends the URL."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    scope: Mapped[FeedScope] = mapped_column(str_enum(FeedScope))
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE")
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE")
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
    track: Mapped[NegotiationTrack | None] = relationship()
    agreement: Mapped[Agreement | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
