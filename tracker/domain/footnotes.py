"""Footnotes of a provision's text (issue 17, "footnotes are kept").

A footnote is written as in Markdown: a marker ``[^1]`` where it is referred to, and its
text on a line of its own, ``[^1]: The note.``, kept at the end of the language version.
Markers are numbered 1, 2, 3... in the order they first appear (as Word numbers them),
and their notes follow in that order: normalise() puts a text typed otherwise in that
form, which is what a Word file exported and imported again gives back (real Word
footnotes, see tracker.services.text_word). A marker is not a bracket
(tracker.domain.brackets leaves ``[^1]`` alone). Pure: no Flask, no session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.domain.messages import N_, Message

#: a footnote's marker in the text
MARKER = re.compile(r"\[\^(\d{1,3})\]")
#: a footnote's text: a line of its own that starts with its marker and a colon
_NOTE = re.compile(r"^\[\^(\d{1,3})\]:[ \t]?(.*)$")


@dataclass(frozen=True)
class Footnoted:
    """A language version split: the text without its notes, and the notes in order
    (number as written -> note)."""

    body: str
    notes: dict[str, str]


class FootnoteError(ValueError):
    """A marker without a note, or a note no marker refers to (`message` says which)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def split(text: str) -> Footnoted:
    """The body (every line that is not a note, trailing blank lines dropped) and the
    notes, as written."""
    body: list[str] = []
    notes: dict[str, str] = {}
    for line in text.split("\n"):
        note = _NOTE.match(line)
        if note:
            notes[note.group(1)] = note.group(2).strip()
        else:
            body.append(line)
    return Footnoted("\n".join(body).rstrip("\n"), notes)


def check(text: str) -> None:
    """Raise FootnoteError for a marker without a note or a note without a marker."""
    found = split(text)
    used = MARKER.findall(found.body)
    for number in used:
        if number not in found.notes:
            raise FootnoteError(
                Message(
                    N_("Footnote [^%(number)s] has no text: add a line “[^%(number)s]: …”."),
                    number=number,
                )
            )
    for number in found.notes:
        if number not in used:
            raise FootnoteError(
                Message(
                    N_(
                        "The text of footnote [^%(number)s] is given but no "
                        "[^%(number)s] refers to it."
                    ),
                    number=number,
                )
            )


def join(body: str, notes: list[str]) -> str:
    """A body whose markers are numbered 1..n in order, with its notes in that order."""
    if not notes:
        return body
    lines = "\n".join(f"[^{i}]: {note}" for i, note in enumerate(notes, 1))
    return f"{body.rstrip(chr(10))}\n\n{lines}"


def normalise(text: str) -> str:
    """The text with its markers renumbered 1..n in the order they first appear and its
    notes at the end in that order; a text without footnotes is returned as it is.
    Assumes check() passed (a marker without a note keeps its number)."""
    found = split(text)
    if not found.notes:
        return text
    order: dict[str, int] = {}
    for number in MARKER.findall(found.body):
        order.setdefault(number, len(order) + 1)
    body = MARKER.sub(lambda m: f"[^{order.get(m.group(1), m.group(1))}]", found.body)
    notes = [found.notes[n] for n in sorted(order, key=order.__getitem__) if n in found.notes]
    return join(body, notes)
