"""When Parties' denunciations or withdrawals end an agreement (issue 16 #1, treaty law).

A Party that denounces a treaty or withdraws from it stays bound until its denunciation
takes effect (Vienna Convention on the Law of Treaties 1969, Art. 56(2), Art. 70(1)):
on that day it is released from the treaty. A bilateral treaty then has one Party left
and is terminated (Art. 54(a): in conformity with its provisions, the denunciation clause;
Art. 70(1)(a): the Parties are released from further performance). A multilateral treaty
is not terminated merely because the number of its Parties falls below the number needed
for its entry into force (Art. 55), but there is no treaty left between fewer than two
Parties: the tracker keeps no minimum number of Parties per treaty, so the rule here is
"fewer than two Parties remain bound" (MINIMUM_PARTIES).

A mixed agreement (the European Union and its Member States, "of the one part", and a
partner, "of the other part", as its preamble and its definition of the Parties say, e.g.
the EPCA) is bilateral in substance: it binds two sides, each of which may be several
Parties. It ends when every Party of one side has left, though the other side keeps
several Parties: when the partner's denunciation takes effect, nothing is left between
the Union and its Member States under it (VCLT Arts. 54(a), 70(1)(a), as for a bilateral
treaty). A Member State's withdrawal alone leaves both sides bound. How the tracker knows
the sides (mixed_sides): the one part is the agreement's Parties that are organisations
(the Union, Euratom) or members of a group of Parties ("EU Member States"); the other part
is the rest. While either part has no Party recorded, the sides are not known and the
count of Parties decides.

The day a denunciation takes effect is the one recorded on the act when there is one,
else the one its clause gives (the agreement's "denunciation takes effect" rule, counted
from the notification). **Unknown is not assumed**: a denunciation with neither is left
out, and no end is claimed from it. Pure: no Flask, no session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.terms import Term

#: an agreement lives while at least this many Parties are bound by it
MINIMUM_PARTIES = 2


@dataclass(frozen=True)
class Denunciation:
    """A Party's notified denunciation or withdrawal: its notification date and the day it
    is recorded to take effect (either may be unknown)."""

    party: str
    notified_on: date | None
    recorded_effective_on: date | None
    kind: str = "denunciation"


@dataclass(frozen=True)
class Departure:
    """A Party's denunciation or withdrawal (`kind`), notified on `notified_on`, recorded
    to take effect on `recorded_on`, and on `computed_on` under the denunciation clause
    (either None: not known)."""

    party: str
    kind: str
    notified_on: date | None
    recorded_on: date | None = None
    computed_on: date | None = None

    @property
    def takes_effect_on(self) -> date | None:
        """The day it takes effect: the recorded one (the fact), else the computed one."""
        return self.recorded_on or self.computed_on


@dataclass(frozen=True)
class Ending:
    """The day the agreement ends: the day the `kind` (denunciation or withdrawal) of
    `party` takes effect and leaves fewer than MINIMUM_PARTIES bound, or (`side_left`) no
    Party of its side of a mixed agreement."""

    on: date
    party: str
    kind: str
    side_left: bool = False


def mixed_sides(
    parties: Sequence[tuple[str, bool]],
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The two sides of a mixed agreement from its Parties, each (name, of the one part:
    an organisation or a member of a group of Parties): (the one part, the other part) in
    the order given, or None when either part has no Party (then the sides are not known).
    """
    one = tuple(name for name, of_the_one_part in parties if of_the_one_part)
    other = tuple(name for name, of_the_one_part in parties if not of_the_one_part)
    return (one, other) if one and other else None


def departures(
    notified: Sequence[tuple[str, str, date | None, date | None]],
    effect: Callable[[date], date | None] | None,
) -> list[Departure]:
    """Each (party, kind, notified on, recorded effective on) with the day the agreement's
    denunciation clause gives from its notification (`effect`: tracker.domain.clocks.
    takes_effect with the clause; None without a clause). Raises OverflowError for a day
    past year 9999."""
    return [
        Departure(
            party,
            kind,
            notified_on,
            recorded,
            effect(notified_on) if effect is not None and notified_on is not None else None,
        )
        for party, kind, notified_on, recorded in notified
    ]


def ending(
    parties: Sequence[str],
    left: Sequence[Departure],
    minimum: int = MINIMUM_PARTIES,
    *,
    sides: Sequence[Sequence[str]] | None = None,
) -> Ending | None:
    """The day the agreement between `parties` ends because the departures `left` leave
    fewer than `minimum` of them bound, or None (never, or not known). A Party's first
    departure with a known day counts; one of a Party not among `parties` is ignored.
    An agreement that never had `minimum` Parties recorded is not ended by this rule.

    With `sides` (a mixed agreement's, mixed_sides), it ends on the day the last Party of
    one side leaves (`side_left`); fewer than two Parties left bound is then one case of it.

    Worked examples (tests/domain/test_termination.py): a bilateral treaty whose partner's
    denunciation takes effect on 15 Jul 2024 ends on 15 Jul 2024; so does a mixed one,
    though the Union and its Member States remain.
    """
    if sides:
        return _side_left(parties, left, sides)
    if len(set(parties)) < minimum:
        return None
    remaining = len(set(parties))
    for departure in _firsts(parties, left):  # in the order they take effect
        remaining -= 1
        if remaining < minimum:
            return Ending(departure.takes_effect_on, departure.party, departure.kind)  # type: ignore[arg-type]
    return None


def _firsts(parties: Sequence[str], left: Sequence[Departure]) -> list[Departure]:
    """Each Party's first departure with a known day, in the order they take effect."""
    first: dict[str, Departure] = {}
    for departure in sorted(
        (d for d in left if d.takes_effect_on is not None and d.party in parties),
        key=lambda d: d.takes_effect_on,  # type: ignore[arg-type,return-value]
    ):
        first.setdefault(departure.party, departure)
    return list(first.values())


def _side_left(
    parties: Sequence[str], left: Sequence[Departure], sides: Sequence[Sequence[str]]
) -> Ending | None:
    """The day the last Party of one of `sides` leaves, or None."""
    remaining = [set(side) & set(parties) for side in sides]
    for departure in _firsts(parties, left):
        for side in remaining:
            side.discard(departure.party)
            if not side:
                return Ending(
                    departure.takes_effect_on,  # type: ignore[arg-type]
                    departure.party,
                    departure.kind,
                    side_left=True,
                )
    return None


def notice_given_for(term: Term, last_day: date, left: Sequence[Departure]) -> Departure | None:
    """The first notice or denunciation among `left` given for `term`: notified by
    `last_day` (the last day to give it) and taking effect at the end of the term (its
    last day in force), or, its effect not known, notified during the term; else None."""
    for departure in sorted(
        (d for d in left if d.notified_on is not None and d.notified_on <= last_day),
        key=lambda d: d.notified_on,  # type: ignore[arg-type,return-value]
    ):
        effect = departure.takes_effect_on
        if effect == term.ends_on or (
            effect is None and term.starts_on <= departure.notified_on <= last_day  # type: ignore[operator]
        ):
            return departure
    return None
