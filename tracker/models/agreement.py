from __future__ import annotations

from dataclasses import replace
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
    UniqueConstraint,
    and_,
    select,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import now_utc
from tracker.clock import today as clock_today
from tracker.domain.clocks import Act, Purpose
from tracker.domain.names import PartyName, official_name
from tracker.domain.party_actions import CONSENT, LEAVING, PartySteps
from tracker.domain.party_actions import steps as party_steps
from tracker.domain.progress import is_overdue
from tracker.domain.terms import leaving_takes_effect
from tracker.models.bound_sql import bound_by_sql, leaving_day_computed_sql
from tracker.models.party_action import PartyAction, PartyGroup, PartyKind, PartySide
from tracker.models.row_steps import COLUMN_KINDS, matrix_date
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.agreement_area import AgreementArea
    from tracker.models.clock_rule import ClockRule
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


class Ratification(db.Model):
    """A Party to an agreement: its acts under it (PartyAction, from which its row of the
    ratification matrix is derived) and the date its next step is expected by."""

    __tablename__ = "ratifications"
    __table_args__ = (UniqueConstraint("agreement_id", "party_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    #: when the party's next step is expected (issue 16: kept when the matrix became
    #: derived from actions); past it, the agreement's owner is reminded
    expected_by: Mapped[date | None] = mapped_column(index=True)
    #: the Party's side of a mixed agreement (None: not set; the Party's kind and groups
    #: then give it, tracker.services.clock_rules.sides_of)
    side: Mapped[PartySide | None] = mapped_column(str_enum(PartySide), nullable=True)
    #: saved row by row from the agreement page: lost updates are refused, as elsewhere
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    agreement: Mapped[Agreement] = relationship(back_populates="ratifications")
    party: Mapped[Party] = relationship(lazy="joined")
    actions: Mapped[list[PartyAction]] = relationship(
        back_populates="party_row",
        cascade="all, delete-orphan",
        order_by="(PartyAction.on.is_(None), PartyAction.on, PartyAction.id)",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def part(self) -> PartySide | None:
        """The row's side of a mixed agreement: as set (`side`), else derived (of the one
        part an organisation, a group shown as one or a member of one of the agreement's own
        groups of Parties (h16j); of the other part the rest); None for another kind."""
        if self.side is not None:
            return PartySide(self.side)
        if self.agreement is None or self.agreement.kind != AgreementKind.MIXED:
            return None
        groups = self.agreement.party_groups
        one = self.party.kind != PartyKind.STATE or any(self.party in g.members for g in groups)
        return PartySide.ONE_PART if one else PartySide.OTHER_PART

    @property
    def stands_for_group(self) -> bool:
        """The row is a group of Parties shown as one, not a Party (PartyKind.GROUP)."""
        return self.party is not None and self.party.kind == PartyKind.GROUP

    @property
    def steps(self) -> PartySteps:
        """The party's row of the ratification matrix, derived from its actions."""
        name = self.party.named if self.party is not None else ""  # named in each language
        return party_steps(name, [Act(name, a.kind, a.on, a.effective_on) for a in self.actions])

    @property
    def bound_steps(self) -> PartySteps:
        """`steps`, a leaving Party's `left_on` the day its denunciation or withdrawal
        takes effect by the final clauses when that day is not recorded, as the agreement's
        page counts it (tracker.domain.terms.leaving_takes_effect)."""
        steps = self.steps
        leaving = [a for a in self.actions if a.kind in LEAVING]
        if not leaving or any(a.effective_on for a in leaving) or steps.left_on is None:
            return steps
        agreement = self.agreement  # loaded only for a Party leaving
        rules = {r.purpose: r.clause for r in agreement.clock_rules} if agreement else {}
        on = leaving_takes_effect(rules, steps.left_on, agreement and agreement.in_force_on)
        return replace(steps, left_on=on) if on else steps

    # The matrix's dates, derived; setting one edits the act behind it (row_steps.py).
    signed_on = matrix_date("signed_on")
    notified_on = matrix_date("notified_on")
    deposited_on = matrix_date("deposited_on")
    provisionally_applied_on = matrix_date("provisionally_applied_on")

    def has_step(self, step: str) -> bool:
        """An act of the kinds of one matrix column ("signed_on", ...) is recorded, its
        date known or not."""
        return bool(self.steps.recorded & COLUMN_KINDS[step][0])

    # "Ratified" (consent to be bound expressed and not withdrawn) and "overdue", in
    # Python and SQL alike.
    @hybrid_method
    def is_ratified_by(self, day: date) -> bool:
        """Consent to be bound expressed on or before `day` (or on a date not recorded), and
        no denunciation or withdrawal taken effect by then (VCLT Art. 70(1): a Party stays
        bound until its denunciation takes effect)."""
        return any(
            a.kind in CONSENT and (a.on is None or a.on <= day) for a in self.actions
        ) and not self.bound_steps.has_left_by(day)

    @is_ratified_by.expression
    @classmethod
    def _is_ratified_by_sql(cls, day: date) -> ColumnElement[bool]:
        return bound_by_sql(cls, day)

    @hybrid_property
    def is_ratified(self) -> bool:
        """Bound as of the clock's today: consent expressed, no denunciation taken effect
        (the SQL twin reads an effect not recorded from the notification: for the rows
        `leaving_day_computed` marks, "not bound" in SQL is a wider preselection, which
        callers check again in Python: tracker.models.bound_sql)."""
        steps = self.bound_steps
        return steps.has_consented and not steps.has_left_by(clock_today())

    @is_ratified.inplace.expression
    @classmethod
    def _is_ratified_sql(cls) -> ColumnElement[bool]:
        return bound_by_sql(cls, None)

    @hybrid_property
    def leaving_day_computed(self) -> bool:
        """The Party's denunciation or withdrawal takes effect on a day computed from the
        agreement's denunciation clause (its notification dated, its day of effect not
        recorded): the one case where the SQL twin of "bound" only preselects
        (tracker.models.bound_sql) and a caller checks the row again in Python."""
        leaving = [a for a in self.actions if a.kind in LEAVING]
        if not any(a.on is not None and a.effective_on is None for a in leaving):
            return False
        if any(a.effective_on is not None for a in leaving):
            return False
        rules = self.agreement.clock_rules if self.agreement is not None else []
        return any(r.purpose == Purpose.DENUNCIATION_EFFECT for r in rules)

    @leaving_day_computed.inplace.expression
    @classmethod
    def _leaving_day_computed_sql(cls) -> ColumnElement[bool]:
        return leaving_day_computed_sql(cls)

    @hybrid_method
    def is_overdue(self, today: date) -> bool:
        """Expected by a date before `today`, not ratified, and its agreement live. In SQL a
        preselection: a row `leaving_day_computed` marks is checked again in Python
        (tracker.models.bound_sql)."""
        if self.expected_by is None:
            return False
        late = is_overdue(self.expected_by, today, done=self.is_ratified)
        return late and self.agreement.is_live

    @is_overdue.expression
    @classmethod
    def _is_overdue_sql(cls, today: date) -> ColumnElement[bool]:
        return and_(
            cls.expected_by < today,
            ~cls.is_ratified,
            cls.agreement_id.not_in(not_live_agreement_ids()),
        )
