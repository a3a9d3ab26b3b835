"""Page models of the negotiating text (issue 17): the text at a round or now with its
brackets read, the comparison of two rounds, the before-round brief, the progress chart.

The caller has read the track through the gate (tracker.services.gate.get_track); the
positions are added for the team only, and reading them is audited
(tracker.services.positions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain import brackets, footnotes
from tracker.domain.provisions import UNSETTLED, Progress, brackets_remaining, languages_held
from tracker.domain.sides import Sides
from tracker.models import Milestone, NegotiationTrack, Position, Provision
from tracker.services import positions as position_service
from tracker.services import text_rounds
from tracker.services.provisions import rounds_of
from tracker.services.sides import sides_of
from tracker.services.text_refs import Link, ReferenceIndex, index_of, links_in, stale_links
from tracker.services.text_rounds import ProvisionState
from tracker.services.visibility import Reader, may_see_positions


@dataclass(frozen=True)
class Piece:
    """A run of a segment's text: plain, a cross-reference (`link`), or a footnote's
    marker (`footnote`: its number)."""

    text: str
    link: Link | None = None
    footnote: str | None = None


@dataclass(frozen=True)
class Run:
    """A bracket segment with its pieces, and whose proposal it is ("ours", "theirs",
    "stranger": naming a Party not on the track, None: plain, or our side not set)."""

    segment: brackets.Segment
    pieces: list[Piece]
    side: str | None = None


@dataclass(frozen=True)
class LanguageText:
    """One language version, read: its runs (None when its brackets cannot be read,
    which only a text stored before the check could be) and per-Party bracket counts."""

    language: str
    raw: str
    runs: list[Run] | None
    by_party: dict[str | None, int]
    #: the footnotes, in order: (number, note)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def strangers(self) -> str:
        """The names, joined, by which its brackets name a Party not on the track ("US"):
        warned about on the page; "" when none."""
        found: list[str] = []
        for run in self.runs or []:
            if run.segment.stranger and run.segment.stranger not in found:
                found.append(run.segment.stranger)
        return ", ".join(found)

    @property
    def segments(self) -> list[brackets.Segment] | None:
        return None if self.runs is None else [r.segment for r in self.runs]


@dataclass(frozen=True)
class Reached:
    """When a provision's status was reached, as a page says it: `how` is "at" a round
    held, "ahead" of a round not yet held (in progress or planned), or "after" the last
    round held before `day` (`round` None: before any round); `day` if known."""

    how: str
    round: Milestone | None
    day: date | None


def reached_of(state: ProvisionState, rounds: list[Milestone]) -> Reached | None:
    """When the state's status was reached (tracker.services.provisions
    .round_for_new_status stamps it), or None when nothing is known."""
    if state.status_round_id is not None:
        stamped = next((r for r in rounds if r.id == state.status_round_id), None)
        if stamped is None:
            return None
        how = "at" if stamped.done_on is not None else "ahead"
        return Reached(how, stamped, state.status_reached_on)
    if state.status_reached_on is None:
        return None
    held = [r for r in rounds if r.done_on is not None and r.done_on <= state.status_reached_on]
    last = max(held, key=lambda r: r.done_on, default=None)  # type: ignore[arg-type,return-value]
    return Reached("after", last, state.status_reached_on)


@dataclass(frozen=True)
class TextRow:
    state: ProvisionState
    languages: list[LanguageText]
    position: Position | None = None
    #: references in its text that renumbering made wrong
    stale_references: list[Link] = field(default_factory=list)
    #: when its status was reached
    reached: Reached | None = None


@dataclass
class TextPage:
    track: NegotiationTrack
    #: the round shown (None: the text as it is now)
    round: Milestone | None
    rows: list[TextRow]
    rounds: list[Milestone]
    frozen: list[Milestone]
    team: bool
    progress: list[tuple[Milestone | None, Progress]] = field(default_factory=list)
    sides: Sides = field(default_factory=lambda: Sides(""))

    @property
    def bracket_total(self) -> int:
        """The bracketed passages remaining in the text shown (a deleted provision's
        are not: tracker.domain.provisions.brackets_remaining)."""
        return brackets_remaining((r.state.status, r.state.bracket_count) for r in self.rows)

    @property
    def bars(self) -> list[Bar]:
        """The progress chart's bars, per round."""
        return chart_bars(self.progress)

    @property
    def languages(self) -> list[str]:
        """The languages the text shown holds (LANGUAGES order; English when none): the
        choices of its Word exports."""
        return languages_held(r.state.texts for r in self.rows) or ["en"]


def _plain(text: str) -> list[Piece]:
    """Plain text with its footnote markers as pieces of their own."""
    pieces, at = [], 0
    for marker in footnotes.MARKER.finditer(text):
        if marker.start() > at:
            pieces.append(Piece(text[at : marker.start()]))
        pieces.append(Piece(marker.group(1), footnote=marker.group(1)))
        at = marker.end()
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def _pieces(text: str, links: list[Link]) -> list[Piece]:
    pieces, at = [], 0
    for link in links:
        pieces.extend(_plain(text[at : link.reference.start]))
        pieces.append(Piece(text[link.reference.start : link.reference.end], link))
        at = link.reference.end
    pieces.extend(_plain(text[at:]))
    return pieces


def read_language(
    language: str,
    raw: str,
    *,
    sides: Sides | None = None,
    tied: dict[str, str] | None = None,
    index: ReferenceIndex | None = None,
) -> LanguageText:
    """A language version read into runs: brackets (with whose proposal each is, given
    `sides`: a party of the track named in any of its names, tracker.domain.sides.Sides
    .names; a Party of the register not on the track is a "stranger"), footnote markers
    and, given an `index` of the text, cross-references as links; its footnotes apart, in
    order."""
    split = footnotes.split(raw)
    sides = sides or Sides("")
    try:
        segments = brackets.parse(split.body, sides.names, others=sides.others)
        by_party = brackets.by_party(raw, sides.names)
    except brackets.BracketError:
        return LanguageText(language, raw, None, {})
    runs = [
        Run(
            segment,
            _pieces(segment.text, links_in(segment.text, tied or {}, index) if index else []),
            "stranger" if segment.stranger else sides.of(segment.party),
        )
        for segment in segments
    ]
    return LanguageText(language, raw, runs, by_party, list(split.notes.items()))


def provision_languages(provision: Provision) -> list[LanguageText]:
    """A provision's text as it stands, each language read (brackets, footnotes,
    cross-references), as the text's page shows it: for the page of its positions."""
    track = provision.track
    now = text_rounds.text_at(track, None)
    [state] = [s for s in now if s.provision_id == provision.id]
    [row] = _rows([state], {}, sides_of(track), index_of(now), [])
    return row.languages


def _rows(
    states: list[ProvisionState],
    found: dict[int, Position],
    sides: Sides,
    index: ReferenceIndex,
    rounds: list[Milestone],
) -> list[TextRow]:
    return [
        TextRow(
            state,
            [
                read_language(lang, raw, sides=sides, tied=state.cross_references, index=index)
                for lang, raw in sorted(state.texts.items())
            ],
            found.get(state.provision_id),
            stale_links(state.texts, state.cross_references, index),
            reached_of(state, rounds),
        )
        for state in states
    ]


def text_page(reader: Reader, track: NegotiationTrack, round_: Milestone | None) -> TextPage:
    """The text at `round_` (None: now), with the progress per round. No positions here:
    they are on each provision's positions page and on the brief (team only)."""
    states = text_rounds.text_at(track, round_)
    sides = sides_of(track)
    rounds = rounds_of(track)
    return TextPage(
        track=track,
        round=round_,
        rows=_rows(states, {}, sides, index_of(states), rounds),
        rounds=rounds,
        frozen=text_rounds.frozen_rounds(track),
        team=may_see_positions(reader, track),
        progress=text_rounds.progress_by_round(track),
        sides=sides,
    )


def next_round(track: NegotiationTrack) -> Milestone | None:
    """The first round not yet held (and not cancelled), else the last one."""
    rounds = rounds_of(track)
    upcoming = [r for r in rounds if r.is_open]
    if upcoming:
        return upcoming[0]
    return rounds[-1] if rounds else None


def brief_page(reader: Reader, track: NegotiationTrack, round_: Milestone) -> TextPage:
    """Before a round: the open (or parked) provisions now, with the positions recorded
    for that round (our fallback beside each). Team only: raises gate.NotFound for anyone
    else; the read is audited."""
    found = position_service.positions_at(reader, track, round_)
    now = text_rounds.text_at(track, None)
    states = [s for s in now if s.status in UNSETTLED]
    sides = sides_of(track)
    rounds = rounds_of(track)
    return TextPage(
        track=track,
        round=round_,
        rows=_rows(states, found, sides, index_of(now), rounds),
        rounds=rounds,
        frozen=text_rounds.frozen_rounds(track),
        team=True,
        sides=sides,
    )


# --- the progress chart ------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One round's bar: heights and offsets in the chart's units (0-100)."""

    label: str
    round: Milestone | None
    progress: Progress
    x: int
    agreed_height: int
    open_height: int


#: the chart's sizes, in its units, drawn one to a CSS pixel (templates/texts/_progress_chart.html)
CHART_HEIGHT = 100
BAR_WIDTH = 32
BAR_GAP = 20
#: the size of its words: 13 px wherever it is shown, readable on a phone
CHART_FONT = 13


def chart_bars(progress: list[tuple[Milestone | None, Progress]]) -> list[Bar]:
    """Stacked bars (agreed below, open above) per round, scaled to the tallest."""
    tallest = max((p.agreed + p.open for _r, p in progress), default=0) or 1
    bars = []
    for i, (round_, p) in enumerate(progress):
        bars.append(
            Bar(
                label=p.label,
                round=round_,
                progress=p,
                x=BAR_GAP + i * (BAR_WIDTH + BAR_GAP),
                agreed_height=round(CHART_HEIGHT * p.agreed / tallest),
                open_height=round(CHART_HEIGHT * p.open / tallest),
            )
        )
    return bars
