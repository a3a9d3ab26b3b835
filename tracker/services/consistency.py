"""The administrators' list of contradictions (issue 16 #6): every agreement whose
recorded facts contradict each other, with what each contradiction is, one page at a time.

The contradictions are those of the agreement's own consistency panel
(tracker.services.party_actions.agreement_contradictions): computed in Python from the
acts and the final clauses, so the list is read agreement by agreement, STREAM_CHUNK rows
at a time, and only the flagged ones are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain.party_actions import Contradiction
from tracker.models import Agreement, Ratification
from tracker.orm import db
from tracker.services.paging import PageRequest
from tracker.services.party_actions import agreement_contradictions

#: agreements read at a time
STREAM_CHUNK = 500


@dataclass(frozen=True)
class FlaggedAgreement:
    """An agreement and what its recorded facts say against each other."""

    id: int
    title: str
    contradictions: list[Contradiction]


class ListPage(Pagination):
    """Flask-SQLAlchemy's pagination over a list already in memory."""

    def _query_items(self) -> list[Any]:
        rows: list[Any] = self._query_args["rows"]
        start = (self.page - 1) * self.per_page
        return rows[start : start + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["rows"])


def flagged_agreements(today: date) -> list[FlaggedAgreement]:
    """Every agreement with a contradiction as of `today`, by title."""
    query = (
        select(Agreement)
        .options(
            selectinload(Agreement.clock_rules),
            selectinload(Agreement.ratifications).joinedload(Ratification.party),
            selectinload(Agreement.ratifications).selectinload(Ratification.actions),
        )
        .order_by(Agreement.title, Agreement.id)
        .execution_options(yield_per=STREAM_CHUNK)
    )
    flagged = []
    for agreement in db.session.scalars(query):
        found = agreement_contradictions(agreement, today)
        if found:
            flagged.append(FlaggedAgreement(agreement.id, agreement.display_title, found))
    return flagged


def contradictions_page(today: date, at: PageRequest) -> Pagination:
    """Page `at` of the flagged agreements (items: FlaggedAgreement)."""
    return ListPage(
        page=at.number,
        per_page=at.size,
        max_per_page=100,
        error_out=False,
        count=True,
        rows=flagged_agreements(today),
    )
