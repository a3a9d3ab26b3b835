"""A Party's acts under an agreement, and what follows from them: its steps (the
ratification matrix), whether it has consented to be bound, and the contradictions a
treaty lawyer would flag.

The kinds are those of treaty practice (Vienna Convention on the Law of Treaties 1969,
Arts. 11-18 on consent to be bound, 19-23 on reservations, 25 on provisional
application, 54-56 on withdrawal and denunciation; the UN Treaty Collection's status
pages record the same acts). Pure functions: no Flask, no session.

**Unknown is not a contradiction.** An act may be recorded with its date "not recorded"
(``on`` None): it happened, its date is unknown. Only what is contradictory is flagged.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from tracker.domain.clocks import Act
from tracker.domain.messages import N_, Message


class ActionKind(StrEnum):
    """The standard kinds of a Party's act under a treaty."""

    SIGNATURE = "signature"  # definitive signature: consent to be bound (VCLT Art. 12)
    SIGNATURE_SUBJECT_TO_RATIFICATION = "signature_subject_to_ratification"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    NOTIFICATION_OF_COMPLETION = "notification_of_completion"  # of domestic procedures
    PROVISIONAL_APPLICATION = "provisional_application"
    PROVISIONAL_APPLICATION_END = "provisional_application_end"
    RESERVATION = "reservation"
    RESERVATION_WITHDRAWAL = "reservation_withdrawal"
    DECLARATION = "declaration"
    OBJECTION = "objection"  # to another Party's reservation
    TERRITORIAL_APPLICATION = "territorial_application"
    DENUNCIATION = "denunciation"
    WITHDRAWAL = "withdrawal"
    SUSPENSION = "suspension"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    ActionKind.SIGNATURE: N_("Signature"),
    ActionKind.SIGNATURE_SUBJECT_TO_RATIFICATION: N_("Signature subject to ratification"),
    ActionKind.RATIFICATION: N_("Ratification"),
    ActionKind.ACCEPTANCE: N_("Acceptance"),
    ActionKind.APPROVAL: N_("Approval"),
    ActionKind.ACCESSION: N_("Accession"),
    ActionKind.NOTIFICATION_OF_COMPLETION: N_("Notification of completion of procedures"),
    ActionKind.PROVISIONAL_APPLICATION: N_("Provisional application"),
    ActionKind.PROVISIONAL_APPLICATION_END: N_("End of provisional application"),
    ActionKind.RESERVATION: N_("Reservation"),
    ActionKind.RESERVATION_WITHDRAWAL: N_("Withdrawal of a reservation"),
    ActionKind.DECLARATION: N_("Declaration"),
    ActionKind.OBJECTION: N_("Objection"),
    ActionKind.TERRITORIAL_APPLICATION: N_("Territorial application"),
    ActionKind.DENUNCIATION: N_("Denunciation"),
    ActionKind.WITHDRAWAL: N_("Withdrawal"),
    ActionKind.SUSPENSION: N_("Suspension"),
}

SIGNATURES = frozenset({ActionKind.SIGNATURE, ActionKind.SIGNATURE_SUBJECT_TO_RATIFICATION})
#: instruments deposited (or exchanged) to express consent to be bound (VCLT Arts. 14-16)
INSTRUMENTS = frozenset(
    {ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL, ActionKind.ACCESSION}
)
#: acts that express consent to be bound: an instrument, a definitive signature, or (in a
#: bilateral or EU agreement) the notification that a Party's procedures are completed
CONSENT = INSTRUMENTS | {ActionKind.SIGNATURE, ActionKind.NOTIFICATION_OF_COMPLETION}
LEAVING = frozenset({ActionKind.DENUNCIATION, ActionKind.WITHDRAWAL})
_KINDS = frozenset(kind.value for kind in ActionKind)


@dataclass(frozen=True)
class PartySteps:
    """One row of the ratification matrix, derived from a Party's acts. Each date is the
    first act of its kind; `recorded` says an act of the kind exists (its date may be
    unknown), so that "not recorded" and "done, date unknown" stay apart."""

    party: str
    signed_on: date | None = None
    notified_on: date | None = None
    deposited_on: date | None = None
    provisionally_applied_on: date | None = None
    provisional_application_ended_on: date | None = None
    left_on: date | None = None
    recorded: frozenset[ActionKind] = frozenset()

    @property
    def has_consented(self) -> bool:
        """True when the Party has expressed its consent to be bound (dated or not)."""
        return bool(self.recorded & CONSENT)

    @property
    def has_left(self) -> bool:
        """A denunciation or withdrawal is recorded, whether it has taken effect or not."""
        return bool(self.recorded & LEAVING)

    def has_left_by(self, day: date) -> bool:
        """The Party's denunciation or withdrawal has taken effect on or before `day`: it
        stays bound until then (VCLT Art. 70(1)). One recorded without any date counts as
        taken effect (unknown is not assumed to be in the future)."""
        return self.has_left and (self.left_on is None or self.left_on <= day)

    def applies_provisionally_on(self, day: date) -> bool:
        """The Party applies the agreement provisionally on `day`: a provisional application
        recorded whose end (an end of provisional application, or the day the act says it
        applies until) is not on or before `day`; an end recorded without its date has
        come (unknown is not assumed to be in the future). "Provisionally applied X of N"
        counts these (h16d #2: an ended one was still counted)."""
        if ActionKind.PROVISIONAL_APPLICATION not in self.recorded:
            return False
        ended = self.provisional_application_ended_on
        if ended is not None:
            return ended > day
        return ActionKind.PROVISIONAL_APPLICATION_END not in self.recorded

    @property
    def provisional_application_ended_undated(self) -> bool:
        """Its provisional application has ended on a day not recorded: an end of
        provisional application recorded without its date (h16f #3)."""
        return (
            self.provisional_application_ended_on is None
            and ActionKind.PROVISIONAL_APPLICATION_END in self.recorded
        )

    @property
    def is_signed(self) -> bool:
        return bool(self.recorded & SIGNATURES)


def _first(acts: Iterable[Act], kinds: Iterable[str]) -> date | None:
    kinds = frozenset(kinds)
    dates = [a.on for a in acts if a.kind in kinds and a.on is not None]
    return min(dates) if dates else None


def steps(party: str, acts: Iterable[Act]) -> PartySteps:
    """The matrix row of `party` from all the agreement's `acts` (others are ignored).

    A denunciation or withdrawal counts from the day it takes effect when that is known
    (the act's ``takes_effect_on``), else from its notification (its date).
    """
    own = [a for a in acts if a.party == party]
    return PartySteps(
        party=party,
        signed_on=_first(own, SIGNATURES),
        notified_on=_first(own, {ActionKind.NOTIFICATION_OF_COMPLETION}),
        deposited_on=_first(own, INSTRUMENTS),
        provisionally_applied_on=_first(own, {ActionKind.PROVISIONAL_APPLICATION}),
        provisional_application_ended_on=_provisional_end(own),
        left_on=_first([_effective(a) for a in own], LEAVING),
        recorded=frozenset(ActionKind(a.kind) for a in own if a.kind in _KINDS),
    )


def _provisional_end(own: Sequence[Act]) -> date | None:
    """The first day the Party's provisional application is recorded to end: an end of
    provisional application's date, else the day its provisional application is recorded
    to apply until (the act's ``takes_effect_on``: "until 30 Jun 2022", h16d #2)."""
    ended = _first(own, {ActionKind.PROVISIONAL_APPLICATION_END})
    if ended is not None:
        return ended
    until = [
        a.takes_effect_on
        for a in own
        if a.kind == ActionKind.PROVISIONAL_APPLICATION and a.takes_effect_on is not None
    ]
    return min(until) if until else None


def _effective(act: Act) -> Act:
    """The act dated from when it takes effect, where that is recorded."""
    if act.takes_effect_on is None:
        return act
    return Act(act.party, act.kind, act.takes_effect_on)


def consented_count(rows: Sequence[PartySteps], on: date | None = None) -> int:
    """ "X of N": the Parties that have consented to be bound and not left; as of `on`
    (a date) a Party whose denunciation takes effect later still counts; without `on`,
    any denunciation or withdrawal recorded counts as left."""
    return sum(
        1 for row in rows if row.has_consented and not (row.has_left_by(on) if on else row.has_left)
    )


def bound_until(rows: Sequence[PartySteps], effects: Mapping[str, date]) -> list[PartySteps]:
    """`rows` with each leaving Party's `left_on` set to the day its denunciation or
    withdrawal takes effect (`effects`, by Party: recorded, else computed from the
    denunciation clause: tracker.domain.termination.Departure.takes_effect_on), so that
    it counts in "X of N" until that day and not after (VCLT Arts. 56(2), 70(1)). A
    row whose day is not in `effects` keeps its own (the recorded effect, else the
    notification)."""
    return [
        replace(row, left_on=effects[row.party]) if row.has_left and row.party in effects else row
        for row in rows
    ]


@dataclass(frozen=True)
class Contradiction:
    """A fact that contradicts another, for the data-quality panel: `party` (None: the
    agreement as a whole), the `message` (a Message, shown in the reader's language)."""

    party: str | None
    message: Message
    #: how an officer may resolve it, for the page to link ("" none): "agreement_dates"
    #: (correct the agreement's dates)
    fix: str = ""


def contradictions(
    rows: Sequence[PartySteps],
    *,
    in_force_on: date | None,
    computed_in_force_on: date | None = None,
    in_force_for: dict[str, date] | None = None,
    not_yet_bound: Collection[str] = (),
) -> list[Contradiction]:
    """What the recorded facts say against each other (never what is merely unknown).

    - in force, but a Party's consent to be bound is not recorded at all (unless the
      Party is `not_yet_bound`: a multilateral treaty in force for others, which it may
      join later);
    - a recorded entry into force that differs from the date the clauses imply;
    - an instrument of ratification, acceptance or approval without a signature (an
      accession needs none: VCLT Art. 15);
    - provisional application that starts after the agreement entered into force for
      that Party (legitimate for a Party that joins later: `in_force_for` gives each
      Party's own date, by default the agreement's; a Party that acceded after the
      agreement's entry into force and has no date of its own there is not flagged).
    """
    found: list[Contradiction] = []
    if in_force_on is not None:
        for row in rows:
            if not row.has_consented and row.party not in not_yet_bound:
                found.append(
                    Contradiction(
                        row.party,
                        Message(
                            "In force since %(in_force_on)s, but no consent to be bound is "
                            "recorded for %(party)s (ratification, acceptance, approval, "
                            "accession, notification of completed procedures or definitive "
                            "signature).",
                            in_force_on=in_force_on,
                            party=row.party,
                        ),
                    )
                )
    if (
        in_force_on is not None
        and computed_in_force_on is not None
        and in_force_on != computed_in_force_on
    ):
        found.append(
            Contradiction(
                None,
                Message(
                    "Entry into force is recorded as %(recorded)s, but the final clauses "
                    "and the recorded acts give %(computed)s.",
                    recorded=in_force_on,
                    computed=computed_in_force_on,
                ),
            )
        )
    for row in rows:
        instruments = row.recorded & (INSTRUMENTS - {ActionKind.ACCESSION})
        if instruments and not row.is_signed and ActionKind.ACCESSION not in row.recorded:
            found.append(
                Contradiction(
                    row.party,
                    Message(
                        "%(party)s has an instrument of ratification, acceptance or approval "
                        "but no signature; if it joined without signing, record an accession.",
                        party=row.party,
                    ),
                )
            )
        own_in_force = own_entry_into_force(row, in_force_on, in_force_for)
        if (
            own_in_force is not None
            and row.provisionally_applied_on is not None
            and row.provisionally_applied_on > own_in_force
        ):
            found.append(
                Contradiction(
                    row.party,
                    Message(
                        "%(party)s applies the agreement provisionally from %(applied_on)s, "
                        "after it entered into force for it on %(in_force_on)s.",
                        party=row.party,
                        applied_on=row.provisionally_applied_on,
                        in_force_on=own_in_force,
                    ),
                )
            )
    return found


def own_entry_into_force(
    row: PartySteps, in_force_on: date | None, in_force_for: dict[str, date] | None = None
) -> date | None:
    """The day the agreement entered into force for the row's Party: its own date in
    `in_force_for` (a multilateral treaty's, computed), else the agreement's `in_force_on`,
    unless the Party acceded after that date (then its own date is not known: None, and
    unknown is not a contradiction). A Party with no consent to be bound recorded is not
    bound, so the agreement is in force for it on no date: None (fc16e #1: a provisional
    application by a Party that had not consented was flagged "after it entered into
    force for it")."""
    if not row.has_consented:
        return None
    if in_force_for and row.party in in_force_for:
        return in_force_for[row.party]
    return None if _joined_later(row, in_force_on) else in_force_on


def _joined_later(row: PartySteps, in_force_on: date | None) -> bool:
    """The Party acceded after the agreement entered into force (VCLT Art. 15): the
    agreement's date is not its own."""
    return (
        in_force_on is not None
        and ActionKind.ACCESSION in row.recorded
        and row.deposited_on is not None
        and row.deposited_on > in_force_on
    )


def dated_in_future(acts: Iterable[Act], today: date) -> list[Contradiction]:
    """Acts dated after `today`: an act is recorded when it has happened (a date far in
    the future, e.g. 2099, is a typo or a plan recorded as a fact)."""
    return [
        Contradiction(
            act.party,
            Message(
                "%(party)s: %(act)s is dated %(on)s, in the future; an act is recorded when "
                "it happens.",
                party=act.party,
                act=ActionKind(act.kind),
                on=act.on,
            ),
        )
        for act in acts
        if act.on is not None and act.on > today and act.kind in _KINDS
    ]
