from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    Select,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.domain.names import official_name
from tracker.domain.workflow import CLOSED, PAUSED, TrackStatus
from tracker.models.agreement import Agreement, Party
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.user import User


class Classification(StrEnum):
    PUBLIC = "public"
    RESTRICTED = "restricted"


track_parties = Table(
    "track_parties",
    db.metadata,
    Column("track_id", ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), primary_key=True),
    Column("party_id", ForeignKey("parties.id"), primary_key=True, index=True),
)


#: officers assigned to a track; for a restricted track, they (with its lead officer and the
#: administrators) are the only ones who may see it
track_members = Table(
    "track_members",
    db.metadata,
    Column("track_id", ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class NegotiationTrack(db.Model):
    __tablename__ = "negotiation_tracks"
    #: the tracks list's order, and the dashboard's per-status ranking
    __table_args__ = (
        Index("ix_negotiation_tracks_name_id", "name", "id"),
        Index("ix_negotiation_tracks_status_recent", "status", "status_since", "id"),
        #: the stale-track rule: open tracks by how long they have been idle
        Index("ix_negotiation_tracks_status_activity", "status", "last_activity_at"),
        #: with the classification, so that counts by status and anniversaries of launches
        #: are read from the index for any reader (tracker.services.visibility); launches
        #: with the status too, since only a live track's launch is marked (is_live)
        Index("ix_negotiation_tracks_status_classification", "status", "classification"),
        Index("ix_negotiation_tracks_launched_live", "launched_on", "classification", "status"),
        #: launches' anniversaries in a window, in the order they fall, for any reader
        Index(
            "ix_negotiation_tracks_launched_month_day",
            "launched_month_day",
            "launched_on",
            "classification",
            "status",
            "id",  # hidden_track_ids: the count of anniversaries from the index alone
        ),
        #: the restricted tracks (tracker.services.visibility.hidden_track_ids) with their
        #: milestone counts, so that an officer's milestones list counts what it may not see
        #: from this index alone
        Index("ix_negotiation_tracks_classification_count", "classification", "milestone_count"),
        #: the restricted tracks' ids alone, for hidden_track_ids, which every officer's
        #: statement evaluates (once per branch of the dashboard's tracks by status): read
        #: from this index alone, where the index above led to 1,400 heap pages at bench
        #: scale 10, 5-13 ms a time (issue 19 #2, bench/session15-h19e.md); with their
        #: milestone counts, which an officer's milestones list subtracts from its total
        Index(
            "ix_negotiation_tracks_restricted_id",
            "id",
            "milestone_count",
            sqlite_where=text("classification = 'restricted'"),
            postgresql_where=text("classification = 'restricted'"),
        ),
        #: the current (not archived) tracks by status, classification and id: the
        #: dashboard's status counts read from this index alone, not the 50,000 rows
        Index(
            "ix_negotiation_tracks_current_status",
            "status",
            "classification",
            "id",
            sqlite_where=text("archived_on IS NULL"),
            postgresql_where=text("archived_on IS NULL"),
        ),
    )
    __month_days__ = {"launched_month_day": "launched_on"}

    __folded__ = {
        "name_key": ("name",),
        "search_key": ("name", "official_name_ru", "official_name_kk", "next_step", "description"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    #: the name folded (tracker.domain.names): what a CSV file's "track" cell is looked up
    #: by, in any case or script
    name_key: Mapped[str] = mapped_column(Text, index=True, server_default="")
    #: name, next step and description folded: what the lists' ?q= searched until it read
    #: the full-text index (issue 19 #3); still kept, read by nothing
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: the official name in Russian and in Kazakh; empty when not known
    official_name_ru: Mapped[str] = mapped_column(String(300), default="", server_default="")
    official_name_kk: Mapped[str] = mapped_column(String(300), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="")
    framework_agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id"), index=True
    )
    resulting_agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id"), index=True
    )
    lead_officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: set only through tracker.services.tracks.change_status()
    status: Mapped[TrackStatus] = mapped_column(str_enum(TrackStatus))
    status_since: Mapped[date] = mapped_column(index=True)
    next_step: Mapped[str] = mapped_column(String(500), default="")
    target_date: Mapped[date | None] = mapped_column(index=True)
    classification: Mapped[Classification] = mapped_column(
        str_enum(Classification), default=Classification.PUBLIC
    )
    #: the short name of the Party whose officers use the tracker ("KZ", "EU"), for this
    #: track; empty: the installation's TRACKER_OUR_SIDE (issue 17)
    our_side: Mapped[str] = mapped_column(String(50), default="", server_default="")
    #: archived (issue #15, item 7): the day, why and by whom; None while it is current.
    #: An archived record leaves the default lists, the dashboard's counts and reminders;
    #: an administrator can bring it back (tracker.services.archiving)
    archived_on: Mapped[date | None] = mapped_column()
    archive_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    archived_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=now_utc, onupdate=now_utc, index=True
    )
    #: the latest status change or milestone entry on the track; kept by
    #: tracker.models.activity at every flush, so the stale-track rule is one indexed query
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: when negotiations were first launched (the earliest move to "launched"); kept by
    #: tracker.models.activity; the anniversary rules read it
    launched_on: Mapped[date | None]
    #: its month and day as month * 100 + day (tracker.models.folding), for anniversaries
    launched_month_day: Mapped[int | None] = mapped_column(SmallInteger)
    #: how many milestones it has; kept by tracker.models.activity, so that an officer's
    #: milestones list counts those it may not see from the hidden tracks' rows, not from
    #: every one of their milestones (tracker.services.overview.milestone_list_count)
    milestone_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    framework_agreement: Mapped[Agreement | None] = relationship(
        foreign_keys=[framework_agreement_id]
    )
    resulting_agreement: Mapped[Agreement | None] = relationship(
        foreign_keys=[resulting_agreement_id]
    )
    lead_officer: Mapped[User | None] = relationship(foreign_keys=[lead_officer_id])
    archived_by: Mapped[User | None] = relationship(foreign_keys=[archived_by_id])
    counterparts: Mapped[list[Party]] = relationship(secondary=track_parties, order_by=Party.name)
    members: Mapped[list[User]] = relationship(secondary=track_members, order_by="User.name")
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="track",
        order_by="(StatusChange.effective_on, StatusChange.id)",
        cascade="all, delete-orphan",
    )
    stage_targets: Mapped[list[StageTarget]] = relationship(
        order_by="StageTarget.target_on", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    # "Closed", "paused" and "live" in Python and SQL alike (tracker.domain.workflow): the one
    # rule every reminder, overdue count and report section asks (issue 14, item 4).
    @hybrid_property
    def is_closed(self) -> bool:
        """Abandoned or in force: its work is over."""
        return self.status in CLOSED

    @is_closed.inplace.expression
    @classmethod
    def _is_closed_sql(cls) -> ColumnElement[bool]:
        return cls.status.in_(sorted(CLOSED))

    @hybrid_property
    def is_paused(self) -> bool:
        """Suspended: nothing is reminded until it resumes."""
        return self.status in PAUSED

    @is_paused.inplace.expression
    @classmethod
    def _is_paused_sql(cls) -> ColumnElement[bool]:
        return cls.status.in_(sorted(PAUSED))

    @hybrid_property
    def is_live(self) -> bool:
        """Neither closed nor paused: its milestones and action items are chased."""
        return self.status not in CLOSED | PAUSED

    @is_live.inplace.expression
    @classmethod
    def _is_live_sql(cls) -> ColumnElement[bool]:
        return cls.status.not_in(sorted(CLOSED | PAUSED))

    def name_in(self, language: str) -> str:
        """The official name in `language` ("ru", "kk") when known, else the name."""
        return official_name(self.name, self.official_name_ru, self.official_name_kk, language)

    def __str__(self) -> str:
        return self.name


def not_live_track_ids() -> Select[tuple[int]]:
    """The ids of the closed and paused tracks, for `x.track_id.not_in(...)`."""
    # Never correlated: the outer query may well join the tracks itself.
    return select(NegotiationTrack.id).where(~NegotiationTrack.is_live).correlate(None)


class StatusChange(db.Model):
    """One move of a track's status. Written once, never edited."""

    __tablename__ = "status_changes"
    #: a track's latest activity (the stale-track rule) read from the index alone
    __table_args__ = (
        Index("ix_status_changes_track_recorded", "track_id", "recorded_at"),
        #: the day a track last moved out of a suspension (the reminders' resumed_on), read
        #: per track from the index alone, without grouping every such move of the archive
        Index("ix_status_changes_track_from", "track_id", "from_status", "effective_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    track_id: Mapped[int] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), index=True
    )
    #: None for the status a track was created in
    from_status: Mapped[TrackStatus | None] = mapped_column(str_enum(TrackStatus))
    to_status: Mapped[TrackStatus] = mapped_column(str_enum(TrackStatus), index=True)
    #: when it happened in the world; may be back-dated
    effective_on: Mapped[date] = mapped_column(index=True)
    #: when it was entered here
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    #: an administrator's override of the transition table
    forced: Mapped[bool] = mapped_column(default=False)

    track: Mapped[NegotiationTrack] = relationship(back_populates="status_changes")
    officer: Mapped[User | None] = relationship()


class StageTarget(db.Model):
    """The date a track is planned to reach a workflow stage, set against when it did."""

    __tablename__ = "stage_targets"
    __table_args__ = (UniqueConstraint("track_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    track_id: Mapped[int] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[TrackStatus] = mapped_column(str_enum(TrackStatus))
    target_on: Mapped[date]
