"""Entry into force per Party (issue 16 #4): which Parties an agreement bound from the
start, and when it enters into force for a Party that joins later, from the clause for
later Parties ("for a Party that ratifies or accedes after entry into force, on the first
day of the second month after the deposit of its instrument") or, under an "after the
Nth instrument" (or "after the Nth Party's consent") clause, that clause counted from the
Party's own deposit (consent). Pure: no Flask,
no session. The date arithmetic is tracker.domain.clocks'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from tracker.domain.clocks import (
    CONSENTS,
    INSTRUMENTS,
    NTH_ANCHORS,
    Act,
    Anchor,
    Basis,
    Clause,
    Computed,
    Mode,
    apply,
    entry_into_force,
)

#: a Party's own act that makes it bound when it joins later: its instrument, its
#: definitive signature (VCLT Art. 12; issue 16 #4), or (in a bilateral or EU agreement)
#: its notification of completed procedures
OWN_CONSENT = CONSENTS | {"notification_of_completion"}


def _own_consent(
    acts: Sequence[Act], party: str, kinds: frozenset[str] = OWN_CONSENT
) -> tuple[date | None, bool]:
    """The date of `party`'s first dated act of `kinds` (its instrument or notification of
    completion), and whether it has such an act with no date recorded."""
    own = [a.on for a in acts if a.party == party and a.kind in kinds]
    dated = [d for d in own if d is not None]
    return (min(dated) if dated else None), len(dated) < len(own)


def acceding(clause: Clause, acts: Sequence[Act], parties: Sequence[str]) -> tuple[str, ...]:
    """Under a last-notification clause, the Parties that accede (an instrument of
    accession and no notification of completed procedures): the clause's last notification
    is the original Parties', so it never waits for them. Under any other clause, none."""
    if clause.anchor is not Anchor.LAST_NOTIFICATION:
        return ()
    return tuple(
        p
        for p in parties
        if any(a.party == p and a.kind == "accession" for a in acts)
        and not any(a.party == p and a.kind == "notification_of_completion" for a in acts)
    )


def notifying(clause: Clause, acts: Sequence[Act], parties: Sequence[str]) -> list[str]:
    """The Parties whose acts make the clause's event: `parties` but those acceding."""
    joining = acceding(clause, acts, parties)
    return [p for p in parties if p not in joining]


def original_parties(
    clause: Clause,
    acts: Sequence[Act],
    parties: Sequence[str],
    later: Clause | None,
    *,
    recorded_in_force_on: date | None = None,
) -> tuple[str, ...] | None:
    """The Parties bound from the start (bound_from_the_start). With a clause for later
    Parties, any Party whose act came after the entry into force joins later; without one,
    only an acceding Party does (a notification after it stays the clause's event: a
    contradiction with the recorded date, not a new Party)."""
    first = bound_from_the_start(clause, acts, parties, recorded_in_force_on=recorded_in_force_on)
    if first is None or later is not None or clause.anchor in NTH_ANCHORS:
        return first
    joining = acceding(clause, acts, parties)
    return tuple(p for p in parties if p in first or p not in joining)


def _consent_kinds(clause: Clause) -> frozenset[str]:
    if clause.anchor is Anchor.SIGNATURE:  # under it, a signature binds
        return OWN_CONSENT | {"signature", "signature_subject_to_ratification"}
    return OWN_CONSENT


def bound_from_the_start(
    clause: Clause,
    acts: Sequence[Act],
    parties: Sequence[str],
    *,
    recorded_in_force_on: date | None = None,
) -> tuple[str, ...] | None:
    """The Parties for which the agreement entered into force under `clause` itself, the
    others joining later; None while the agreement is not (known to be) in force.

    Under an Nth-instrument clause, the Parties whose instrument made the Nth or came
    before. Under any other clause, the Parties whose instrument or notification of
    completed procedures (under a signature clause, also signature) is dated on or before
    the recorded entry into force (without it, the date computed from every Party's
    acts), and those whose act has no date recorded (unknown is not later).
    """
    if clause.anchor in NTH_ANCHORS:
        overall = entry_into_force(clause, acts, parties)
        if overall.basis is None:
            return None
        # a Party that deposited on the day of the Nth instrument is an original Party too
        # (h16f #1): its deposit is the same day's, not after the entry into force
        nth_on, kinds = overall.basis.event_on, NTH_ANCHORS[clause.anchor]
        same_day = tuple(
            p
            for p in parties
            if p not in overall.basis.parties
            and (_own_consent(acts, p, kinds)[0] or date.max) <= nth_on
        )
        return overall.basis.parties + same_day
    in_force_on = (
        recorded_in_force_on or entry_into_force(clause, acts, notifying(clause, acts, parties)).on
    )
    if in_force_on is None:
        return None
    kinds = _consent_kinds(clause)
    first: tuple[str, ...] = ()
    for party in parties:
        joined_on, undated = _own_consent(acts, party, kinds)
        if (joined_on is not None and joined_on <= in_force_on) or (joined_on is None and undated):
            first += (party,)
    return first


def entry_into_force_for(
    clause: Clause,
    acts: Sequence[Act],
    parties: Sequence[str],
    later: Clause | None = None,
    *,
    recorded_in_force_on: date | None = None,
) -> dict[str, Computed]:
    """Per Party, when the agreement enters into force for it.

    The Parties bound from the start share the agreement's own date. A Party that joins
    later, whose instrument (or notification of completed procedures) is dated after the
    agreement's entry into force, is bound from the date `later` fixes from its own act
    ("for a Party that ratifies or accedes after entry into force, on the first day of the
    second month after the deposit of its instrument"), never before the agreement's own
    date; a Party with no such act while the agreement is in force is waiting for it.

    Under an Nth-instrument clause the Parties bound from the start are those whose
    instrument made the Nth (or came before), and without `later` a later Party's date is
    the same clause counted from its own deposit. Under any other clause (the last
    notification, signature) there are later Parties only when `later` is given: those
    whose act is dated after the recorded entry into force (`recorded_in_force_on`; without
    it, after the date computed from every Party's acts); the agreement's own date is then
    computed over the Parties bound from the start (a Party whose act has no date recorded
    counts among them: unknown is not later). Without `later`, every
    Party shares the agreement's date, but for a Party that accedes under a last-notification
    clause: the clause does not wait for it, and it is bound under the same clause counted
    from its accession, once the agreement has a date (recorded, or computed from the
    original Parties' notifications). Worked examples: tests/domain/test_clocks.py.
    """
    overall = entry_into_force(clause, acts, notifying(clause, acts, parties))
    if overall.at_latest is not None:  # an undated instrument: only a bound is known
        return _bounded(clause, acts, parties, later, overall)
    if clause.anchor not in NTH_ANCHORS and later is None and not acceding(clause, acts, parties):
        return {p: overall for p in parties}
    first = original_parties(
        clause, acts, parties, later, recorded_in_force_on=recorded_in_force_on
    )
    if first is None:
        return {p: overall for p in parties}
    if clause.anchor not in NTH_ANCHORS:
        overall = entry_into_force(clause, acts, notifying(clause, acts, first))
    kinds = _consent_kinds(clause)
    later = later or Clause(clause.mode, Anchor.OWN_INSTRUMENT, clause.offset, clause.unit)
    result: dict[str, Computed] = {}
    for party in parties:
        joined_on, _ = _own_consent(acts, party, kinds)
        if party in first:
            result[party] = overall
        elif joined_on is None:
            result[party] = Computed(on=None, waiting_for=(party,))
        else:
            own = apply(later, joined_on)
            if overall.on is not None and overall.on > own:
                # its own clause gives a day before the agreement's: it is bound from the
                # agreement's entry into force, and its basis says so (h16f #1)
                result[party] = Computed(on=overall.on, basis=joined_before(overall.on, party))
            else:
                act = _own_act(acts, party, kinds, joined_on)
                result[party] = Computed(on=own, basis=Basis(later, joined_on, (party,), act))
    return result


def _own_act(acts: Sequence[Act], party: str, kinds: frozenset[str], on: date) -> str:
    """The kind of `party`'s act of `kinds` on `on` when it is no instrument (a definitive
    signature, a notification of completed procedures: Basis.act), else ""; an instrument
    wins a tie (the basis then says "the deposit of its own instrument")."""
    found = {a.kind for a in acts if a.party == party and a.kind in kinds and a.on == on}
    if found & INSTRUMENTS or not found:
        return ""
    return min(found)


#: the basis of a later Party's date when it is the agreement's own entry into force
#: (it consented to be bound before it): "on the date of entry into force"
ON_ENTRY_INTO_FORCE = Clause(Mode.ON, Anchor.ENTRY_INTO_FORCE, 0)


def joined_before(in_force_on: date, party: str) -> Basis:
    """The basis of `party`'s date when its act came before the agreement's entry into
    force on `in_force_on`, its own clause giving an earlier day: that entry into force
    (tracker.domain.clock_words.basis_words says "the agreement's entry into force, ...:
    it consented to be bound before it": an instrument or a definitive signature)."""
    return Basis(ON_ENTRY_INTO_FORCE, in_force_on, (party,))


def _bounded(
    clause: Clause,
    acts: Sequence[Act],
    parties: Sequence[str],
    later: Clause | None,
    overall: Computed,
) -> dict[str, Computed]:
    """Per Party, what is certain when an Nth-instrument clause's date is not known (an
    instrument recorded without its date) but bounded: `overall.at_latest` is the Nth dated
    instrument, on or after the real Nth (h16d #1).

    - a Party whose own act is dated after that bound cannot be among the first N: it
      joins later, bound on the date `later` (without it, `clause` from its own act) fixes
      from its own act, when that is on or after `overall.on_or_before` (never before the
      agreement's own day, which cannot be later); otherwise on or before that day;
    - a Party whose own act is dated on or before the bound: on or before the later of
      `overall.on_or_before` and its own date under `later` (it may be among the first N);
    - a Party whose own act has no date: not known (the agreement's overall undated list);
    - a Party with no consent recorded: not yet (`no_consent`), nothing to compute.
    """
    if overall.at_latest is None or overall.on_or_before is None:
        return {p: overall for p in parties}
    latest_event, latest_on = overall.at_latest.event_on, overall.on_or_before
    own_clause = later or Clause(clause.mode, Anchor.OWN_INSTRUMENT, clause.offset, clause.unit)
    result: dict[str, Computed] = {}
    kinds = _consent_kinds(clause)
    for party in parties:
        joined_on, undated = _own_consent(acts, party, kinds)
        if joined_on is None:
            result[party] = (
                Computed(on=None, undated=(party,))
                if undated
                else Computed(on=None, no_consent=True)
            )
            continue
        own = Basis(own_clause, joined_on, (party,), _own_act(acts, party, kinds, joined_on))
        own_on = apply(own_clause, joined_on)
        if joined_on > latest_event and own_on >= latest_on:
            result[party] = Computed(on=own_on, basis=own)
        elif own_on == latest_on and apply(clause, joined_on) >= latest_on:
            # among the first N, its date is the clause from the Nth instrument, on or
            # after its own and on or before the bound: the bound itself; joining later,
            # its own date, the bound too: every order gives the same date (h16f #2)
            result[party] = Computed(on=own_on, basis=own)
        elif own_on > latest_on:
            result[party] = replace(overall, at_latest=own)
        else:
            result[party] = overall
    return result
