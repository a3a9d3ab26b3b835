"""A Party's acts under an agreement (signature, ratification, accession, provisional
application, reservation, denunciation...) and groups of Parties ("EU Member States").

The ratification matrix and "X of N" are derived from these acts
(tracker.domain.party_actions); the row of a Party under an agreement (Ratification) keeps
only the date its next step is expected by.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.domain.party_actions import ActionKind
from tracker.models.types import UTCDateTime
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.agreement import Agreement, Party
    from tracker.models.ratification import Ratification

#: the kinds whose act takes effect on a later date of its own (provisional application
#: until, a denunciation or withdrawal that takes effect on)
KINDS_WITH_END = frozenset(
    {ActionKind.PROVISIONAL_APPLICATION, ActionKind.DENUNCIATION, ActionKind.WITHDRAWAL}
)


class PartyKind(StrEnum):
    """A State, an international organisation, or a group of Parties shown as one row
    (the EU Member States when an agreement does not list them one by one): a group is
    not itself a Party and is not counted in "X of N" (issue 16)."""

    STATE = "state"
    ORGANISATION = "organisation"
    GROUP = "group"


class PartySide(StrEnum):
    """The side of a Party to a mixed agreement, as its preamble names them: "of the one
    part" (the European Union and its Member States) and "of the other part" (the
    partner). When the last Party of one side has left, the agreement ends
    (tracker.domain.termination)."""

    ONE_PART = "one_part"
    OTHER_PART = "other_part"


def action_kind_type() -> Enum:
    """ActionKind stored by value (the longest, signature_subject_to_ratification, is 33)."""
    return Enum(
        ActionKind,
        native_enum=False,
        length=40,
        values_callable=lambda e: [m.value for m in e],
        name="action_kind",
    )


class PartyAction(db.Model):
    """One act of a Party under an agreement. `on` None: the act happened, its date is not
    recorded ("unknown is not a contradiction", issue 16)."""

    __tablename__ = "party_actions"
    __table_args__ = (
        ForeignKeyConstraint(
            ["agreement_id", "party_id"],
            ["ratifications.agreement_id", "ratifications.party_id"],
            ondelete="CASCADE",
            name="fk_party_actions_party_row",
        ),
        Index("ix_party_actions_agreement_party", "agreement_id", "party_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(Integer)
    party_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ActionKind] = mapped_column(action_kind_type())
    #: the date of the act (signature, deposit, notification); None: not recorded
    on: Mapped[date | None]
    #: where the act has an end or takes effect later: provisional application until, a
    #: denunciation or withdrawal takes effect on
    effective_on: Mapped[date | None]
    #: the reference of the Party's instrument or law (e.g. of ratification)
    instrument_ref: Mapped[str] = mapped_column(String(300), default="", server_default="")
    #: the depositary's notification reference (e.g. C.N.123.2020.TREATIES)
    notification_ref: Mapped[str] = mapped_column(String(300), default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    document_url: Mapped[str] = mapped_column(String(500), default="", server_default="")
    #: of an objection: the reservation (an act of another Party under the same agreement)
    #: it objects to; None: not named (Vienna Convention on the Law of Treaties, art. 20-21)
    objects_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_actions.id", ondelete="SET NULL", name="fk_party_actions_objects_to"),
        nullable=True,
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    party_row: Mapped[Ratification] = relationship(back_populates="actions")
    party: Mapped[Party] = relationship(
        primaryjoin="foreign(PartyAction.party_id) == Party.id", viewonly=True, lazy="joined"
    )

    objects_to: Mapped[PartyAction | None] = relationship(
        remote_side="PartyAction.id", foreign_keys=[objects_to_id], viewonly=True
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def has_end(self) -> bool:
        return self.kind in KINDS_WITH_END


party_group_members = Table(
    "party_group_members",
    db.metadata,
    Column("group_id", ForeignKey("party_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("party_id", ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True),
)


class PartyGroup(db.Model):
    """Parties that are shown together under one agreement, e.g. "EU Member States" in a
    mixed agreement: the group shows its own progress ("EU Member States: 3 of 27
    recorded") and, on a mixed agreement, makes its members of the one part. A group
    belongs to the agreement it was made on (issue 16, h16j): one name per agreement; no
    other agreement's page, sides or API answer reads it."""

    __tablename__ = "party_groups"
    __table_args__ = (UniqueConstraint("agreement_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the agreement it was made on (its groups go with it)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    agreement: Mapped[Agreement] = relationship(back_populates="party_groups")
    members: Mapped[list[Party]] = relationship(
        secondary=party_group_members, order_by="Party.name"
    )

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.name
