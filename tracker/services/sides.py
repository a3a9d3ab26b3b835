"""Our side and theirs on a track (issue 17): the installation's setting
(TRACKER_OUR_SIDE, a Party's short name such as "KZ" or "EU"), overridden by the track's
own, and the track's counterparts' short names. The rule is tracker.domain.sides."""

from __future__ import annotations

from flask import current_app

from tracker.domain.sides import Sides, our_side
from tracker.models import NegotiationTrack


def installation_side() -> str:
    """The installation's "our side" ("" when not set or not a short name)."""
    return our_side("", str(current_app.config.get("OUR_SIDE") or ""))


def sides_of(track: NegotiationTrack) -> Sides:
    """Our side on `track` (its own setting, else the installation's) and its
    counterparts' short names (their names where they have none)."""
    ours = our_side(track.our_side or "", installation_side())
    theirs = tuple(p.short_name or p.name for p in track.counterparts)
    return Sides(ours, theirs)
