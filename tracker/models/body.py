"""A body that meets in a numbered series (the EU-Kazakhstan Cooperation Council), set up
by an agreement or by none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, ForeignKey, Index, Integer, String, Text, or_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.names import official_name
from tracker.models.agreement import Agreement, not_live_agreement_ids
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.user import User


class Body(db.Model):
    """A body that meets in a numbered series, e.g. the EU-Kazakhstan Cooperation Council.

    Its meetings are milestones of kind "meeting" numbered per body; the next one is
    projected from the cadence until it has a date of its own.
    """

    __tablename__ = "bodies"
    __table_args__ = (Index("uq_bodies_name_key", "name_key", unique=True),)
    __folded__ = {"name_key": ("name",)}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: the name folded (tracker.domain.names): one body per name in any case or script
    name_key: Mapped[str] = mapped_column(Text, server_default="")
    short_name: Mapped[str] = mapped_column(String(50), default="")
    #: the official name in Russian and in Kazakh; empty when not known
    official_name_ru: Mapped[str] = mapped_column(String(200), default="", server_default="")
    official_name_kk: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: the agreement that set the body up, if any
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"), index=True)
    #: months between meetings (12: yearly); None when the body meets as needed
    cadence_months: Mapped[int | None]
    #: the officer who prepares the meetings: reminders of a projected meeting go to them
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    agreement: Mapped[Agreement | None] = relationship()
    owner: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @hybrid_property
    def is_live(self) -> bool:
        """Set up by no agreement, or by a live one: only a live body's next meeting is
        chased (Agreement.is_live)."""
        return self.agreement is None or self.agreement.is_live

    @is_live.inplace.expression
    @classmethod
    def _is_live_sql(cls) -> ColumnElement[bool]:
        return or_(
            cls.agreement_id.is_(None),
            cls.agreement_id.not_in(not_live_agreement_ids()),
        )

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def name_in(self, language: str) -> str:
        """The official name in `language` ("ru", "kk") when known, else the name."""
        return official_name(self.name, self.official_name_ru, self.official_name_kk, language)

    def display_name_in(self, language: str) -> str:
        """The short name if any, else the name in `language`."""
        return self.short_name or self.name_in(language)

    def __str__(self) -> str:
        return self.name
