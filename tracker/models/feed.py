from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
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


class CalendarRevision(db.Model):
    """The last version of a computed date an agreement's calendar feed served (h16h #1):
    a computed event (tracker.services.calendar_treaty) has no row of its own, so its
    SEQUENCE (RFC 5545 3.8.7.4, which must only grow) and its LAST-MODIFIED are kept here,
    by the agreement, the date's `kind` and the Party it is for. Written when a feed is
    built (tracker.services.calendar_revisions); no page shows it."""

    __tablename__ = "calendar_revisions"
    __table_args__ = (UniqueConstraint("agreement_id", "kind", "party_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    #: the computed date's kind (entry_into_force, term_end, denunciation_effect, ...; a
    #: second date of the same kind and Party in one feed gets "#2", ...)
    kind: Mapped[str] = mapped_column(String(80))
    #: the id of the Party the date is for; 0 for a date of the agreement itself (not a
    #: foreign key: 0 names no Party, and a unique key treats NULLs as all different)
    party_key: Mapped[int] = mapped_column(Integer)
    #: the date and its basis (its English sentence) as last served
    on: Mapped[date]
    basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: RFC 5545's SEQUENCE: 0 when first served, one more each time `on` or `basis` changes
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: when `on` or `basis` last changed (the event's LAST-MODIFIED and DTSTAMP)
    revised_at: Mapped[datetime] = mapped_column(UTCDateTime)
