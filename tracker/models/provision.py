"""The negotiating text of a track (issue 17): its provisions, their versions frozen per
round, and the positions on them per round.

A provision keeps a `key` that never changes, so "Article 5" renumbered to "Article 6"
is still the same provision in every comparison and round trip. Its text is held per
language (``{"en": "...", "ru": "..."}``), each as typed, brackets included.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.domain.provisions import ProvisionKind, ProvisionStatus
from tracker.models.milestone import Milestone
from tracker.models.track import NegotiationTrack
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.user import User


class Provision(db.Model):
    """One provision of a track's text: preamble, article, paragraph or annex."""

    __tablename__ = "provisions"
    __table_args__ = (
        UniqueConstraint("track_id", "key"),
        Index("ix_provisions_track_position", "track_id", "position", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    track_id: Mapped[int] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="CASCADE"), index=True
    )
    #: the provision's identity across renumbering and Word round trips (32 hex digits)
    key: Mapped[str] = mapped_column(String(32))
    kind: Mapped[ProvisionKind] = mapped_column(str_enum(ProvisionKind))
    #: as displayed ("5", "5.2", "I"); may change when the text is renumbered
    number: Mapped[str] = mapped_column(String(20), default="")
    #: the order in the text
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300), default="")
    #: the current joint text per language code, brackets included
    texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: bracketed passages of the text, counted once: the largest count among its language
    #: versions (tracker.domain.provisions.bracket_count; kept with the text)
    bracket_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[ProvisionStatus] = mapped_column(
        str_enum(ProvisionStatus), default=ProvisionStatus.OPEN
    )
    #: the round (a milestone of kind round) in which the status was reached, if known
    status_round_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="RESTRICT"), index=True
    )
    #: the day the status was reached (tracker.clock), if known: says when a status
    #: reached between rounds, with no round in progress or planned, was reached
    status_reached_on: Mapped[date | None] = mapped_column(Date)
    #: each cross-reference in the text ("article 5") -> the key of the provision it named
    #: when written (tracker.domain.crossrefs): renumbering the target is then noticed
    cross_references: Mapped[dict[str, str] | None] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    track: Mapped[NegotiationTrack] = relationship()
    status_round: Mapped[Milestone | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def heading(self) -> str:
        """ "Article 5", "Preamble", "Annex I" (English; pages translate the kind)."""
        return f"{self.kind.label} {self.number}".strip()


class ProvisionVersion(db.Model):
    """A provision as it stood after a round: written once when the round's milestone is
    completed, never rewritten (reopening or re-dating the milestone leaves it as it is)."""

    __tablename__ = "provision_versions"
    __table_args__ = (UniqueConstraint("provision_id", "round_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(
        ForeignKey("provisions.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(
        ForeignKey("milestones.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[ProvisionKind] = mapped_column(str_enum(ProvisionKind))
    number: Mapped[str] = mapped_column(String(20), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300), default="")
    texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    bracket_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[ProvisionStatus] = mapped_column(str_enum(ProvisionStatus))
    status_round_id: Mapped[int | None] = mapped_column(Integer)
    status_reached_on: Mapped[date | None] = mapped_column(Date)
    #: the references of its text tied to provision keys as they were at the round (None:
    #: frozen before they were kept; the provision's own are used then)
    cross_references: Mapped[dict[str, str] | None] = mapped_column(JSON)
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    provision: Mapped[Provision] = relationship()
    round: Mapped[Milestone] = relationship()


class Position(db.Model):
    """The sides' positions on a provision at a round. Read only by the track's team (its
    lead officer, assigned officers and the administrators) whatever the track's
    classification; every read is audited (tracker.services.positions)."""

    __tablename__ = "positions"
    __table_args__ = (UniqueConstraint("provision_id", "round_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(
        ForeignKey("provisions.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), index=True
    )
    ours: Mapped[str] = mapped_column(Text, default="")
    #: from the mandate: what we may not accept
    red_line: Mapped[str] = mapped_column(Text, default="")
    #: from the mandate: what we may fall back to
    fallback: Mapped[str] = mapped_column(Text, default="")
    #: the counterpart's stated position
    theirs: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    provision: Mapped[Provision] = relationship()
    round: Mapped[Milestone] = relationship()
    updated_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
