"""A final clause in words, and the rules on which events it may count from: the labels a
form offers (purposes, modes, events, units), why a clause cannot serve a purpose, and its
sentence as a final clause says it ("on the first day of the second month following the last
notification of completed procedures"). Pure: no Flask, no session. Messages are translated
when shown (tracker.domain.messages).
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.domain.clocks import Anchor, Basis, Clause, Mode, Purpose, Unit
from tracker.domain.messages import N_, Message, Names, Nth, counted_message

#: the events each purpose may count from (the initial term from entry into force, a
#: renewal from the end of the term before it, a notice or a denunciation from its own
#: notification)
ANCHORS_FOR: Mapping[Purpose, tuple[Anchor, ...]] = {
    Purpose.ENTRY_INTO_FORCE: (
        Anchor.LAST_NOTIFICATION,
        Anchor.NTH_INSTRUMENT,
        Anchor.NTH_CONSENT,
        Anchor.SIGNATURE,
    ),
    Purpose.INITIAL_TERM: (Anchor.ENTRY_INTO_FORCE,),
    Purpose.RENEWAL: (Anchor.END_OF_TERM,),
    Purpose.NOTICE_OF_NON_RENEWAL: (Anchor.NOTIFICATION, Anchor.END_OF_TERM),
    Purpose.DENUNCIATION_EFFECT: (Anchor.NOTIFICATION, Anchor.END_OF_TERM),
    Purpose.ENTRY_INTO_FORCE_FOR_LATER: (Anchor.OWN_INSTRUMENT,),
}

PURPOSE_LABELS = {
    Purpose.ENTRY_INTO_FORCE: N_("Entry into force"),
    Purpose.INITIAL_TERM: N_("Initial term"),
    Purpose.RENEWAL: N_("Tacit renewal"),
    Purpose.NOTICE_OF_NON_RENEWAL: N_("Notice of non-renewal"),
    Purpose.DENUNCIATION_EFFECT: N_("Denunciation takes effect"),
    Purpose.ENTRY_INTO_FORCE_FOR_LATER: N_("Entry into force for a Party that joins later"),
}
MODE_LABELS = {
    Mode.ON: N_("On the date of the event"),
    Mode.AFTER: N_("A period after the event"),
    Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING: N_("The first day of the Nth month following"),
    Mode.FIRST_DAY_OF_MONTH_AFTER_PERIOD: N_(
        "The first day of the month following the expiry of a period"
    ),
    Mode.BEFORE: N_("A period before the end of the term"),
}
#: the purposes whose notice may be given a period before the end of the term
COUNTING_BACK = (Purpose.NOTICE_OF_NON_RENEWAL, Purpose.DENUNCIATION_EFFECT)
#: the events as a form offers them
ANCHOR_LABELS = {
    Anchor.SIGNATURE: N_("Signature"),
    Anchor.LAST_NOTIFICATION: N_("Last notification of completed procedures"),
    Anchor.NTH_INSTRUMENT: N_("Deposit of the Nth instrument"),
    Anchor.NTH_CONSENT: N_("Consent of the Nth Party to be bound"),
    Anchor.ENTRY_INTO_FORCE: N_("Entry into force"),
    Anchor.END_OF_TERM: N_("End of the previous term"),
    Anchor.NOTIFICATION: N_("Notification"),
    Anchor.OWN_INSTRUMENT: N_("Deposit of its own instrument"),
}
#: the events as a clause's sentence names them ("one year after entry into force"); a
#: translation gives the form its sentences need (in Russian the genitive: «после
#: вступления в силу»)
EVENT_WORDS = {
    Anchor.SIGNATURE: N_("signature"),
    Anchor.LAST_NOTIFICATION: N_("the last notification of completed procedures"),
    #: a clause says which: "the deposit of the third instrument" (event_words)
    Anchor.NTH_INSTRUMENT: N_("the deposit of the Nth instrument"),
    #: "the third Party's consent to be bound" (event_words): an instrument or a
    #: definitive signature
    Anchor.NTH_CONSENT: N_("the Nth Party's consent to be bound"),
    Anchor.ENTRY_INTO_FORCE: N_("entry into force"),
    Anchor.END_OF_TERM: N_("the end of the previous term"),
    Anchor.NOTIFICATION: N_("the notification"),
    Anchor.OWN_INSTRUMENT: N_("the deposit of its own instrument"),
}
UNIT_LABELS = {Unit.DAYS: N_("days"), Unit.MONTHS: N_("months"), Unit.YEARS: N_("years")}


def rule_refusal(purpose: Purpose, clause: Clause) -> Message | None:
    """Why `clause` cannot serve `purpose` (an event it may not count from; a term that is
    not a period), or None."""
    if clause.anchor not in ANCHORS_FOR[purpose]:
        allowed = {f"event{i}": Message(EVENT_WORDS[a]) for i, a in enumerate(ANCHORS_FOR[purpose])}
        return Message(
            "This clause cannot count from %(anchor)s; choose one of: %(anchors)s.",
            anchor=event_words(clause),
            # a list of sentences, each told in the reader's language
            anchors=Message(_listed(allowed), **allowed),
        )
    back = clause.mode is Mode.BEFORE
    if back != (purpose in COUNTING_BACK and clause.anchor is Anchor.END_OF_TERM):
        return Message(
            "Notice counts back from the end of the term: choose “A period before the end "
            "of the term” with “the end of the previous term”, for notice of non-renewal or "
            "a denunciation only."
        )
    periods = (Purpose.INITIAL_TERM, Purpose.RENEWAL)
    if purpose in periods and (clause.mode is not Mode.AFTER or clause.offset < 1):
        return Message("A term is a period: choose “a period after the event” of 1 or more.")
    return None


def _listed(names: Mapping[str, object]) -> str:
    """A template that lists its values, each in the reader's language."""
    return ", ".join(f"%({name})s" for name in names)


def event_words(clause: Clause) -> Message:
    """The clause's event in words ("the deposit of the third instrument")."""
    if clause.anchor is Anchor.NTH_INSTRUMENT:
        return Message("the deposit of the %(nth)s instrument", nth=Nth(clause.nth or 1))
    if clause.anchor is Anchor.NTH_CONSENT:
        return Message("the %(nth)s Party's consent to be bound", nth=Nth(clause.nth or 1))
    return Message(EVENT_WORDS[clause.anchor])


def period_words(offset: int, unit: Unit) -> Message:
    """A period in words, its noun agreeing with the number: "one year", "5 years"."""
    if unit is Unit.DAYS:
        return counted_message("one day", "%(num)s days", num=offset)
    if unit is Unit.MONTHS:
        return counted_message("one month", "%(num)s months", num=offset)
    return counted_message("one year", "%(num)s years", num=offset)


def clause_words(clause: Clause, event: Message | None = None) -> Message:
    """The clause in words, as a final clause says it, without its event's date: "on the
    first day of the second month following the last notification of completed
    procedures", "one year after entry into force"; `event` in place of the clause's own
    (the act a Party's own clause counted from: basis_words)."""
    event = event if event is not None else event_words(clause)
    if clause.mode is Mode.ON:
        return Message("on the date of %(event)s", event=event)
    if clause.mode is Mode.FIRST_DAY_OF_NTH_MONTH_FOLLOWING:
        return Message(
            "on the first day of the %(nth)s month following %(event)s",
            nth=Nth(clause.offset),
            event=event,
        )
    period = period_words(clause.offset, clause.unit)
    if clause.mode is Mode.BEFORE:  # only from the end of the term (rule_refusal)
        return Message("%(period)s before the end of the term", period=period)
    if clause.mode is Mode.AFTER:
        return Message("%(period)s after %(event)s", period=period, event=event)
    return Message(
        "on the first day of the month following the expiry of a period of %(period)s after "
        "%(event)s",
        period=period,
        event=event,
    )


def basis_words(basis: Basis) -> Message:
    """Why a computed date is what it is: "on the first day of the second month following
    the last notification of completed procedures, 15 Jan 2020"; for a Party joining later
    whose instrument came before the agreement's entry into force (its basis
    tracker.domain.joining.joined_before), "the agreement's entry into force, 10 Apr 2025:
    its instrument was deposited before it"."""
    if basis.clause.anchor is Anchor.ENTRY_INTO_FORCE and basis.clause.mode is Mode.ON:
        # its consent may be an instrument or a definitive signature (h16m #3c)
        return Message(
            "the agreement's entry into force, %(event_on)s: it consented to be bound before it",
            event_on=basis.event_on,
        )
    return Message(
        "%(clause)s, %(event_on)s", clause=basis_clause_words(basis), event_on=basis.event_on
    )


def basis_clause_words(basis: Basis) -> Message:
    """The clause of `basis` in words (clause_words), its event the act it counted from
    when that is a Party's own act but no instrument ("on the date of its definitive
    signature", not "... of the deposit of its own instrument": Basis.act)."""
    own = OWN_ACT_WORDS.get(basis.act) if basis.clause.anchor is Anchor.OWN_INSTRUMENT else None
    return clause_words(basis.clause, Message(own) if own else None)


#: a Party's own act that is no instrument, as a basis names it in place of "the deposit
#: of its own instrument" (Basis.act: a Party bound by its definitive signature deposits
#: nothing; h16m #3c)
OWN_ACT_WORDS = {
    "signature": N_("its definitive signature"),
    "notification_of_completion": N_("its notification of completed procedures"),
}


def awaited_words(anchor: Anchor | None, parties: Names) -> Message:
    """What a date still waits for, and from whom, per the anchor of the clause that
    counts their acts (h16m #3d): "waiting for the notification of completed procedures
    of: Türkiye", "... the instrument of: ...", "... the consent to be bound of: ..."
    (an instrument or a definitive signature), "... the signature of: ..."."""
    if anchor is Anchor.LAST_NOTIFICATION:
        return Message(
            "waiting for the notification of completed procedures of: %(parties)s",
            parties=parties,
        )
    if anchor is Anchor.NTH_CONSENT:
        return Message("waiting for the consent to be bound of: %(parties)s", parties=parties)
    if anchor is Anchor.SIGNATURE:
        return Message("waiting for the signature of: %(parties)s", parties=parties)
    return Message("waiting for the instrument of: %(parties)s", parties=parties)
