"""Relations between treaties and how each side reads them (issue 16 #3). Pure: no Flask.

A relation is stored once, from -> to ("the Protocol is a protocol to the EPCA"); the
other agreement's page reads it backwards ("the EPCA has the Protocol as a protocol").
"""

from __future__ import annotations

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
