"""A round left without a title is titled from its number when shown, in the reader's
language ("Round 3" / «Раунд 3» / «3-раунд»), never stored (issue #15, item 7): the
officer who names it later changes nothing else, and every language says it its own way.
"""

from __future__ import annotations

from tracker.domain.messages import N_, Message

#: the title of a round known only by its number (the glossary's "round": раунд / раунд)
ROUND_TITLE = N_("Round %(number)s")


def shown_title(title: str, *, is_round: bool, number: int | None) -> str:
    """`title` as stored; for a round left untitled that has a number, "Round <number>" as
    a Message (a str in English, translated where shown: tracker.i18n.translate)."""
    if title or not is_round or number is None:
        return title
    return Message(ROUND_TITLE, number=number)
