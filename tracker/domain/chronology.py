"""An agreement's life in date order, as a treaty office's status page shows it: the dates
of its final clauses (signature, provisional application, entry into force), each Party's
dated acts, and its anniversaries: the past jubilees and the next anniversary of each date.

Only jubilees are listed among past anniversaries (a treaty signed ten years ago would
otherwise fill the list with eighteen lines); the next anniversary of the signature and of
the entry into force is listed whether it is a jubilee or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracker.domain.anniversaries import (
    JUBILEE_EVERY,
    Anniversary,
    DatedEvent,
    anniversary_in_year,
)

#: the kinds of entry, in the order of a day that has several
TREATY_DATES = ("signature", "provisional_application", "entry_into_force")


@dataclass(frozen=True)
class PartyStep:
    """A Party's dated act under the agreement (tracker.domain.party_actions' kinds)."""

    party: str
    kind: str
    on: date
    #: an objection's reservation (VCLT Art. 20(4)(b), 21(3)): the reserving Party and
    #: the reservation's date (None: not recorded); "" when it names none
    objects_to: str = ""
    objects_to_on: date | None = None


@dataclass(frozen=True)
class ChronologyEntry:
    on: date
    #: "signature", "provisional_application", "entry_into_force", "party_act",
    #: "takes_effect" (a Party's denunciation or withdrawal taking effect) or "anniversary"
    kind: str
    #: a party act's Party and kind
    party: str = ""
    act: str = ""
    #: a party act that is an objection: the Party whose reservation it objects to, and
    #: the reservation's date (None: not recorded); "" when it names none
    objects_to: str = ""
    objects_to_on: date | None = None
    anniversary: Anniversary | None = None
    #: after today: the next anniversary of a date
    upcoming: bool = False

    @property
    def is_jubilee(self) -> bool:
        return self.anniversary is not None and self.anniversary.is_jubilee


def chronology(
    dates: dict[str, date | None],
    steps: Iterable[PartyStep],
    anniversary_of: dict[str, DatedEvent],
    today: date,
    *,
    taking_effect: Iterable[PartyStep] = (),
    computed: Iterable[PartyStep] = (),
    ended_on: date | None = None,
) -> list[ChronologyEntry]:
    """The entries in date order. `dates` maps TREATY_DATES to the agreement's dates (None
    when not known); `anniversary_of` maps "signature" and "entry_into_force" to the event
    whose anniversaries are listed (its date the same as in `dates`); `taking_effect` the
    Parties' denunciations and withdrawals on the day each takes effect (VCLT Art. 70(1));
    `computed` the entries into force the final clauses give and nobody recorded (party ""
    for the agreement's own, else a Party's own), listed as computed.
    When the agreement ended (`ended_on`), no anniversary after that day is listed."""
    entries = [ChronologyEntry(on, kind) for kind, on in dates.items() if on is not None]
    entries += [
        ChronologyEntry(
            s.on,
            "party_act",
            party=s.party,
            act=s.kind,
            objects_to=s.objects_to,
            objects_to_on=s.objects_to_on,
        )
        for s in steps
    ]
    entries += [
        ChronologyEntry(s.on, "takes_effect", party=s.party, act=s.kind) for s in taking_effect
    ]
    entries += [ChronologyEntry(s.on, "computed", party=s.party, act=s.kind) for s in computed]
    for event in anniversary_of.values():
        entries += [e for e in _anniversaries(event, today) if ended_on is None or e.on <= ended_on]
    kinds = (*TREATY_DATES, "computed", "party_act", "takes_effect", "anniversary")
    order = {kind: n for n, kind in enumerate(kinds)}
    return sorted(entries, key=lambda e: (e.on, order[e.kind], e.party))


def _anniversaries(event: DatedEvent, today: date) -> list[ChronologyEntry]:
    """The event's past jubilees (up to today) and its next anniversary after today."""
    found = []
    years = JUBILEE_EVERY
    while (
        falls_on := anniversary_in_year(event.happened_on, event.happened_on.year + years)
    ) <= today:
        found.append(
            ChronologyEntry(
                falls_on, "anniversary", anniversary=Anniversary(event, falls_on, years)
            )
        )
        years += JUBILEE_EVERY
    years = max(today.year - event.happened_on.year, 1)
    while (
        falls_on := anniversary_in_year(event.happened_on, event.happened_on.year + years)
    ) <= today:
        years += 1
    found.append(
        ChronologyEntry(
            falls_on, "anniversary", anniversary=Anniversary(event, falls_on, years), upcoming=True
        )
    )
    return found
