"""A withdrawal of a reservation against the reservations of the same Party (issue 16,
h16e #2; the same idea as tracker.domain.objection_dates).

A State withdraws a reservation it has formulated (VCLT Art. 22(1)); a withdrawal names
no reservation, so it needs one of its Party's reservations standing on its date: dated on
or before it, and not taken up by that Party's earlier withdrawals (each withdrawal dated
before it withdraws one reservation, as objection_dates.withdrawn_on reads them). A
withdrawal with none standing is refused (field "on") by the form, the API and the acts
file, and flagged in the consistency panel when stored. Unknown is not a contradiction
(issue 16): an undated withdrawal, or a Party with an undated reservation, is neither
refused nor flagged. A reservation and its withdrawal on the same day are accepted (the
order within a day is not recorded).

Pure functions: dates in, Messages out; the services read the acts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from tracker.domain.messages import Message
from tracker.domain.party_actions import Contradiction


def nothing_to_withdraw(
    on: date | None, reservations: Sequence[date | None], withdrawals: Iterable[date | None]
) -> bool:
    """True when a withdrawal of `on` has no reservation of its Party standing: of the
    Party's reservations (`reservations`: their dates) none is dated on or before `on`
    that the Party's other withdrawals dated before `on` (`withdrawals`) have not taken.
    False when anything is not known (an undated withdrawal or reservation)."""
    if on is None or any(day is None for day in reservations):
        return False
    made = sum(1 for day in reservations if day is not None and day <= on)
    taken = sum(1 for day in withdrawals if day is not None and day < on)
    return made - taken <= 0


def withdrawal_refusal(party: str, on: date | None) -> Message:
    """The refusal (field "on") of a withdrawal of `on` by `party` (a PartyName) with no
    reservation standing."""
    return Message(
        "A withdrawal of a reservation needs a reservation of %(party)s standing on its date "
        "(%(on)s): none is recorded on or before it that is not withdrawn already.",
        party=party,
        on=on,
    )


def withdrawal_contradictions(
    party: str, reservations: Sequence[date | None], withdrawals: Sequence[date | None]
) -> list[Contradiction]:
    """A Party's stored withdrawals (their dates) with no reservation of that Party
    (`reservations`: their dates) standing, for the consistency panel."""
    found = []
    for i, on in enumerate(withdrawals):
        others = [day for j, day in enumerate(withdrawals) if j != i]
        if nothing_to_withdraw(on, reservations, others):
            message = Message(
                "%(party)s: withdrawal of a reservation of %(on)s, with no reservation of "
                "this party standing on that date.",
                party=party,
                on=on,
            )
            found.append(Contradiction(party, message))
    return found
