from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.models.types import UTCDateTime
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.user import User

#: exactly one of the three targets is set
_ONE_TARGET = (
    "(CASE WHEN agreement_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN track_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN body_id IS NULL THEN 0 ELSE 1 END) = 1"
)


class Follow(db.Model):
    """A user follows an agreement, a track or a body, and hears of its changes."""

    __tablename__ = "follows"
    __table_args__ = (
        CheckConstraint(_ONE_TARGET, name="one_target"),
        # Named here: the naming convention would give all three the same name.
        UniqueConstraint("user_id", "agreement_id", name="uq_follows_user_agreement"),
        UniqueConstraint("user_id", "track_id", name="uq_follows_user_track"),
        UniqueConstraint("user_id", "body_id", name="uq_follows_user_body"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), index=True
    )
    body_id: Mapped[int | None] = mapped_column(
        ForeignKey("bodies.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    user: Mapped[User] = relationship()


class FollowEvent(db.Model):
    """A change followers hear of, written in the same transaction as the change itself.

    A job fans it out later: at once to followers who want that, in a daily digest to the
    others. Writing it with the change means no change is lost if mail is down.
    """

    __tablename__ = "follow_events"
    __table_args__ = (Index("ix_follow_events_pending", "notified_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)
    #: e.g. "track.status_changed", "milestone.added", "milestone.moved", "milestone.done"
    action: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(String(500))
    #: the summary before its values were filled in ({"template", "params"}), so each
    #: follower reads it in their own language; events written before it have only `summary`
    message: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), index=True
    )
    body_id: Mapped[int | None] = mapped_column(
        ForeignKey("bodies.id", ondelete="CASCADE"), index=True
    )
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), index=True
    )
    #: the provision of the negotiating text the change is about: the notice links to it
    #: (issue 17); the link falls back to the track if the provision is gone
    provision_id: Mapped[int | None] = mapped_column(
        ForeignKey("provisions.id", ondelete="SET NULL"), index=True
    )
    #: when the immediate notices were queued; the daily digest reads by occurred_at
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
