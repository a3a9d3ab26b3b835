"""The act a Party is awaited to perform next under an agreement (h19g2 #1): what the
chasing mail for an overdue Party names, instead of "ratification" for every Party.

A Party that has not consented to be bound (tracker.domain.party_actions.CONSENT) still
owes one act; which one follows from what it has done and from the acts the agreement's
other Parties have recorded (the agreement's own practice, since the final clauses'
"ratification, acceptance or approval" is not recorded as data):

- It has signed (subject to ratification, VCLT Art. 14(1)): the instrument that confirms
  a signature, of the kind the other Parties deposited (ratification, acceptance or
  approval; the commonest, ratification on a tie or when none is recorded), or the
  notification of completed procedures where the other Parties notified and deposited
  no instrument (a bilateral or EU agreement).
- A bilateral agreement whose signature is recorded (its `signed_on`) was signed by both
  Parties at once: each Party counts as having signed, its own act recorded or not.
- It has not signed: an accession where another Party acceded (VCLT Art. 15: the
  treaty is open to accession); else a signature where another Party signed (Arts. 10,
  12); else (no signature recorded by anyone: an older record with instruments alone) the
  instrument, as for a Party that has signed.

Pure: no Flask, no session. The words are tracker.domain.party_actions.ACTION_LABELS'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

from tracker.domain.party_actions import CONSENT, SIGNATURES, ActionKind

#: the acts a Party may be awaited to perform (h19g2 #1), in the order of treaty practice
AWAITED = (
    ActionKind.SIGNATURE,
    ActionKind.RATIFICATION,
    ActionKind.ACCEPTANCE,
    ActionKind.APPROVAL,
    ActionKind.ACCESSION,
    ActionKind.NOTIFICATION_OF_COMPLETION,
)
#: the instruments that confirm a signature (VCLT Art. 14), ratification first: the default
_CONFIRMING = (ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL)


def awaited_act(
    own: Collection[ActionKind | str],
    others: Iterable[Collection[ActionKind | str]],
    *,
    signed_by_all: bool = False,
) -> ActionKind | None:
    """The act awaited of a Party whose recorded acts are of the kinds `own`, the other
    Parties of the agreement having recorded acts of the kinds in `others` (one collection
    per Party); `signed_by_all`: the agreement's signature is every Party's (a bilateral
    agreement signed). None when the Party has consented to be bound already (nothing
    awaited). The rules are the module's."""
    mine = {str(k) for k in own}
    if mine & {str(k) for k in CONSENT}:
        return None
    theirs = [{str(k) for k in party} for party in others]
    if not signed_by_all and not mine & {str(k) for k in SIGNATURES}:
        if any(ActionKind.ACCESSION.value in kinds for kinds in theirs):
            return ActionKind.ACCESSION
        if any(kinds & {str(k) for k in SIGNATURES} for kinds in theirs):
            return ActionKind.SIGNATURE
    return _confirming(theirs)


def _confirming(theirs: list[set[str]]) -> ActionKind:
    """The act that confirms a signature, as the other Parties performed it."""
    counted = Counter(k for kinds in theirs for k in kinds if k in {c.value for c in _CONFIRMING})
    if counted:
        best = max(counted.values())
        return next(k for k in _CONFIRMING if counted[k.value] == best)
    notified = any(ActionKind.NOTIFICATION_OF_COMPLETION.value in kinds for kinds in theirs)
    return ActionKind.NOTIFICATION_OF_COMPLETION if notified else ActionKind.RATIFICATION
