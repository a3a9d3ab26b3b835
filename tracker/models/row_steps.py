"""The dates of a Party's row of the ratification matrix, derived from its acts; setting
one (the row's quick edit, older callers) edits the act behind it instead.

Each column of the matrix stands for kinds of act (tracker.domain.party_actions): signed
(a signature), procedures notified (notification of completion), deposited (an
instrument of ratification, acceptance, approval or accession), provisionally applied.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm.attributes import flag_modified

from tracker.domain.party_actions import INSTRUMENTS, SIGNATURES, ActionKind

if TYPE_CHECKING:
    from tracker.models.party_action import PartyAction

#: per column: the kinds it shows, and the kind a new act of the column gets (a signature
#: in the matrix is one subject to ratification: it does not count as consent by itself)
COLUMN_KINDS: dict[str, tuple[frozenset[ActionKind], ActionKind]] = {
    "signed_on": (SIGNATURES, ActionKind.SIGNATURE_SUBJECT_TO_RATIFICATION),
    "notified_on": (
        frozenset({ActionKind.NOTIFICATION_OF_COMPLETION}),
        ActionKind.NOTIFICATION_OF_COMPLETION,
    ),
    "deposited_on": (INSTRUMENTS, ActionKind.RATIFICATION),
    "provisionally_applied_on": (
        frozenset({ActionKind.PROVISIONAL_APPLICATION}),
        ActionKind.PROVISIONAL_APPLICATION,
    ),
}


class MatrixDate:
    """A column of the matrix as an attribute of the party's row (Ratification).

    Reading gives the first dated act of the column's kinds (None: none, or none dated).
    Writing a date gives it to the first dated act of those kinds (else to an undated one,
    else to a new act); writing None keeps the act shown, its date now "not recorded"
    (its kind, references and note kept: h16c #1, nothing is lost by an empty cell; an
    act is deleted from the acts list, which asks). When the Party has several dated acts
    of the column, the next one is shown then.
    """

    def __init__(self, column: str) -> None:
        self.column = column
        self.kinds, self.new_kind = COLUMN_KINDS[column]

    def __get__(self, row: Any, owner: type | None = None) -> Any:
        if row is None:
            return self
        return getattr(row.steps, self.column)

    def shown(self, row: Any) -> PartyAction | None:
        """The act whose date the cell shows (the first dated of the column's kinds)."""
        dated = [a for a in row.actions if a.kind in self.kinds and a.on is not None]
        return min(dated, key=lambda a: (a.on, a.id or 0)) if dated else None

    def __set__(self, row: Any, value: date | None) -> None:
        from tracker.models.party_action import PartyAction

        if self.__get__(row) == value:
            return
        own: list[PartyAction] = [a for a in row.actions if a.kind in self.kinds]
        dated = sorted((a for a in own if a.on is not None), key=lambda a: (a.on, a.id or 0))
        if value is None:
            if dated:
                dated[0].on = None
        elif dated:
            dated[0].on = value
        elif own:
            own[0].on = value
        else:
            row.actions.append(PartyAction(kind=self.new_kind, on=value))
        if row.id is not None:
            flag_modified(row, "expected_by")  # the row's version moves with its acts


def matrix_date(column: str) -> Any:
    return MatrixDate(column)


def column_act(row: Any, column: str) -> PartyAction | None:
    """The act a matrix cell stands for: the first dated act of the column's kinds (the one
    it shows), else the first such act whose date is not recorded; None: none recorded."""
    kinds = COLUMN_KINDS[column][0]
    shown = MatrixDate(column).shown(row)
    return shown or next((a for a in row.actions if a.kind in kinds), None)


def deposited_kind(row: Any) -> ActionKind:
    """The kind of the instrument the Deposited cell stands for (column_act); a
    ratification, what a date typed in an empty cell records, when none is (h19g2 #3)."""
    act = column_act(row, "deposited_on")
    return ActionKind(act.kind) if act is not None else COLUMN_KINDS["deposited_on"][1]
