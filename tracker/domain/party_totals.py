"""The totals of an agreement's Parties' table: "X of N have consented to be bound" and
each column's "X of N" (signed, procedures notified, instrument deposited, provisionally
applied), all counted over the same Parties, here and nowhere else (issue 16, h16i #1).

N is every Party listed (the rows of a group shown as one are not Parties and are not
given here). X counts, among them, those that have taken the column's step and have not
left: a Party whose denunciation or withdrawal has taken effect on or before the day is
in no X (VCLT Art. 70(1): it stays bound until then, and is released after), whatever
it did before; the rows come with `left_on` the day it takes effect (recorded, else by
the denunciation clause: tracker.domain.party_actions.bound_until and
tracker.domain.terms.leaving_takes_effect). Pure: no Flask, no session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.party_actions import (
    INSTRUMENTS,
    SIGNATURES,
    ActionKind,
    PartySteps,
    consented_count,
)

#: the acts each counted column stands for (as tracker.models.row_steps.COLUMN_KINDS)
NOTIFICATIONS = frozenset({ActionKind.NOTIFICATION_OF_COMPLETION})


@dataclass(frozen=True)
class PartyTotals:
    """The table's totals on one day: N (`total`), each X, and how many of the N have
    left (counted in no X; the table says so when there are any)."""

    #: N: the Parties listed
    total: int = 0
    #: "X of N have consented to be bound" (tracker.domain.party_actions.consented_count)
    consented: int = 0
    #: "Signed": a signature, definitive or subject to ratification
    signed: int = 0
    #: "Procedures notified": a notification of completion of procedures
    notified: int = 0
    #: "Instrument deposited": ratification, acceptance, approval or accession
    deposited: int = 0
    #: "Provisionally applied": applying provisionally on the day (not ended: h16d #2)
    provisionally_applied: int = 0
    #: the Parties whose denunciation or withdrawal has taken effect by the day
    left: int = 0


def party_totals(rows: Sequence[PartySteps], on: date) -> PartyTotals:
    """The totals of `rows` (the Parties' rows, groups shown as one left out, each
    leaving Party's `left_on` the day its leaving takes effect) as of `on` (a day).

    An act recorded without its date counts (unknown is not a contradiction); a Party
    whose leaving has taken effect by `on` counts in no column."""
    staying = [row for row in rows if not row.has_left_by(on)]

    def having(kinds: frozenset[ActionKind]) -> int:
        return sum(1 for row in staying if row.recorded & kinds)

    return PartyTotals(
        total=len(rows),
        consented=consented_count(rows, on=on),
        signed=having(SIGNATURES),
        notified=having(NOTIFICATIONS),
        deposited=having(INSTRUMENTS),
        provisionally_applied=sum(1 for row in staying if row.applies_provisionally_on(on)),
        left=len(rows) - len(staying),
    )
