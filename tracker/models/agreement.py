from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    Select,
    SmallInteger,
    String,
    Text,
    and_,
    select,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.domain.names import PartyName, official_name
from tracker.models.party_action import PartyGroup, PartyKind
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.agreement_area import AgreementArea
    from tracker.models.clock_rule import ClockRule
    from tracker.models.ratification import Ratification
    from tracker.models.user import User


class AgreementKind(StrEnum):
    """Bilateral (two Parties); mixed (an EU agreement the Union and its Member States
    conclude together with a partner, of the one part and of the other, e.g. the EPCA);
    multilateral (a convention open to many States)."""

    # stored as text (a non-native enum without a CHECK): a new kind needs no migration
    BILATERAL = "bilateral"
    MIXED = "mixed"
    MULTILATERAL = "multilateral"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    PROVISIONALLY_APPLIED = "provisionally_applied"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


#: an agreement's work is over when it is terminated and waits while it is suspended: its
#: ratifications are not chased, nor the meetings of its bodies, nor milestones that belong
#: to it alone (a track's milestone follows its track). Agreement.is_live says it.
AGREEMENT_CLOSED = frozenset({AgreementStatus.TERMINATED})
AGREEMENT_PAUSED = frozenset({AgreementStatus.SUSPENDED})


def not_live_agreement_ids() -> Select[tuple[int]]:
    """The ids of the terminated and suspended agreements, for `x.agreement_id.not_in(...)`;
    never correlated, since the outer query may well join the agreements itself."""
    return select(Agreement.id).where(~Agreement.is_live).correlate(None)


class Party(db.Model):
    """A state or an organisation that can be party to an agreement."""

    __tablename__ = "parties"
    __table_args__ = (Index("uq_parties_name_key", "name_key", unique=True),)
    __folded__ = {"name_key": ("name",)}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: the name folded (tracker.domain.names): one party per name in any case or script
    name_key: Mapped[str] = mapped_column(Text, server_default="")
    short_name: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[PartyKind] = mapped_column(str_enum(PartyKind), default=PartyKind.STATE)
    #: the official names in Russian and Kazakh ("" when unknown: the English name is shown)
    name_ru: Mapped[str] = mapped_column(String(200), default="", server_default="")
    name_kk: Mapped[str] = mapped_column(String(200), default="", server_default="")

    def name_in(self, language: str) -> str:
        """The name in `language` ("ru", "kk") when known, else the English name."""
        return official_name(self.name, self.name_ru, self.name_kk, language)

    @property
    def named(self) -> PartyName:
        """The English name, carrying the Russian and Kazakh ones into sentences."""
        return PartyName(self.name, self.name_ru, self.name_kk)

    def __str__(self) -> str:
        return self.name


#: a partial index's condition on both databases: the agreements not archived
_CURRENT = {f"{d}_where": text("archived_on IS NULL") for d in ("sqlite", "postgresql")}


class Agreement(db.Model):
    __tablename__ = "agreements"
    __folded__ = {
        "title_key": ("title",),
        "search_key": (
            "title",
            "short_title",
            "official_title_ru",
            "official_title_kk",
            "summary",
        ),
    }
    __month_days__ = {"signed_month_day": "signed_on", "in_force_month_day": "in_force_on"}
    #: anniversaries of signature and entry into force in a window, read in date order
    __table_args__ = (
        Index("ix_agreements_signed_month_day", "signed_month_day", "signed_on"),
        Index("ix_agreements_in_force_month_day", "in_force_month_day", "in_force_on"),
        #: the current agreements' alone: the dashboard's count of anniversaries read from
        #: the index, not 2,400 rows' heap pages at bench scale 10 (issue 19 #2)
        *(
            Index(f"ix_agreements_current_{d}_month_day", f"{d}_month_day", f"{d}_on", **_CURRENT)
            for d in ("signed", "in_force")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    #: the title folded (tracker.domain.names): what a CSV file's "agreement" cell is
    #: looked up by, in any case or script
    title_key: Mapped[str] = mapped_column(Text, index=True, server_default="")
    #: title, short title and summary folded: what the lists' ?q= searched until it read
    #: the full-text index (issue 19 #3); still kept, read by nothing
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    short_title: Mapped[str] = mapped_column(String(50), default="", index=True)
    #: the official title in Russian and in Kazakh, as in the authentic texts; empty when
    #: not known (the title is then shown in every language)
    official_title_ru: Mapped[str] = mapped_column(String(300), default="", server_default="")
    official_title_kk: Mapped[str] = mapped_column(String(300), default="", server_default="")
    kind: Mapped[AgreementKind] = mapped_column(
        str_enum(AgreementKind), default=AgreementKind.BILATERAL
    )
    status: Mapped[AgreementStatus] = mapped_column(
        str_enum(AgreementStatus), default=AgreementStatus.DRAFT, index=True
    )
    signed_on: Mapped[date | None] = mapped_column(index=True)
    #: place of signature
    signed_at: Mapped[str] = mapped_column(String(200), default="")
    provisionally_applied_on: Mapped[date | None]
    in_force_on: Mapped[date | None] = mapped_column(index=True)
    #: the month and day of signature and of entry into force as month * 100 + day (1221
    #: for 21 December), kept by tracker.models.folding, so that the anniversaries of a
    #: window are read from an index in the order they fall (tracker.services.anniversaries)
    signed_month_day: Mapped[int | None] = mapped_column(SmallInteger)
    in_force_month_day: Mapped[int | None] = mapped_column(SmallInteger)
    summary: Mapped[str] = mapped_column(Text, default="")
    reference_url: Mapped[str] = mapped_column(String(500), default="")
    #: the depositary (a Party, the Council's General Secretariat, the UN Secretary-General)
    depositary: Mapped[str] = mapped_column(String(300), default="", server_default="")
    #: the languages in which the text is authentic, e.g. "English, Kazakh, Russian"
    authentic_languages: Mapped[str] = mapped_column(String(500), default="", server_default="")
    #: where the original is deposited (the archives that keep it)
    place_of_deposit: Mapped[str] = mapped_column(String(300), default="", server_default="")
    #: official publication, e.g. "OJ L 29, 4.2.2016"
    publication_ref: Mapped[str] = mapped_column(String(300), default="", server_default="")
    #: the officer who answers for the agreement: ratification chasing goes to them
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: archived (issue #15, item 7): the day, why and by whom; None while it is current.
    #: An archived record leaves the default lists, the dashboard's counts and reminders;
    #: an administrator can bring it back (tracker.services.archiving)
    archived_on: Mapped[date | None] = mapped_column()
    archive_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    archived_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    ratifications: Mapped[list[Ratification]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Ratification.id"
    )
    areas: Mapped[list[AgreementArea]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementArea.position"
    )
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    archived_by: Mapped[User | None] = relationship(foreign_keys=[archived_by_id])
    #: its final clauses as rules (tracker.models.clock_rule), one per purpose
    clock_rules: Mapped[list[ClockRule]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ClockRule.id"
    )
    #: its groups of Parties ("EU Member States"), made on it and read only for it
    party_groups: Mapped[list[PartyGroup]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="PartyGroup.name"
    )

    __mapper_args__ = {"version_id_col": version}

    @hybrid_property
    def is_live(self) -> bool:
        """Neither terminated nor suspended (AGREEMENT_CLOSED, AGREEMENT_PAUSED) nor
        archived."""
        return self.status not in AGREEMENT_CLOSED | AGREEMENT_PAUSED and self.archived_on is None

    @is_live.inplace.expression
    @classmethod
    def _is_live_sql(cls) -> ColumnElement[bool]:
        return and_(
            cls.status.not_in(sorted(AGREEMENT_CLOSED | AGREEMENT_PAUSED)),
            cls.archived_on.is_(None),
        )

    @property
    def display_title(self) -> str:
        return self.short_title or self.title

    def title_in(self, language: str) -> str:
        """The official title in `language` ("ru", "kk") when known, else the title."""
        return official_name(self.title, self.official_title_ru, self.official_title_kk, language)

    def display_title_in(self, language: str) -> str:
        """The short title if any (officers' shorthand is the same in every language),
        else the title in `language`."""
        return self.short_title or self.title_in(language)

    @property
    def parties(self) -> list[Party]:
        return [r.party for r in self.ratifications]

    @property
    def counted_ratifications(self) -> list[Ratification]:
        """The rows of the Parties proper: not those of a group shown as one (PartyKind.
        GROUP, e.g. "EU Member States" not listed one by one), which is not a Party."""
        return [r for r in self.ratifications if not r.stands_for_group]

    @property
    def party_count(self) -> int:
        """N of "X of N": the Parties, groups shown as one not counted."""
        return len(self.counted_ratifications)

    @property
    def ratified_count(self) -> int:
        return sum(1 for r in self.counted_ratifications if r.is_ratified)

    def __str__(self) -> str:
        return self.display_title
