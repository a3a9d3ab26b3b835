"""An area of cooperation an agreement covers, with its owner (the EPCA covers 29)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.agreement import Agreement
    from tracker.models.user import User


class AgreementArea(db.Model):
    """One area of cooperation an agreement covers (the EPCA covers 29)."""

    __tablename__ = "agreement_areas"
    __table_args__ = (
        UniqueConstraint("agreement_id", "name"),
        #: one area per name in any case or script, per agreement
        Index("uq_agreement_areas_name_key", "agreement_id", "name_key", unique=True),
    )
    __folded__ = {"name_key": ("name",)}

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    #: the name folded (tracker.domain.names)
    name_key: Mapped[str] = mapped_column(Text, server_default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    status_note: Mapped[str] = mapped_column(Text, default="")
    #: saved row by row from the agreement page: lost updates are refused, as elsewhere
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    agreement: Mapped[Agreement] = relationship(back_populates="areas")
    owner: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
