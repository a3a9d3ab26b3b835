"""Relations between treaties and how each side reads them (issue 16 #3). Pure: no Flask.

A relation is stored once, from -> to ("the Protocol is a protocol to the EPCA"); the
other agreement's page reads it backwards ("the EPCA has the Protocol as a protocol").
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from enum import StrEnum

from tracker.domain.messages import N_


class RelationKind(StrEnum):
    AMENDS = "amends"
    PROTOCOL_TO = "protocol_to"
    SUPERSEDES = "supersedes"
    IMPLEMENTS = "implements"
    FRAMEWORK_FOR = "framework_for"


#: per kind: (how the `from` agreement reads it, how the `to` agreement reads it)
RELATION_WORDS: dict[RelationKind, tuple[str, str]] = {
    RelationKind.AMENDS: (N_("Amends"), N_("Amended by")),
    RelationKind.PROTOCOL_TO: (N_("Protocol to"), N_("Has the protocol")),
    RelationKind.SUPERSEDES: (N_("Supersedes"), N_("Superseded by")),
    RelationKind.IMPLEMENTS: (N_("Implements"), N_("Implemented by")),
    RelationKind.FRAMEWORK_FOR: (N_("Framework for"), N_("Under the framework of")),
}


def reads(kind: RelationKind, *, forwards: bool) -> str:
    """The English words of `kind` from one side (the caller translates them)."""
    return RELATION_WORDS[kind][0 if forwards else 1]


#: relations that hold together on one pair of agreements, each read from the same one of
#: them as (kind, forwards: it is the relation's `from` side); any other two contradict
#: each other (a treaty that supersedes another neither amends it nor is a protocol to it;
#: one cannot be both the framework for another and a protocol to it)
COMPATIBLE = frozenset(
    {
        # an amending protocol
        frozenset({(RelationKind.AMENDS, True), (RelationKind.PROTOCOL_TO, True)}),
        # a protocol that implements the agreement it is a protocol to
        frozenset({(RelationKind.PROTOCOL_TO, True), (RelationKind.IMPLEMENTS, True)}),
        # a protocol to a framework convention (the Kyoto Protocol to the UNFCCC)
        frozenset({(RelationKind.PROTOCOL_TO, True), (RelationKind.FRAMEWORK_FOR, False)}),
        # the same fact read both ways
        frozenset({(RelationKind.IMPLEMENTS, True), (RelationKind.FRAMEWORK_FOR, False)}),
    }
)


def compatible(one: tuple[RelationKind, bool], other: tuple[RelationKind, bool]) -> bool:
    """Whether two different relations on one pair of agreements, both read from the
    same agreement as (kind, forwards), can both be true (COMPATIBLE, either way round)."""
    flipped = frozenset({(one[0], not one[1]), (other[0], not other[1])})
    return frozenset({one, other}) in COMPATIBLE or flipped in COMPATIBLE


def circle(edges: Iterable[tuple[int, int]], start: int, end: int) -> list[int] | None:
    """The agreements from `start` to `end` along `edges` ((from, to) of one kind), as a
    list of ids starting with `start` and ending with `end`, or None when there is no such
    path. A new relation end -> start of that kind closes a circle exactly when there is
    one: "A amends B, B amends C" and then "C amends A" (every kind reads one way: an
    agreement cannot, through others, amend, supersede or implement itself)."""
    following: dict[int, list[int]] = {}
    for source, target in edges:
        following.setdefault(source, []).append(target)
    came_from: dict[int, int | None] = {start: None}
    waiting = deque([start])
    while waiting:
        at = waiting.popleft()
        if at == end:
            path = [at]
            while (before := came_from[path[-1]]) is not None:
                path.append(before)
            return path[::-1]
        for target in following.get(at, ()):
            if target not in came_from:
                came_from[target] = at
                waiting.append(target)
    return None
