"""The drafter's notes of a negotiating text: "[NB: check the figure]", "[TBD: ...]",
"[Option 1: ...]", «[Прим.: ...]». A bracket that starts with one of these words and a
colon is a plain bracket (open, proposed by no Party) and is not warned about: the word
says what the passage is, not who proposes it (tracker.domain.brackets).

NOTE_WORDS is the list, as data: the words drafters of English, Russian and Kazakh texts
commonly put before such a passage (a working list from drafting practice, not an official
register: extend it as texts need). A word is compared folded (tracker.domain.names.fold:
in any case), without its dots ("N.B." as "NB", «Прим» as «Прим.»), and may be followed
by a designator ("Option 1", "Alt. B", «Вариант 2», "Option IV").

Pure functions: no Flask, no session.
"""

from __future__ import annotations

import re

from tracker.domain.names import fold

#: the note words: English, then Russian, then Kazakh
NOTE_WORDS: tuple[str, ...] = (
    # English
    "NB",
    "N.B.",
    "TBD",
    "Note",
    "Comment",
    "Option",
    "Alt",
    "Alternative",
    # Russian: note, note (abbreviated), option, comment, alternative
    "Примечание",
    "Прим.",
    "Вариант",
    "Комментарий",
    "Альтернатива",
    # Kazakh: note, option, comment, alternative. «Ескертпе» is also the treaty term for
    # a reservation (the Law on International Treaties); before a bracket's colon it is
    # a drafter's note
    "Ескертпе",
    "Нұсқа",
    "Түсініктеме",
    "Балама",
)


def _key(word: str) -> str:
    """A word as it is compared: folded, its dots dropped, its spaces made single."""
    return " ".join(fold(word).replace(".", " ").split())


_KEYS: frozenset[str] = frozenset(_key(word) for word in NOTE_WORDS)

#: what may follow a note word: a number ("1", "2a"), one letter ("A", «Б») or a Roman
#: numeral ("IV"), compared folded
_DESIGNATOR = re.compile(r"^(?:\d{1,3}[^\W\d_]?|[^\W\d_]|[ivxlc]{1,6})$", re.UNICODE)


def is_note(name: str) -> bool:
    """Whether `name`, the words before a bracket's colon as typed ("NB", "n.b.",
    "Option 2", «Прим.»), is a drafter's note word of NOTE_WORDS, in any case, with or
    without its dots, alone or followed by a designator."""
    key = _key(name)
    if key in _KEYS:
        return True
    head, _, tail = key.rpartition(" ")
    return bool(head) and head in _KEYS and bool(_DESIGNATOR.match(tail))
