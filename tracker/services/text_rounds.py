"""The negotiating text at a round, and between two rounds (issue 17): the text as it
stood after round N, the word-level redline per provision, the provisions whose status,
text or brackets changed, "still open since round N", and the progress per round.

A state of the text is either a frozen round (tracker.models.ProvisionVersion rows) or
"now" (the provisions as they are). The redline is tracker.domain.redline (stdlib difflib,
autojunk off). The caller has read the track through the gate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from tracker.domain import brackets, redline
from tracker.domain.messages import N_
from tracker.domain.provisions import (
    UNSETTLED,
    Progress,
    ProvisionKind,
    ProvisionStatus,
    progress,
)
from tracker.domain.rounds import shown_title
from tracker.domain.sides import Sides
from tracker.models import Milestone, NegotiationTrack, Provision, ProvisionVersion
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.provisions import provisions_of, rounds_of
from tracker.services.sides import sides_of
from tracker.services.text_refs import Link, index_of, stale_links
from tracker.services.text_versions import frozen_round_ids, has_frozen_version


@dataclass(frozen=True)
class ProvisionState:
    """One provision as it stood in one state of the text."""

    provision_id: int
    key: str
    kind: ProvisionKind
    number: str
    position: int
    title: str
    texts: dict[str, str]
    bracket_count: int
    status: ProvisionStatus
    status_round_id: int | None
    #: the references of its text tied to provision keys, as they were in that state
    cross_references: dict[str, str] = field(default_factory=dict)
    #: the day the status was reached, if known (rows written before it was kept: None)
    status_reached_on: date | None = None

    @property
    def heading(self) -> str:
        return f"{self.kind.label} {self.number}".strip()


def _state(source: Provision | ProvisionVersion, provision: Provision) -> ProvisionState:
    tied = source.cross_references
    if tied is None:  # a version frozen before its references were kept
        tied = provision.cross_references
    return ProvisionState(
        provision_id=provision.id,
        key=provision.key,
        kind=source.kind,
        number=source.number,
        position=source.position,
        title=source.title,
        texts=dict(source.texts),
        bracket_count=source.bracket_count,
        status=source.status,
        status_round_id=source.status_round_id,
        cross_references=dict(tied or {}),
        status_reached_on=source.status_reached_on,
    )


def frozen_rounds(track: NegotiationTrack) -> list[Milestone]:
    """The track's rounds whose text is frozen, in order."""
    frozen = frozen_round_ids(track)
    return [r for r in rounds_of(track) if r.id in frozen]


#: a round asked for whose text is not frozen: it has no text "as it stood after" it
NOT_HELD = N_("%(round)s has not been held: its text is not frozen.")


class RoundNotHeld(ServiceError):
    """The text after a round not yet held (planned, in progress, or cancelled before it
    was held) was asked for: there is none to show. Pages and the API answer it 404."""


def held(round_: Milestone | None) -> Milestone | None:
    """`round_` if its text is frozen (or None: the text now). Raises RoundNotHeld for a
    round whose text is not frozen, naming it ("Round 3 has not been held: ...")."""
    if round_ is None or has_frozen_version(round_):
        return round_
    name = shown_title(round_.title or "", is_round=True, number=round_.number)
    raise RoundNotHeld(NOT_HELD, round=name or f"#{round_.id}")


def text_at(track: NegotiationTrack, round_: Milestone | None) -> list[ProvisionState]:
    """The text as it stood after `round_` (None: as it is now), in the text's order.
    A round whose text was never frozen has no provisions."""
    if round_ is None:
        states = [_state(p, p) for p in provisions_of(track)]
    else:
        rows = db.session.execute(
            select(ProvisionVersion, Provision)
            .join(Provision, Provision.id == ProvisionVersion.provision_id)
            .where(Provision.track_id == track.id, ProvisionVersion.round_id == round_.id)
        ).all()
        states = [_state(version, provision) for version, provision in rows]
    return sorted(states, key=lambda s: (s.position, s.provision_id))


def text_for(track: NegotiationTrack, round_: Milestone | None) -> list[ProvisionState]:
    """The text a round's papers show: as frozen at `round_` once it is completed, else
    (a round still to come, or None) as it is now."""
    if round_ is not None and has_frozen_version(round_):
        return text_at(track, round_)
    return text_at(track, None)


@dataclass(frozen=True)
class MarkedRun:
    """A part of a redline with its bracket marked (`piece.bracketed`) and whose proposal
    that bracket is: "ours", "theirs", or None (plain, or our side not set)."""

    piece: redline.MarkedPiece
    side: str | None = None


@dataclass(frozen=True)
class LanguageRedline:
    language: str
    pieces: list[redline.Piece]
    #: the pieces cut where brackets start and end, each part marked (the comparison page
    #: highlights brackets inside the redline, as the text's pages do)
    marked: list[MarkedRun] = field(default_factory=list)

    @property
    def changes(self) -> list[tuple[redline.Change, list[MarkedRun]]]:
        """The marked parts grouped as the redline's pieces run: each deletion or
        insertion once, with the parts (bracketed or not) it holds."""
        groups: list[tuple[redline.Change, list[MarkedRun]]] = []
        for run in self.marked:
            if groups and groups[-1][0] is run.piece.change:
                groups[-1][1].append(run)
            else:
                groups.append((run.piece.change, [run]))
        return groups


def _spans(text: str, sides: Sides) -> list[brackets.Span]:
    """The text's bracketed passages; none for a text whose brackets cannot be read
    (only one stored before they were checked)."""
    try:
        return brackets.spans(text, sides.names)
    except brackets.BracketError:
        return []


def _marked(before: str, after: str, pieces: list[redline.Piece], sides: Sides) -> list[MarkedRun]:
    """The redline of the typed texts, cut and marked at their brackets, each part as the
    reader sees it: a literal bracket without its backslash (brackets.shown)."""
    return [
        MarkedRun(
            replace(part, text=brackets.shown(part.text)),
            sides.of(part.party) if part.bracketed else None,
        )
        for part in redline.marked(pieces, _spans(before, sides), _spans(after, sides))
    ]


@dataclass
class ComparedProvision:
    """One provision between two states: `before`/`after` None where it did not exist."""

    before: ProvisionState | None
    after: ProvisionState | None
    redlines: list[LanguageRedline] = field(default_factory=list)
    text_changed: bool = False
    status_changed: bool = False
    #: its bracketed passages differ in some language (their number, words or Party)
    brackets_changed: bool = False
    #: the most bracketed passages, in any one language, no longer in the later text
    #: (settled, or reworded) and new in it
    brackets_gone: int = 0
    brackets_new: int = 0
    #: the round since which it has been open without a break (None: not open, or new)
    open_since: Milestone | None = None
    #: references in its text (after) that renumbering made wrong
    stale_references: list[Link] = field(default_factory=list)

    @property
    def current(self) -> ProvisionState:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def renumbered(self) -> bool:
        """Whether its kind or number changed between the two states (its key did not)."""
        return bool(self.before and self.after) and (
            (self.before.kind, self.before.number) != (self.after.kind, self.after.number)
        )

    @property
    def changed(self) -> bool:
        return self.text_changed or self.status_changed or self.brackets_changed or self.renumbered


@dataclass
class Comparison:
    before: Milestone | None
    after: Milestone | None
    provisions: list[ComparedProvision]

    @property
    def changed(self) -> list[ComparedProvision]:
        return [p for p in self.provisions if p.changed]

    @property
    def still_open(self) -> list[ComparedProvision]:
        return [p for p in self.provisions if p.after and p.after.status in UNSETTLED]


def _passages(text: str, sides: Sides) -> Counter[tuple[str | None, str]]:
    """The text's bracketed passages as (proposing Party, words as read), counted; a text
    whose brackets cannot be read (only one stored before they were checked) is one
    passage of itself, so that any change of it counts."""
    try:
        segments = brackets.parse(text, sides.names)
    except brackets.BracketError:
        return Counter({(None, text): 1})
    return Counter((s.party, s.text) for s in segments if s.bracketed)


def _compare_one(
    before: ProvisionState | None, after: ProvisionState | None, sides: Sides
) -> ComparedProvision:
    row = ComparedProvision(before, after)
    old = before.texts if before else {}
    new = after.texts if after else {}
    for language in sorted(set(old) | set(new)):
        a, b = old.get(language, ""), new.get(language, "")
        # the redline of the typed texts (the brackets' places are known there), each
        # piece shown as the reader sees it: a literal bracket without its backslash
        pieces = redline.redline(a, b)
        shown = [replace(piece, text=brackets.shown(piece.text)) for piece in pieces]
        row.redlines.append(LanguageRedline(language, shown, _marked(a, b, pieces, sides)))
        row.text_changed |= redline.changed(a, b)
        # a bracket settled and another opened leave their number as it was: the
        # passages themselves are compared, in a language both states hold (a translation
        # added or taken away is no bracket opened or settled: bracket_count's rule)
        if before and after and not (a.strip() and b.strip()):
            continue
        was, now = _passages(a, sides), _passages(b, sides)
        row.brackets_gone = max(row.brackets_gone, (was - now).total())
        row.brackets_new = max(row.brackets_new, (now - was).total())
    row.status_changed = (before.status if before else None) != (after.status if after else None)
    row.brackets_changed = bool(row.brackets_gone or row.brackets_new) or (
        (before.bracket_count if before else 0) != (after.bracket_count if after else 0)
    )
    return row


def _open_since(track: NegotiationTrack, upto: Milestone | None) -> dict[int, Milestone | None]:
    """Provision id -> the first round of its latest unbroken run of open (or parked)
    states among the frozen rounds up to `upto` (all of them for "now")."""
    rounds = frozen_rounds(track)
    if upto is not None:
        rounds = rounds[: next((i + 1 for i, r in enumerate(rounds) if r.id == upto.id), 0)]
    since: dict[int, Milestone | None] = {}
    for round_ in rounds:
        seen = set()
        for state in text_at(track, round_):
            seen.add(state.provision_id)
            if state.status in UNSETTLED:
                since.setdefault(state.provision_id, round_)
            else:
                since.pop(state.provision_id, None)
        for gone in set(since) - seen:
            since.pop(gone)
    return since


def compare(
    track: NegotiationTrack, before: Milestone | None, after: Milestone | None
) -> Comparison:
    """The text after `before` against the text after `after` (None: now)."""
    old = {s.provision_id: s for s in text_at(track, before)}
    new_states = text_at(track, after)
    new = {s.provision_id: s for s in new_states}
    order = [s.provision_id for s in new_states] + [i for i in old if i not in new]
    since = _open_since(track, after)
    index = index_of(new_states)
    sides = sides_of(track)
    rows = []
    for provision_id in order:
        row = _compare_one(old.get(provision_id), new.get(provision_id), sides)
        if row.after:
            row.stale_references = stale_links(row.after.texts, row.after.cross_references, index)
        if row.after and row.after.status in UNSETTLED:
            row.open_since = since.get(provision_id)
        rows.append(row)
    return Comparison(before, after, rows)


def progress_by_round(
    track: NegotiationTrack,
    *,
    provisions: list[Provision] | None = None,
    rounds: list[Milestone] | None = None,
) -> list[tuple[Milestone | None, Progress]]:
    """Per frozen round, then now: provisions agreed, open, and brackets remaining.

    `provisions` (provisions_of's) and `rounds` (rounds_of's, or rounds_among the track's
    milestones) when the caller has read them already. The frozen versions of every round
    are read in one statement, whatever the number of rounds (issue 19); a round is shown
    when its text is frozen, as frozen_rounds says."""
    frozen: dict[int, list[tuple[ProvisionStatus, int]]] = defaultdict(list)
    for round_id, status, bracket_count in db.session.execute(
        select(ProvisionVersion.round_id, ProvisionVersion.status, ProvisionVersion.bracket_count)
        .join(Provision, Provision.id == ProvisionVersion.provision_id)
        .where(Provision.track_id == track.id)
    ):
        frozen[round_id].append((status, bracket_count))
    rounds = rounds if rounds is not None else rounds_of(track)
    now = provisions if provisions is not None else provisions_of(track)
    found: list[tuple[Milestone | None, Progress]] = [
        (round_, progress(round_.display_title, frozen[round_.id]))
        for round_ in rounds
        if round_.id in frozen
    ]
    found.append((None, progress("now", [(p.status, p.bracket_count) for p in now])))
    return found
