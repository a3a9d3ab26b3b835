"""The agreements a file's cells name (files of Parties' acts, final clauses, relations):
by the title or the short title, or the official title in Russian or Kazakh, each in any
case or script (tracker.domain.names.fold), issue 16 #3.

**Ambiguity rule.** A name that more than one agreement answers to (two agreements with the
same short title; one's short title the other's title) is refused, with an error naming
each of them: the file is then not imported at all, since an import writes every row or
none (tracker.services.spreadsheets.run)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, or_, select

from tracker.domain.messages import N_
from tracker.domain.names import fold
from tracker.models import Agreement
from tracker.orm import db
from tracker.services.spreadsheets.parsing import NO_SUCH_NAME, RowError, chunks

#: a name that more than one agreement answers to
AMBIGUOUS_AGREEMENT = N_(
    "“%(value)s” names more than one agreement: %(agreements)s. Write the full title of the "
    "one you mean."
)
#: the other name columns, compared folded (they hold no folded key)
_OTHER_NAMES = (Agreement.short_title, Agreement.official_title_ru, Agreement.official_title_kk)


class AgreementNames:
    """The agreements a file's cells name, read in a few queries: by the folded title
    (Agreement.title_key), and by the other names narrowed in SQL by length (of the value
    as typed or folded) and compared folded. Used like parsing.Names."""

    def __init__(self, values: Iterable[str]) -> None:
        given = {fold(v): v for v in values if v and fold(v)}
        self.found: dict[str, list[Agreement]] = {}
        for part in chunks(sorted(given)):
            query = select(Agreement).where(Agreement.title_key.in_(part))
            for agreement in db.session.scalars(query.order_by(Agreement.id)):
                self._add(agreement.title_key, agreement)
        lengths = sorted({len(v) for pair in given.items() for v in pair})
        for part in chunks(lengths):
            narrowed = or_(*(func.length(column).in_(part) for column in _OTHER_NAMES))
            for agreement in db.session.scalars(
                select(Agreement).where(narrowed).order_by(Agreement.id)
            ):
                for column in _OTHER_NAMES:
                    name = fold(getattr(agreement, column.key) or "")
                    if name in given:
                        self._add(name, agreement)

    @property
    def ids(self) -> set[int]:
        """The ids of every agreement found (those of an ambiguous name too)."""
        return {a.id for found in self.found.values() for a in found}

    def _add(self, name: str, agreement: Agreement) -> None:
        found = self.found.setdefault(name, [])
        if agreement not in found:
            found.append(agreement)

    def get(self, value: str, name: str) -> Agreement | None:
        """The agreement `value` names; None for an empty cell. Raises RowError when no
        agreement, or more than one, answers to it (AMBIGUOUS_AGREEMENT names them all)."""
        if not value:
            return None
        found = self.found.get(fold(value), [])
        if not found:
            raise RowError(name, NO_SUCH_NAME["agreement"], value=value[:60])
        if len(found) > 1:
            raise RowError(
                name,
                AMBIGUOUS_AGREEMENT,
                value=value[:60],
                agreements="; ".join(f"“{a.title}”" for a in found),
            )
        return found[0]


def names_seen(names: dict[str, Any]) -> list[tuple[str, str, tuple[int, ...]]]:
    """What a file's name columns were found to be, (column, folded name, ids) sorted, to
    compare a file's reading with a later one (AgreementNames.found: lists of agreements;
    parsing.Names.found: one record each)."""
    return sorted(
        (column, name, tuple(r.id for r in found) if isinstance(found, list) else (found.id,))
        for column, found_names in names.items()
        for name, found in found_names.found.items()
    )
