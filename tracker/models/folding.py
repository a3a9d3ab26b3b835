"""Folded keys kept in step with the names they fold, at every flush.

A model lists its folded columns in `__folded__`: key column -> the attributes it folds
(tracker.domain.names.fold; several attributes are joined by a line break, which no
single-line search text contains). Setting them at flush covers every writer (services,
the demo seed, the CSV import, tests) with one rule; a Core insert or update that bypasses
the ORM fills them with folded_values().
"""

from __future__ import annotations

from collections.abc import Mapping
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


def folded_values(cls: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (a row for a Core insert) with `cls`'s folded columns filled in."""
    return {**values, **{key: folded_key(cls, key, values) for key in cls.__folded__}}  # type: ignore[attr-defined]


@event.listens_for(Session, "before_flush")
def _fold_names(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        spec = getattr(type(obj), "__folded__", None)
        if not spec:
            continue
        for key, attributes in spec.items():
            value = SEPARATOR.join(fold(getattr(obj, a, None) or "") for a in attributes)
            if getattr(obj, key, None) != value:
                setattr(obj, key, value)
