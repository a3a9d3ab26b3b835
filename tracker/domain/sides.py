"""The sides of a negotiation (issue 17): "our side" is the Party whose officers use the
tracker (Kazakhstan's ministry, the EU's service...), named by its short name as brackets
attribute passages (``[KZ: ...]``); the counterparts are the others. Set for the
installation (TRACKER_OUR_SIDE) and overridable per track. Pure: no Flask, no session."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: a Party's short name as a bracket attributes it: a capital letter first, then letters,
#: digits, dots or hyphens, up to 12 characters in all (tracker.domain.brackets)
SHORT_NAME = re.compile(r"^[^\W\d_][\w.\-]{0,11}$", re.UNICODE)


def is_short_name(value: str) -> bool:
    """Whether `value` can attribute a bracket: a short name in capitals ("KZ", "EU")."""
    return bool(SHORT_NAME.match(value)) and value == value.upper()


@dataclass(frozen=True)
class Sides:
    """Our side's short name ("" when not set) and the counterparts' short names."""

    ours: str
    theirs: tuple[str, ...] = ()

    def of(self, party: str | None) -> str | None:
        """ "ours" or "theirs" for a bracket's Party, None for a plain bracket or when our
        side is not set (then no bracket is anyone's in particular)."""
        if party is None or not self.ours:
            return None
        return "ours" if party == self.ours else "theirs"

    @property
    def parties(self) -> frozenset[str]:
        """The short names that attribute a bracket on the track: ours and the
        counterparts', case as configured (tracker.domain.brackets.parse)."""
        return frozenset(name for name in (self.ours, *self.theirs) if name)

    @property
    def their_label(self) -> str:
        """The counterparts' short names but ours, joined ("EU", "EU, EU MS"); "" if none
        known, and "" while our side is not set: a track's counterparts may include our
        own Party, and which of them is "theirs" is then not known (never "their position
        (EU, KZ)": found by a fresh check)."""
        if not self.ours:
            return ""
        return ", ".join(name for name in self.theirs if name and name != self.ours)


def our_side(track_setting: str, installation_setting: str) -> str:
    """The track's own setting if it has one, else the installation's ("" if neither is a
    short name)."""
    for value in (track_setting.strip(), installation_setting.strip()):
        if value and is_short_name(value):
            return value
    return ""
