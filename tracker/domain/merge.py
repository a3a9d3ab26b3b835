"""The three-way merge of an edit that met another officer's save (issue #15, item 8).

An officer edits a record starting from some values (`base`); meanwhile another officer
saves the same record (`theirs`); the officer's form now holds `mine`. Merging keeps every
change of both sides: a field only the other officer changed takes their value, a field
only this officer changed keeps theirs, and a field both changed to different values is a
clash that the officer must settle by choosing. List fields (parties, areas, members)
merge item by item: an item added or removed by either side is added or removed.

"Save again can never undo someone else's work silently" is the rule this module keeps.
Values are plain (str, int, bool, None, or lists of them); pure, no Flask, no session.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: the base of a field whose starting value is not known (an old form, an API client):
#: any difference between the two sides is then a clash
UNKNOWN: Any = object()


@dataclass(frozen=True)
class Merge:
    """What came of merging: `values` to put in the form (for a clash, this officer's
    value until they choose), and which fields the other officer changed."""

    values: dict[str, Any]
    #: fields whose value the other officer changed from the base, in the form's order
    theirs_changed: tuple[str, ...] = ()
    #: of those, the ones whose merged value now differs from this officer's input
    carried: tuple[str, ...] = ()
    #: fields both changed to different values: the officer must choose
    clashes: tuple[str, ...] = field(default=())
    #: fields this officer changed from the base (a list both changed is merged item by
    #: item: it is in `carried` and here, and must not be shown as untouched by them)
    mine_changed: tuple[str, ...] = ()


def merge_list(base: Sequence[Any], mine: Sequence[Any], theirs: Sequence[Any]) -> list[Any]:
    """Item by item: their list, less the items this officer removed, plus the items this
    officer added (in this officer's order). An item either side added is in the result;
    an item either side removed (and the other did not add back) is not."""
    base_set, mine_set = set(base), set(mine)
    removed_by_me = base_set - mine_set
    added_by_me = mine_set - base_set
    merged = [item for item in dict.fromkeys(theirs) if item not in removed_by_me]
    seen = set(merged)
    merged += [item for item in dict.fromkeys(mine) if item in added_by_me and item not in seen]
    return merged


def merge(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    *,
    lists: Collection[str] = (),
) -> Merge:
    """Merge `mine` and `theirs`, both changed from `base`, field by field.

    The fields are `mine`'s (in its order); a field `theirs` lacks keeps `mine`'s value; a
    field `base` lacks has an UNKNOWN base. `lists` names the fields merged item by item
    (their values are sequences of hashable items); their merge never clashes, except with
    an unknown base. Returns a Merge.
    """
    values: dict[str, Any] = {}
    theirs_changed: list[str] = []
    carried: list[str] = []
    clashes: list[str] = []
    mine_changed: list[str] = []
    for name, my_value in mine.items():
        if name not in theirs:
            values[name] = my_value
            continue
        their_value = theirs[name]
        start = base.get(name, UNKNOWN)
        if start is UNKNOWN:
            values[name] = my_value
            if _same(my_value, their_value, name in lists):
                continue
            theirs_changed.append(name)
            clashes.append(name)
            continue
        is_list = name in lists
        they_changed = not _same(start, their_value, is_list)
        i_changed = not _same(start, my_value, is_list)
        if they_changed:
            theirs_changed.append(name)
        if i_changed:
            mine_changed.append(name)
        if is_list:
            values[name] = merge_list(start, my_value, their_value) if they_changed else my_value
        elif not they_changed:
            values[name] = my_value
        elif not i_changed:
            values[name] = their_value
        else:
            values[name] = my_value
            if my_value != their_value:
                clashes.append(name)
        if name not in clashes and not _same(values[name], my_value, is_list):
            carried.append(name)
    return Merge(values, tuple(theirs_changed), tuple(carried), tuple(clashes), tuple(mine_changed))


def _same(a: Any, b: Any, is_list: bool) -> bool:
    """Equal values; lists as sets of items (their order is the form's, not a change)."""
    if is_list:
        return set(a) == set(b)
    return bool(a == b)
