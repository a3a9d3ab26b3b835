"""Relations between treaties (issue 16 #3): one agreement amends, is a protocol to,
supersedes, implements or is the framework for another. Stored once, from -> to; each
agreement's page shows it from its own side ("Amends X" / "Amended by Y")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.domain.relations import RelationKind
from tracker.models.agreement import Agreement
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db


class TreatyRelation(db.Model):
    """`from_agreement` <kind> `to_agreement`: e.g. a protocol (from) is a protocol to
    the EPCA (to); the EPCA (from) is the framework for a track's resulting agreement."""

    __tablename__ = "treaty_relations"
    __table_args__ = (
        UniqueConstraint("from_agreement_id", "to_agreement_id", "kind"),
        CheckConstraint("from_agreement_id <> to_agreement_id", name="not_to_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    to_agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[RelationKind] = mapped_column(str_enum(RelationKind))
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: the track whose result made it (its framework agreement is the framework for its
    #: resulting agreement: tracker.services.track_relations); None: recorded by hand. A
    #: changed or cleared result takes away only a relation its track made
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiation_tracks.id", ondelete="SET NULL"), index=True, default=None
    )

    from_agreement: Mapped[Agreement] = relationship(foreign_keys=[from_agreement_id])
    to_agreement: Mapped[Agreement] = relationship(foreign_keys=[to_agreement_id])
