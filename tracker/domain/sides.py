"""The sides of a negotiation (issue 17): "our side" is the Party whose officers use the
tracker (Kazakhstan's ministry, the EU's service...), named by its short name as brackets
attribute passages (``[KZ: ...]``); the counterparts are the others. Set for the
installation (TRACKER_OUR_SIDE) and overridable per track. Pure: no Flask, no session."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from tracker.domain.names import fold

#: a Party's short name as a bracket attributes it: a capital letter first, then letters,
#: digits, dots or hyphens, up to 12 characters in all (tracker.domain.brackets)
SHORT_NAME = re.compile(r"^[^\W\d_][\w.\-]{0,11}$", re.UNICODE)


def is_short_name(value: str) -> bool:
    """Whether `value` can attribute a bracket: a short name in capitals ("KZ", "EU")."""
    return bool(SHORT_NAME.match(value)) and value == value.upper()


#: The names and abbreviations by which a negotiating text attributes a bracket to a Party,
#: in English, Russian and Kazakh, one group per Party (the short name the tracker uses
#: first). "[ЕС: ...]", "[eu: ...]" and "[European Union: ...]" all name the EU, "[РК: ...]",
#: "[ҚР: ...]" and "[Kazakhstan: ...]" Kazakhstan: the names and abbreviations that
#: negotiating texts commonly use in the three languages (a working list, not an official
#: register: extend it as tracks need). Compared folded (tracker.domain.names.fold). A
#: Party's own name and short name in the register always count too (Sides.aliases).
KNOWN_NAMES: tuple[tuple[str, ...], ...] = (
    ("KZ", "KAZ", "RK", "Kazakhstan", "Republic of Kazakhstan")
    + ("РК", "Казахстан", "Республика Казахстан", "ҚР", "Қазақстан", "Қазақстан Республикасы"),
    ("EU", "European Union", "ЕС", "Евросоюз", "Европейский союз", "ЕО", "Еуропалық Одақ"),
    ("EAEU", "EEU", "Eurasian Economic Union", "ЕАЭС", "Евразийский экономический союз")
    + ("ЕАЭО", "Еуразиялық экономикалық одақ"),
    ("RU", "Russia", "Russian Federation", "РФ", "Россия", "Российская Федерация", "Ресей"),
    ("CN", "China", "PRC", "КНР", "Китай", "ҚХР", "Қытай"),
    ("US", "USA", "United States", "США", "АҚШ"),
    ("UK", "GB", "United Kingdom", "Великобритания", "Ұлыбритания"),
    ("UZ", "Uzbekistan", "Узбекистан", "Өзбекстан"),
    ("KG", "Kyrgyzstan", "Кыргызстан", "Киргизия", "Қырғызстан"),
    ("TR", "Türkiye", "Turkey", "Турция", "Түркия"),
)

#: every name of KNOWN_NAMES, folded: a bracket starting with one of them names a Party
KNOWN_FOLDED: frozenset[str] = frozenset(fold(name) for group in KNOWN_NAMES for name in group)


@dataclass(frozen=True)
class Sides:
    """Our side's short name ("" when not set) and the counterparts' short names;
    `aliases`: other names of the track's parties as (name, short name) pairs (a
    counterpart's full name); `others`: the names, folded, of Parties in the register that
    are not on the track (a bracket naming one of them names nobody on the track)."""

    ours: str
    theirs: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    others: frozenset[str] = field(default_factory=frozenset)

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

    @cached_property
    def names(self) -> Mapping[str, str]:
        """Every name that attributes a bracket on the track, folded, with the short name
        it stands for (as configured): each party's own, its aliases, and the names of its
        group in KNOWN_NAMES in the three languages. Our side's names come first, so a
        counterpart that is our own Party never takes them."""
        found: dict[str, str] = {}
        for name in (self.ours, *self.theirs):
            if not name:
                continue
            keys = {fold(name)} | {fold(alias) for alias, short in self.aliases if short == name}
            for group in KNOWN_NAMES:
                if keys & {fold(known) for known in group}:
                    keys |= {fold(known) for known in group}
            for key in sorted(keys):
                found.setdefault(key, name)
        return found

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


def side_on_track(side: str, short_names: Iterable[str | None]) -> bool:
    """Whether `side` (a short name, "KZ") is one of the track's Parties' `short_names`
    (issue 17 re-check: our side must be a Party on the track, else every Party's brackets
    read as the other side's)."""
    return bool(side) and side in {name for name in short_names if name}
