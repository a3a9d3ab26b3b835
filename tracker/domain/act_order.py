"""Contradictions in the order of one Party's acts (issue 16 #6, found by a fresh check):
acts that cannot have happened in the order, or together, as recorded.

- An instrument of ratification, acceptance or approval confirms a signature (Vienna
  Convention on the Law of Treaties 1969, Art. 14(1)): one dated before the Party's first
  signature is a contradiction. An accession needs no signature (Art. 15).
- A Party expresses its consent to be bound by ratification, acceptance or approval
  after signing, or by accession without signing (Arts. 14, 15): both recorded for one
  Party contradict each other.
- Provisional application ends (Art. 25(2)) only where it began: an end recorded without
  any provisional application by the Party is a contradiction.
- A Party denounces or withdraws from a treaty in force for it (Arts. 54, 56): a
  denunciation or withdrawal notified before the agreement entered into force for that
  Party is a contradiction (before then a State may make its intention clear not to
  become a Party, Art. 18(a), which is not recorded as a denunciation).

**Unknown is not a contradiction**: an act whose date is not recorded is compared with
nothing. Pure: no Flask, no session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from tracker.domain.clocks import Act
from tracker.domain.messages import Message
from tracker.domain.party_actions import (
    LEAVING,
    ActionKind,
    Contradiction,
    PartySteps,
    own_entry_into_force,
)

#: instruments that confirm a signature (VCLT Art. 14): not accession (Art. 15)
CONFIRMING = frozenset({ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL})


def _first_dated(acts: Iterable[Act], kinds: frozenset[ActionKind], before: date) -> Act | None:
    """The earliest of `acts` of `kinds` dated before `before`, or None."""
    found = [a for a in acts if a.kind in kinds and a.on is not None and a.on < before]
    return min(found, key=lambda a: (a.on, a.kind)) if found else None


def order_contradictions(
    rows: Sequence[PartySteps],
    acts: Iterable[Act],
    *,
    in_force_on: date | None,
    in_force_for: dict[str, date] | None = None,
) -> list[Contradiction]:
    """What each Party's acts (`acts`, of every Party; `rows`, their matrix rows) say
    against each other in their order (see the module's rules). `in_force_on` is the
    agreement's entry into force, `in_force_for` each Party's own where it differs
    (tracker.domain.party_actions.own_entry_into_force)."""
    acts = list(acts)
    found: list[Contradiction] = []
    for row in rows:
        own = [a for a in acts if a.party == row.party]
        if row.signed_on is not None:
            early = _first_dated(own, CONFIRMING, row.signed_on)
            if early is not None:
                found.append(
                    Contradiction(
                        row.party,
                        Message(
                            "%(party)s: its %(act)s is dated %(on)s, before its signature on "
                            "%(signed_on)s.",
                            party=row.party,
                            act=ActionKind(early.kind),
                            on=early.on,
                            signed_on=row.signed_on,
                        ),
                    )
                )
        both = sorted(row.recorded & CONFIRMING)
        if both and ActionKind.ACCESSION in row.recorded:
            found.append(
                Contradiction(
                    row.party,
                    Message(
                        "%(party)s: both a %(act)s and an accession are recorded; a Party "
                        "expresses its consent to be bound by one of them.",
                        party=row.party,
                        act=ActionKind(both[0]),
                    ),
                )
            )
        if (
            ActionKind.PROVISIONAL_APPLICATION_END in row.recorded
            and ActionKind.PROVISIONAL_APPLICATION not in row.recorded
        ):
            found.append(
                Contradiction(
                    row.party,
                    Message(
                        "%(party)s: the end of its provisional application is recorded, but "
                        "no provisional application by it is recorded.",
                        party=row.party,
                    ),
                )
            )
        own_in_force = own_entry_into_force(row, in_force_on, in_force_for)
        early = _first_dated(own, LEAVING, own_in_force) if own_in_force else None
        if early is not None:
            found.append(
                Contradiction(
                    row.party,
                    Message(
                        "%(party)s: its %(act)s is dated %(on)s, before the agreement entered "
                        "into force for it on %(in_force_on)s.",
                        party=row.party,
                        act=ActionKind(early.kind),
                        on=early.on,
                        in_force_on=own_in_force,
                    ),
                )
            )
    return found
