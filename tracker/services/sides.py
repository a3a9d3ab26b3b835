"""Our side and theirs on a track (issue 17): the installation's setting
(TRACKER_OUR_SIDE, a Party's short name such as "KZ" or "EU"), overridden by the track's
own, and the track's counterparts' short names. The rule is tracker.domain.sides."""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app
from sqlalchemy import select

from tracker.domain import brackets
from tracker.domain.messages import N_, Message
from tracker.domain.names import fold
from tracker.domain.sides import Sides, our_side, side_on_track
from tracker.models import NegotiationTrack, Party
from tracker.orm import db

#: the warning, on save, on the text's page and in a Word import's preview, of a bracket
#: naming nobody on the track: a Party not on it ("US") or a word written as a name that
#: is neither a Party nor a drafter's note ("Foo"; tracker.domain.brackets); the page's
#: own (templates/texts/_text.html) says the same
STRANGERS = N_(
    "Not a Party on this track: %(names)s. The bracket is kept as typed and counted as "
    "plain (open, proposed by no Party); correct the name, or add the Party to the "
    "track's counterparts."
)


def installation_side() -> str:
    """The installation's "our side" ("" when not set or not a short name)."""
    return our_side("", str(current_app.config.get("OUR_SIDE") or ""))


def installation_side_warning(track: NegotiationTrack | None) -> Message | None:
    """The warning, on a track's form, that the installation's side (TRACKER_OUR_SIDE),
    which the track follows while its own is empty, names no Party of the track: every
    Party's brackets would read as the other side's (issue 17 re-check, h17c #3). None
    when the track has its own side, the installation has none, or it is on the track."""
    side = installation_side()
    if track is None or (track.our_side or "").strip() or not side:
        return None
    if side_on_track(side, [p.short_name for p in track.counterparts]):
        return None
    return Message(
        N_(
            "The installation's side (%(side)s) is not a Party on this track: set our side "
            "on this track to one of its Parties."
        ),
        side=side,
    )


def sides_of(track: NegotiationTrack) -> Sides:
    """Our side on `track` (its own setting, else the installation's), its counterparts'
    short names (their names where they have none) with their full names as aliases, and
    the other Parties of the register (folded names) that a bracket may name by mistake."""
    ours = our_side(track.our_side or "", installation_side())
    theirs = tuple(p.short_name or p.name for p in track.counterparts)
    aliases = tuple((p.name, p.short_name) for p in track.counterparts if p.short_name and p.name)
    on_track = {p.id for p in track.counterparts}
    register = db.session.execute(select(Party.id, Party.name, Party.short_name)).all()
    others = frozenset(
        fold(name)
        for party_id, name, short_name in register
        if party_id not in on_track
        for name in (name, short_name)
        if name
    )
    known = Sides(ours, theirs, aliases).names
    return Sides(ours, theirs, aliases, others - set(known))


def strangers_in(track: NegotiationTrack, texts: Mapping[str, str]) -> Message | None:
    """The warning for the brackets of `texts` (language -> text) that name a Party not on
    `track` ("[US: ...]"), or None: a text is saved as typed, never refused for it."""
    sides = sides_of(track)
    found: list[str] = []
    for text in texts.values():
        try:
            names = brackets.strangers(text, sides.names, sides.others)
        except brackets.BracketError:
            continue
        found.extend(name for name in names if name not in found)
    return Message(STRANGERS, names=", ".join(found)) if found else None
