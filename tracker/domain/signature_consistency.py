"""The agreement's recorded date of signature against its Parties' signature acts (issue
16 #6, the consistency panel; VCLT Arts. 10, 12, 14). Moved out of
tracker.domain.party_actions (behaviour unchanged). Pure: no Flask, no session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from tracker.domain.clocks import Act
from tracker.domain.messages import Message
from tracker.domain.party_actions import SIGNATURES, Contradiction


def signature_contradictions(
    signed_on: date | None, acts: Iterable[Act], parties: Sequence[str]
) -> list[Contradiction]:
    """The agreement's recorded date of signature against its Parties' signature acts
    (a signature subject to ratification or a definitive one; VCLT Arts. 10, 12, 14): a
    Party whose signature is dated on another day. In a bilateral agreement (two Parties
    or fewer) the Parties sign together, on the agreement's date; a multilateral one is
    opened for signature on its date, so only a signature before it is flagged.

    A signature whose date is not recorded contradicts nothing, and neither does a date of
    signature beside no Party's signature recorded ("Signed 0 of 2": not recorded, which
    is unknown, not a contradiction; h16k #4, issue 16)."""
    if signed_on is None or not parties:
        return []
    signatures = [a for a in acts if a.kind in SIGNATURES and a.party in parties]
    bilateral = len(parties) <= 2
    found = []
    for party in parties:
        days = sorted(
            a.on
            for a in signatures
            if a.party == party
            and a.on is not None
            and (a.on != signed_on if bilateral else a.on < signed_on)
        )
        found += [
            Contradiction(
                party,
                Message(
                    "%(party)s signed on %(on)s, but the agreement's signature is recorded "
                    "on %(signed_on)s.",
                    party=party,
                    on=on,
                    signed_on=signed_on,
                ),
                fix="agreement_dates",
            )
            for on in days[:1]
        ]
    return found
