"""Pages read from the end of a list hold exactly what reading from the start would."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from tracker.orm import db
from tracker.services.overview import (
    AGREEMENT_LIST_ORDER,
    MILESTONE_LIST_ORDER,
    agreement_list_query,
)
from tracker.services.paging import PageRequest, paginate, reverse_order


def _pages(app, query, order) -> list[list[int]]:
    pages = []
    for number in range(1, 6):
        page = paginate(query, order, PageRequest(number=number, size=3))
        pages.append([item.id for item in page.items])
        assert page.total == 11
    return pages


def test_every_page_matches_the_full_list_with_nulls_and_ties(app, make) -> None:
    # Ties on the title and missing signature dates: the order is total only by the id.
    for n in range(11):
        make.agreement(
            title=f"Agreement {n % 3}",
            signed_on=None if n % 4 == 0 else date(2015, 1 + n % 2, 1),
        )
    query = agreement_list_query(None, "")
    everything = [a.id for a in db.session.scalars(query)]
    pages = _pages(app, query, AGREEMENT_LIST_ORDER)
    assert [len(p) for p in pages] == [3, 3, 3, 2, 0]
    assert sum(pages, []) == everything
    assert [p[0] for p in pages[:4]] == everything[0:12:3]


def test_milestone_pages_from_the_end(app, make) -> None:
    from sqlalchemy import select

    from tracker.models import Milestone

    track = make.track()
    for n in range(11):
        make.milestone(track, planned_on=date(2026, 1, 1 + n % 4))
    query = select(Milestone).order_by(*MILESTONE_LIST_ORDER)
    everything = [m.id for m in db.session.scalars(query)]
    assert sum(_pages(app, query, MILESTONE_LIST_ORDER), []) == everything


def test_an_order_it_cannot_reverse_is_read_from_the_start() -> None:
    assert reverse_order((text("id"),)) is None
