"""Relations between treaties as pure rules (issue 16 #3, found by a fresh check): which
kinds hold together on one pair, and the circle a new relation of one kind would close."""

from __future__ import annotations

from tracker.domain.relations import RelationKind as K
from tracker.domain.relations import circle, compatible


def test_kinds_that_hold_together_on_one_pair() -> None:
    # an amending protocol; a protocol to a framework convention; the same fact both ways
    assert compatible((K.AMENDS, True), (K.PROTOCOL_TO, True))
    assert compatible((K.PROTOCOL_TO, True), (K.FRAMEWORK_FOR, False))
    assert compatible((K.IMPLEMENTS, False), (K.FRAMEWORK_FOR, True))
    # a protocol to B is not also B's framework, nor superseded by B
    assert not compatible((K.PROTOCOL_TO, True), (K.FRAMEWORK_FOR, True))
    assert not compatible((K.PROTOCOL_TO, True), (K.SUPERSEDES, False))
    # the same kind both ways round
    assert not compatible((K.SUPERSEDES, True), (K.SUPERSEDES, False))


def test_the_circle_a_relation_would_close_of_any_length() -> None:
    edges = [(1, 2), (2, 3), (3, 4), (7, 8)]
    assert circle(edges, 1, 4) == [1, 2, 3, 4]  # "4 amends 1" would close 1-2-3-4-1
    assert circle(edges, 2, 3) == [2, 3]
    assert circle(edges, 4, 1) is None
    assert circle(edges, 1, 8) is None
    assert circle([(1, 2), (2, 1), (2, 3)], 1, 3) == [1, 2, 3]  # a loop already there
