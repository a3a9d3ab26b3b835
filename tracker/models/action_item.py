from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    false,
    or_,
    select,
    true,
)
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship

from tracker.clock import now_utc
from tracker.domain.progress import is_overdue
from tracker.models.milestone import Milestone
from tracker.models.track import NegotiationTrack
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.user import User


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ActionItem(db.Model):
    """A conclusion of a meeting that someone has to act on by a date."""

    __tablename__ = "action_items"
    __table_args__ = (
        Index("ix_action_items_open_due", "status", "due_on"),
        #: an officer's open items, soonest due first (the dashboard), without reading
        #: every open item of everyone in due order
        Index("ix_action_items_owner_open", "owner_id", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus), default=ActionStatus.OPEN)
    #: the negotiation track it moves forward, if any
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    #: the day it was cancelled (it will not be done), with why; None while it stands. A
    #: cancelled item is neither open nor overdue, whatever its status (issue #15, item 7)
    cancelled_on: Mapped[date | None] = mapped_column()
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    meeting: Mapped[Milestone] = relationship()
    owner: Mapped[User | None] = relationship()
    track: Mapped[NegotiationTrack | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    # "Open" and "overdue" in Python and SQL alike (tracker.domain.progress).
    @hybrid_property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None

    @is_cancelled.inplace.expression
    @classmethod
    def _is_cancelled_sql(cls) -> ColumnElement[bool]:
        return cls.cancelled_on.is_not(None)

    @hybrid_property
    def is_open(self) -> bool:
        """Its status is open and it is not cancelled."""
        return self.status is ActionStatus.OPEN and self.cancelled_on is None

    @is_open.inplace.expression
    @classmethod
    def _is_open_sql(cls) -> ColumnElement[bool]:
        return and_(cls.status == ActionStatus.OPEN, cls.cancelled_on.is_(None))

    @hybrid_property
    def is_live(self) -> bool:
        """Its own track is live, or without one, its meeting is (Milestone.is_live): the
        track it moves forward decides. Only a live item is reminded or overdue."""
        if self.track_id is not None:
            return self.track is None or self.track.is_live
        return self.meeting.is_live

    @is_live.inplace.expression
    @classmethod
    def _is_live_sql(cls) -> ColumnElement[bool]:
        # The meeting's stored flag is read as a correlated scalar subquery, looked up by
        # its primary key for each item the rest of the query leaves. An EXISTS inside this
        # OR cannot become a semi-join on PostgreSQL, which then hashed every live milestone
        # (218,000 at bench scale 10) in each statement: the weekly report's action items
        # took 1.0-1.7 s a section, now 0.45-0.6 s (bench/results.md, issue 19 #1).
        # The track's likewise: `track_id NOT IN (closed and paused tracks)` hashed the
        # 30,000 such tracks of bench scale 10 in each statement, 20-35 ms of the officer's
        # dashboard's two action-item sections, which read a few of one owner's items
        # (issue 19 #2). Not found (no track of that id) counts as live, as in Python.
        meeting = aliased(Milestone)  # its own: the outer query may join the meetings too
        meeting_live = (
            select(meeting.live).where(meeting.id == cls.meeting_id).correlate_except(meeting)
        ).scalar_subquery()
        track = aliased(NegotiationTrack)
        track_live = (
            select(track.is_live).where(track.id == cls.track_id).correlate_except(track)
        ).scalar_subquery()
        return or_(
            and_(cls.track_id.is_not(None), track_live.is_not(false())),
            and_(cls.track_id.is_(None), meeting_live == true()),
        )

    @hybrid_method
    def is_overdue(self, today: date) -> bool:
        """Open (not cancelled either), due before `today`, and live."""
        late = is_overdue(self.due_on, today, done=self.status is not ActionStatus.OPEN)
        return late and self.cancelled_on is None and self.is_live

    @is_overdue.expression
    @classmethod
    def _is_overdue_sql(cls, today: date) -> ColumnElement[bool]:
        return and_(cls.is_open, cls.due_on < today, cls.is_live)

    def __str__(self) -> str:
        return self.title
