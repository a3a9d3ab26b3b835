"""Which Parties and acts an agreement's page shows (issue 16 #2: a treaty with 30 or more
Parties): by a part of a Party's name (in any case or script, tracker.domain.names.fold),
by the kind of act, and to the Parties that have not yet consented to be bound. Pure: no
Flask, no session."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.names import fold
from tracker.domain.party_actions import ActionKind, PartySteps


@dataclass(frozen=True)
class PartyFilter:
    """What an officer asked for: `party`, a part of a Party's name ("" any); `kind`, an
    ActionKind value ("" any; one that is not a kind matches no act); `waiting`, only the
    Parties that have not consented to be bound (and have not left)."""

    party: str = ""
    kind: str = ""
    waiting: bool = False

    @property
    def active(self) -> bool:
        return bool(self.party.strip() or self.kind or self.waiting)

    @property
    def known_kind(self) -> ActionKind | None:
        """The kind asked for, or None (any kind, or one that is not a kind)."""
        return ActionKind(self.kind) if self.kind in ActionKind._value2member_map_ else None

    def shows_party(
        self, name: str, steps: PartySteps, kinds: Collection[str] | None = None
    ) -> bool:
        """The Party's row is shown: its name holds the text asked for, (`waiting`) it has
        expressed no consent to be bound and not left the agreement, and (`kind`) among
        `kinds`, the kinds of its acts (None: not known, not filtered), is the kind asked
        for ("6 of 31 parties shown" for the Parties that objected: h16d #3)."""
        if self.party.strip() and fold(self.party) not in fold(name):
            return False
        if self.kind and kinds is not None and self.kind not in kinds:
            return False
        return not (self.waiting and (steps.has_consented or steps.has_left))

    def shows_act(self, kind: str) -> bool:
        """An act of `kind` (of a Party shown) is listed."""
        return not self.kind or kind == self.kind


def rows_shown(
    rows: Sequence[tuple[int, str, PartySteps]],
    wanted: PartyFilter,
    within: Collection[int] | None = None,
    kinds_of: Mapping[int, Collection[str]] | None = None,
) -> frozenset[int]:
    """The ids of the Party rows (id, Party's name, its steps) the page shows: those
    `wanted` lets through, of `within` (a group's rows) when given; with `kinds_of` (row
    id: the kinds of its acts), under a kind asked for, only the rows with such an act."""
    return frozenset(
        row_id
        for row_id, name, steps in rows
        if (within is None or row_id in within)
        and wanted.shows_party(name, steps, None if kinds_of is None else kinds_of.get(row_id, ()))
    )


def acts_shown(
    acts: Mapping[int, tuple[int, str]], shown_rows: Collection[int], wanted: PartyFilter
) -> frozenset[int]:
    """The ids of the acts (act id: (its Party row's id, its kind)) the page lists: of
    the rows shown, of the kind asked for."""
    return frozenset(
        act_id
        for act_id, (row_id, kind) in acts.items()
        if row_id in shown_rows and wanted.shows_act(kind)
    )
