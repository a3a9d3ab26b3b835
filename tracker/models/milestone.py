from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    or_,
    text,
    true,
)
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.domain.progress import is_overdue, slippage_days
from tracker.domain.rounds import shown_title
from tracker.models.agreement import Agreement, not_live_agreement_ids
from tracker.models.agreement_area import AgreementArea
from tracker.models.body import Body
from tracker.models.track import NegotiationTrack, not_live_track_ids
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.user import User


class MilestoneKind(StrEnum):
    ROUND = "round"
    MEETING = "meeting"
    DEADLINE = "deadline"
    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ENTRY_INTO_FORCE = "entry_into_force"
    REVIEW = "review"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DatePrecision(StrEnum):
    """How much of a date is known: "the 22nd PCC, November 2025" has no day."""

    DAY = "day"
    MONTH = "month"


class Milestone(db.Model):
    __tablename__ = "milestones"
    __folded__ = {"search_key": ("title", "location", "outcome")}
    __table_args__ = (
        CheckConstraint(
            "track_id IS NOT NULL OR agreement_id IS NOT NULL OR body_id IS NOT NULL",
            name="belongs_somewhere",
        ),
        # Rounds are numbered per track, meetings per body series.
        Index(
            "uq_milestones_round_number",
            "track_id",
            "number",
            unique=True,
            sqlite_where=text("kind = 'round' AND number IS NOT NULL"),
            postgresql_where=text("kind = 'round' AND number IS NOT NULL"),
        ),
        Index(
            "uq_milestones_body_number",
            "body_id",
            "number",
            unique=True,
            sqlite_where=text("kind = 'meeting' AND number IS NOT NULL"),
            postgresql_where=text("kind = 'meeting' AND number IS NOT NULL"),
        ),
        #: open live milestones by date, with the track, so that the overdue and coming-up
        #: lists and counts (Milestone.is_overdue: neither done nor cancelled) are read from
        #: the index in date order, and what a reader may see (tracker.services.visibility)
        #: needs no look-up either
        Index(
            "ix_milestones_open_live", "done_on", "cancelled_on", "live", "planned_on", "track_id"
        ),
        #: only the open live milestones (a few percent of an archive), by date, with the
        #: track: the reminder scan reads those due by its horizon in its own order, and
        #: the weekly report counts the overdue ones (visibility by the track id), from the
        #: index alone on PostgreSQL; the predicate is written as each dialect renders the
        #: queries' Milestone.is_open and is_live, so that SQLite matches it too
        Index(
            "ix_milestones_open_live_planned",
            "planned_on",
            "id",
            "track_id",
            sqlite_where=text("done_on IS NULL AND cancelled_on IS NULL AND live = 1"),
            postgresql_where=text("done_on IS NULL AND cancelled_on IS NULL AND live = true"),
        ),
        # The milestones list's order, so a page is read from the index, not sorted.
        Index("ix_milestones_planned_on_id", "planned_on", "id"),
        # A track's latest milestone activity (the stale-track rule) from the index alone.
        Index("ix_milestones_track_updated", "track_id", "updated_at"),
        # An import's look-up of a row's milestone by its natural key's title and date
        # (tracker.services.spreadsheets.milestone_rows; issue 19 #4).
        Index("ix_milestones_title_planned", "title", "planned_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), index=True
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"), index=True)
    #: the area of the agreement it belongs to, if any (the EPCA's 29 areas have their own)
    area_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement_areas.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    #: title, location and outcome folded (tracker.domain.names): what the lists' ?q=
    #: searched until it read the full-text index (issue 19 #3); still kept, read by nothing
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    kind: Mapped[MilestoneKind] = mapped_column(str_enum(MilestoneKind), index=True)
    #: round number within the track, or meeting number within the body series
    number: Mapped[int | None] = mapped_column(Integer)
    planned_on: Mapped[date] = mapped_column(index=True)
    date_precision: Mapped[DatePrecision] = mapped_column(
        str_enum(DatePrecision), default=DatePrecision.DAY
    )
    done_on: Mapped[date | None] = mapped_column(index=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: the day it was cancelled (no longer to happen), with why; None while it stands.
    #: A cancelled milestone is neither open nor overdue (issue #15, item 7)
    cancelled_on: Mapped[date | None] = mapped_column()
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=now_utc, onupdate=now_utc, index=True
    )
    #: whether its parents make it live (Milestone.parents_live: its track's status, or
    #: without a track its agreement's), stored so that "overdue" and "coming up" are read
    #: from one index instead of testing every open milestone against the 30,000 closed
    #: or paused tracks of a large archive. Kept by tracker.models.liveness at every flush
    #: (and by the writers that bypass the ORM); tested equal to the rule.
    live: Mapped[bool] = mapped_column(default=True, server_default=true())

    track: Mapped[NegotiationTrack | None] = relationship()
    agreement: Mapped[Agreement | None] = relationship()
    body: Mapped[Body | None] = relationship()
    area: Mapped[AgreementArea | None] = relationship()
    owner: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    # The rules "done", "open" and "overdue", in Python and SQL alike (tracker.domain.progress).
    @hybrid_property
    def is_done(self) -> bool:
        return self.done_on is not None

    @is_done.inplace.expression
    @classmethod
    def _is_done_sql(cls) -> ColumnElement[bool]:
        return cls.done_on.is_not(None)

    @hybrid_property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None

    @is_cancelled.inplace.expression
    @classmethod
    def _is_cancelled_sql(cls) -> ColumnElement[bool]:
        return cls.cancelled_on.is_not(None)

    @hybrid_property
    def is_open(self) -> bool:
        """Neither done nor cancelled."""
        return self.done_on is None and self.cancelled_on is None

    @is_open.inplace.expression
    @classmethod
    def _is_open_sql(cls) -> ColumnElement[bool]:
        return and_(cls.done_on.is_(None), cls.cancelled_on.is_(None))

    @hybrid_method
    def is_open_on(self, day: date) -> bool:
        """Neither done nor cancelled by the end of `day` (the weekly report's view of a
        past week)."""
        return (self.done_on is None or self.done_on > day) and (
            self.cancelled_on is None or self.cancelled_on > day
        )

    @is_open_on.expression
    @classmethod
    def _is_open_on_sql(cls, day: date) -> ColumnElement[bool]:
        return and_(
            or_(cls.done_on.is_(None), cls.done_on > day),
            or_(cls.cancelled_on.is_(None), cls.cancelled_on > day),
        )

    @hybrid_property
    def is_live(self) -> bool:
        """Its track is live, whatever else it is linked to (its track decides); without a
        track, its agreement (if any) is. Only a live milestone is reminded or overdue.

        In SQL this reads the stored `live` column, which tracker.models.liveness keeps
        equal to `parents_live()` (the same rule in SQL)."""
        if self.track_id is not None:
            return self.track is None or self.track.is_live
        if self.agreement_id is not None:
            return self.agreement is None or self.agreement.is_live
        return True

    @is_live.inplace.expression
    @classmethod
    def _is_live_sql(cls) -> ColumnElement[bool]:
        return cls.live == true()

    @classmethod
    def parents_live(cls) -> ColumnElement[bool]:
        """`is_live` worked out from the parents' statuses in SQL: what `live` is set to."""
        return and_(
            or_(cls.track_id.is_(None), cls.track_id.not_in(not_live_track_ids())),
            or_(
                cls.track_id.is_not(None),
                cls.agreement_id.is_(None),
                cls.agreement_id.not_in(not_live_agreement_ids()),
            ),
        )

    @hybrid_method
    def is_overdue(self, today: date) -> bool:
        """Open (not done, not cancelled), planned before `today`, and live (a closed or
        paused track's is not)."""
        late = is_overdue(self.planned_on, today, done=self.done_on is not None)
        return late and self.cancelled_on is None and self.is_live

    @is_overdue.expression
    @classmethod
    def _is_overdue_sql(cls, today: date) -> ColumnElement[bool]:
        return and_(cls.is_open, cls.planned_on < today, cls.is_live)

    @property
    def display_title(self) -> str:
        """The title to show: as stored, or for a round left untitled "Round <number>"
        (tracker.domain.rounds.shown_title: a Message, translated where shown)."""
        return shown_title(
            self.title, is_round=self.kind is MilestoneKind.ROUND, number=self.number
        )

    def slippage_days(self, today: date) -> int | None:
        """Days late against the plan (tracker.domain.progress.slippage_days); None for a
        cancelled milestone, which is no longer to happen."""
        if self.cancelled_on is not None:
            return None
        return slippage_days(self.planned_on, self.done_on, today)

    def __str__(self) -> str:
        return self.display_title
