"""A Party's row under an agreement (Ratification): its acts, the dates its final clauses
imply, and its side; moved out of tracker.models.agreement, which keeps the agreement and
its Parties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Integer,
    UniqueConstraint,
    and_,
)
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.clock import today as clock_today
from tracker.domain.clocks import Act, Purpose
from tracker.domain.party_actions import CONSENT, LEAVING, PartySteps
from tracker.domain.party_actions import steps as party_steps
from tracker.domain.progress import is_overdue
from tracker.domain.terms import leaving_takes_effect
from tracker.models.agreement import AgreementKind, not_live_agreement_ids
from tracker.models.bound_sql import bound_by_sql, leaving_day_computed_sql
from tracker.models.party_action import PartyAction, PartyKind, PartySide
from tracker.models.row_steps import COLUMN_KINDS, matrix_date
from tracker.models.types import str_enum
from tracker.orm import db

if TYPE_CHECKING:
    from tracker.models.agreement import Agreement, Party


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
