"""An agreement's final clauses as data (issue 16 #4): one rule per purpose (entry into
force, initial term, tacit renewal, notice of non-renewal, denunciation taking effect), in
the vocabulary of tracker.domain.clocks. The dates they give are computed, never stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.clock import now_utc
from tracker.domain.clock_words import PURPOSE_LABELS, clause_words
from tracker.domain.clocks import Anchor, Clause, Mode, Purpose, Unit
from tracker.domain.messages import Message
from tracker.models.types import UTCDateTime, str_enum
from tracker.orm import db


class ClockRule(db.Model):
    """A final clause: `purpose` is what it fixes; the date is `mode` applied to `offset`
    `unit`s from the `anchor` event (`nth`: the instrument an Nth-instrument clause waits
    for). E.g. the EPCA's Art. 281(2): entry_into_force, first_day_of_nth_month_following,
    offset 2, anchor last_notification."""

    __tablename__ = "clock_rules"
    __table_args__ = (UniqueConstraint("agreement_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[Purpose] = mapped_column(str_enum(Purpose))
    mode: Mapped[Mode] = mapped_column(str_enum(Mode))
    anchor: Mapped[Anchor] = mapped_column(str_enum(Anchor))
    #: how many units (for the Nth month following: N); 0 for "on the date of"
    offset: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unit: Mapped[Unit] = mapped_column(str_enum(Unit), default=Unit.MONTHS)
    #: for an Nth-instrument clause: N
    nth: Mapped[int | None]
    #: the clause's own reference or words, e.g. "Art. 281(2)"
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    __mapper_args__ = {"version_id_col": version}

    @property
    def clause(self) -> Clause:
        """The rule as the domain computes with it."""
        return Clause(self.mode, self.anchor, self.offset, self.unit, self.nth)

    @property
    def words(self) -> Message:
        """The clause in words ("on the first day of the second month following ...")."""
        return clause_words(self.clause)

    @property
    def purpose_words(self) -> Message:
        return Message(PURPOSE_LABELS[self.purpose])
