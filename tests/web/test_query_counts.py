"""SQL statements per page must not grow with the data: no N+1 anywhere.

Deterministic: the same pages are rendered over a small and a larger data set, and the
number of statements each issues is compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from tracker.domain.workflow import TrackStatus
from tracker.jobs import JOBS, run_job
from tracker.models import AgreementArea, MilestoneKind
from tracker.orm import db


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def populate(make, size: int, lead, *, first_suspended: bool = False) -> dict[str, int]:
    """`size` agreements, each with a track of `size` milestones (rounds five days apart
    from 2 January 2026), and the first track's first round held at a body.

    The pages are read at the first track (suspended with `first_suspended`). What the
    pages show differs as bench's sampled records do between scales (bench/session15-h19e.md):
    the small set's overdue rounds all show, the body's among them; the larger set's
    newest push it off the dashboard's overdue list and the milestones list's first page;
    bench's track 1 is suspended at scale 10 and not at 0.1. Neither may change the count.
    """
    parties = [make.party(f"State {size}-{i}") for i in range(size)]
    body = make.body(f"Council {size}")
    first = None
    for i in range(size):
        agreement = make.agreement(parties=parties, title=f"Agreement {size}-{i}")
        agreement.areas = [AgreementArea(name=f"Area {j}", owner_id=lead.id) for j in range(size)]
        status = TrackStatus.SUSPENDED if first_suspended and i == 0 else TrackStatus.LAUNCHED
        track = make.track(
            status, lead=lead, name=f"Track {size}-{i}", framework_agreement_id=agreement.id
        )
        track.counterparts = parties
        for j in range(size):
            make.milestone(
                track,
                title=f"Round {j}",
                kind=MilestoneKind.ROUND,
                number=j + 1,
                planned_on=date(2026, 1, 2) + timedelta(days=5 * j),
                owner_id=lead.id,
                agreement_id=agreement.id,
                body_id=body.id if i == j == 0 else None,
            )
        first = first or {"agreement_id": agreement.id, "track_id": track.id}
    db.session.commit()
    run_job(
        make.app,
        next(j for j in JOBS if j.id == "weekly-report"),
        datetime(2026, 1, 12, 8, tzinfo=UTC),
    )
    return first


PAGES = [
    "/",
    "/agreements/",
    "/agreements/{agreement_id}",
    "/tracks/",
    "/tracks/{track_id}",
    "/tracks/{track_id}/edit",
    "/milestones/",
    "/milestones/new",
    "/reports/weekly/",
    "/reports/weekly/2026-W02",
    "/reports/weekly/2026-W02.csv",
    "/audit",
    "/admin/outbox",
    "/admin/users",
]


def statements_per_page(client, ids: dict[str, int]) -> dict[str, int]:
    result = {}
    for page in PAGES:
        url = page.format(**ids)
        with counted() as statements:
            response = client.get(url)
        assert response.status_code == 200, url
        result[page] = len(statements)
    return result


@pytest.fixture
def make_with_app(make, app):
    make.app = app
    return make


def test_statements_per_page_do_not_grow_with_the_data(client, admin, make_with_app) -> None:
    client.login(admin)
    small = statements_per_page(client, populate(make_with_app, 3, admin))
    large = statements_per_page(client, populate(make_with_app, 12, admin, first_suspended=True))
    assert large == small
    # The dashboard is the busiest page (26 since it also shows the viewer's action items
    # and the projected meetings); what matters above is that no page grows with the data.
    assert max(small.values()) <= 28, small
