"""An act's second date against its first, an end of provisional application against
the Party's provisional application, and a second consent to be bound by one Party
(issue 16, h16k #1 and #3; the same idea as tracker.domain.objection_dates and
withdrawal_dates).

- An act with a second date (``effective_on``: a provisional application "until", a
  denunciation or withdrawal "takes effect on") cannot have it before its own date: the
  schema refuses it at every door (tracker.schemas.party_actions), and one already stored
  is flagged here (`second_date_contradictions`).
- Provisional application ends (VCLT Art. 25(2)) only where it began: an end of
  provisional application needs a provisional application by its Party that started on
  or before it (`unstarted_end`). One dated before every start, or with no provisional
  application recorded at all, is refused by the form, the Parties table, the API and
  the acts file, and flagged when stored. (An end with no start at all is flagged by
  tracker.domain.act_order; here it is refused.)
- A Party expresses its consent to be bound once (VCLT Arts. 11-16): a second
  ratification, acceptance, approval, accession or definitive signature by the same Party
  is flagged, unless a denunciation or withdrawal of that Party took effect between the
  two (it left, then joined again). A ratification (acceptance, approval) beside an
  accession is tracker.domain.act_order's flag, not repeated here.

**Unknown is not a contradiction** (issue 16): an undated end, or a Party with an undated
provisional application, is neither refused nor flagged for its date; two consents of
which one is undated are flagged only when the Party has no denunciation or withdrawal at
all (then nothing can lie between them).

Pure functions: dates in, Messages out; the services read the acts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from tracker.domain.clocks import Act
from tracker.domain.messages import Message
from tracker.domain.party_actions import INSTRUMENTS, LEAVING, ActionKind, Contradiction

#: the acts by which a Party consents to be bound, once (h16k #3): not the notification
#: of completed procedures, which accompanies an instrument in a bilateral agreement
ONCE = INSTRUMENTS | {ActionKind.SIGNATURE}
#: ratification, acceptance, approval beside accession: tracker.domain.act_order flags it
_CONFIRMING = INSTRUMENTS - {ActionKind.ACCESSION}

NO_START = "no_start"
BEFORE_START = "before_start"


def unstarted_end(on: date | None, starts: Sequence[date | None]) -> str | None:
    """NO_START when an end of provisional application of `on` (None: not recorded) has
    no provisional application of its Party at all (`starts`: their dates), BEFORE_START
    when it is dated before every one of them, None when neither is known to be so (an
    undated end or start)."""
    if not starts:
        return NO_START
    if on is None or any(day is None for day in starts):
        return None
    return BEFORE_START if all(day is not None and day > on for day in starts) else None


def end_refusal(party: str, on: date | None, starts: Sequence[date | None]) -> Message | None:
    """The refusal (field "on") of an end of provisional application of `on` by `party`
    (a PartyName), its Party's provisional applications being `starts`, or None."""
    fault = unstarted_end(on, starts)
    if fault == NO_START:
        return Message(
            "An end of provisional application needs a provisional application by "
            "%(party)s: none is recorded.",
            party=party,
        )
    if fault == BEFORE_START:
        return Message(
            "An end of provisional application cannot be dated before the provisional "
            "application of %(party)s started (%(started_on)s).",
            party=party,
            started_on=min(day for day in starts if day is not None),
        )
    return None


def end_contradictions(
    party: str, starts: Sequence[date | None], ends: Iterable[date | None]
) -> list[Contradiction]:
    """A Party's stored ends of provisional application (their dates) dated before every
    provisional application of that Party (`starts`), for the consistency panel (an end
    with no start at all: tracker.domain.act_order)."""
    found = []
    for on in ends:
        if starts and unstarted_end(on, starts) == BEFORE_START:
            message = Message(
                "%(party)s: end of provisional application of %(on)s, before its provisional "
                "application started on %(started_on)s.",
                party=party,
                on=on,
                started_on=min(day for day in starts if day is not None),
            )
            found.append(Contradiction(party, message))
    return found


def second_date_contradictions(acts: Iterable[Act]) -> list[Contradiction]:
    """The stored acts whose second date (`takes_effect_on`: until, takes effect on) is
    before their own date, for the consistency panel."""
    return [
        Contradiction(
            act.party,
            Message(
                "%(party)s: %(act)s of %(on)s is recorded to end or take effect on "
                "%(effective_on)s, before its own date.",
                party=act.party,
                act=ActionKind(act.kind),
                on=act.on,
                effective_on=act.takes_effect_on,
            ),
        )
        for act in acts
        if act.on is not None
        and act.takes_effect_on is not None
        and act.takes_effect_on < act.on
        and act.kind in {k.value for k in ActionKind}
    ]


def _left_between(leaving: Sequence[Act], first: Act, second: Act) -> bool | None:
    """True when one of `leaving` (the Party's denunciations and withdrawals) took effect
    between the two consents, False when none did, None when it is not known (a date not
    recorded)."""
    if not leaving:
        return False
    if first.on is None or second.on is None:
        return None
    unknown = False
    for act in leaving:
        effect = act.takes_effect_on or act.on
        if effect is None:
            unknown = True
        elif first.on <= effect <= second.on and (act.on is None or act.on >= first.on):
            return True
    return None if unknown else False


def second_consents(party: str, acts: Iterable[Act]) -> list[Contradiction]:
    """The Party's consents to be bound (ONCE) after its first, with no denunciation or
    withdrawal of it taking effect between (see the module's rules); dated first, undated
    last."""
    own = [a for a in acts if a.party == party]
    consents = sorted(
        (a for a in own if a.kind in ONCE),
        key=lambda a: (a.on is None, a.on or date.min, a.kind),
    )
    leaving = [a for a in own if a.kind in LEAVING]
    found = []
    for first, second in zip(consents, consents[1:], strict=False):
        if {first.kind, second.kind} & _CONFIRMING and ActionKind.ACCESSION in {
            first.kind,
            second.kind,
        }:
            continue  # tracker.domain.act_order's flag
        if _left_between(leaving, first, second) is not False:
            continue
        found.append(Contradiction(party, _second_consent(party, first, second)))
    return found


def _second_consent(party: str, first: Act, second: Act) -> Message:
    if first.on is None or second.on is None:
        return Message(
            "%(party)s: a second consent to be bound is recorded (%(act)s, besides "
            "%(first)s); a Party consents to be bound once, unless its denunciation or "
            "withdrawal took effect in between.",
            party=party,
            act=ActionKind(second.kind),
            first=ActionKind(first.kind),
        )
    return Message(
        "%(party)s: a second consent to be bound is recorded (%(act)s of %(on)s, after "
        "%(first)s of %(first_on)s); a Party consents to be bound once, unless its "
        "denunciation or withdrawal took effect in between.",
        party=party,
        act=ActionKind(second.kind),
        on=second.on,
        first=ActionKind(first.kind),
        first_on=first.on,
    )
