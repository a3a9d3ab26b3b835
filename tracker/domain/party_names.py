"""How a typed or pasted name finds a Party (issue 16, h16c #4 and h16e #3): by its name,
short name, Russian or Kazakh name, in any case or script (tracker.domain.names.fold) and
with runs of white space taken as one space ("European  Union"). The one matcher of the
Parties' table paste, the API and the acts file (tracker.services.party_actions.
party_row_named, tracker.services.party_paste, tracker.services.spreadsheets.action_rows).

Pure functions: text and records in, keys and records out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from tracker.domain.names import fold

T = TypeVar("T")


def name_key(name: str) -> str:
    """The key a Party's name is matched by: folded, runs of white space one space."""
    return " ".join(fold(name).split())


def tidy_name(name: str) -> str:
    """A name as typed, its runs of white space one space and its ends stripped."""
    return " ".join(name.split())


def names_of(party: Any) -> set[str]:
    """The keys of every name of `party` (name, short name, Russian and Kazakh names)."""
    found = (party.name, party.short_name, party.name_ru, party.name_kk)
    return {name_key(n) for n in found if n}


def named(items: Iterable[T], name: str, party_of: Any = lambda item: item) -> T | None:
    """The first of `items` whose Party (`party_of(item)`) has a name matching `name`."""
    wanted = name_key(name)
    if not wanted:
        return None
    return next((item for item in items if wanted in names_of(party_of(item))), None)
