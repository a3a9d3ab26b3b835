"""Derived columns kept in step with what they derive from, at every flush: folded keys
of names, and month-days of dates.

A model lists its folded columns in `__folded__`: key column -> the attributes it folds
(tracker.domain.names.fold; several attributes are joined by a line break, which no
single-line search text contains); and its month-day columns in `__month_days__`: column
-> the date attribute whose month * 100 + day it holds (the anniversary rules read them).
Setting them at flush covers every writer (services, the demo seed, the CSV import,
tests) with one rule; a Core insert or update that bypasses the ORM fills them with
folded_values().
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from tracker.domain.names import fold

#: joins the attributes of one search key; search text never holds it (query_text and the
#: API's SearchText drop control characters)
SEPARATOR = "\n"


def folded_key(cls: type, key: str, values: Mapping[str, Any]) -> str:
    """The value of `cls`'s folded column `key` for a record with these `values`."""
    return SEPARATOR.join(fold(str(values.get(a) or "")) for a in cls.__folded__[key])  # type: ignore[attr-defined]


def month_day(day: date | None) -> int | None:
    """`day`'s month * 100 + its day (1221 for 21 December), or None."""
    return None if day is None else day.month * 100 + day.day


def folded_values(cls: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (a row for a Core insert or update) with `cls`'s derived columns filled in:
    every folded key, and the month-day of each date that `values` holds."""
    derived = {key: folded_key(cls, key, values) for key in getattr(cls, "__folded__", {})}
    for column, source in getattr(cls, "__month_days__", {}).items():
        if source in values:
            derived[column] = month_day(values[source])
    return {**values, **derived}


@event.listens_for(Session, "before_flush")
def _fold_names(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        derived: dict[str, Any] = {
            key: SEPARATOR.join(fold(getattr(obj, a, None) or "") for a in attributes)
            for key, attributes in getattr(type(obj), "__folded__", {}).items()
        }
        for column, source in getattr(type(obj), "__month_days__", {}).items():
            derived[column] = month_day(getattr(obj, source, None))
        for key, value in derived.items():
            if getattr(obj, key, None) != value:
                setattr(obj, key, value)
