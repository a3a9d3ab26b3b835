"""The track page reads each thing once, and as many statements whatever its size (issue 19).

A profile of `/tracks/<id>` on PostgreSQL found the status a suspended track left read
twice (the status form and the page model), the provisions twice (the activity's names and
the progress chart), the rounds read again beside the milestones, and one statement per
frozen round for the chart. Deterministic: statements are counted, not timed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event

from tests.web.test_query_counts import counted
from tracker.domain.workflow import TrackStatus
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions
from tracker.services import tracks as track_service
from tracker.services.milestones import complete_milestone


def text_track(make, lead, size: int):
    """A suspended track with `size` provisions, `size` rounds held (each freezing the
    text), `size` deadlines and `size` documents."""
    track = make.track(status=TrackStatus.LAUNCHED, lead=lead, name=f"Text track {size}")
    for i in range(size):
        provisions.create_provision(
            track,
            {"kind": "article", "number": str(i + 1), "texts": {"en": f"Article {i} [EU: x]."}},
            actor=lead,
        )
        db.session.commit()
        round_ = make.milestone(
            track,
            kind=MilestoneKind.ROUND,
            number=i + 1,
            title=f"Round {i + 1}",
            planned_on=date(2025, 12, 3) + timedelta(days=i),
        )
        complete_milestone(
            round_,
            done_on=date(2025, 12, 3) + timedelta(days=i),
            outcome="",
            actor=lead,
            expected_version=round_.version,
        )
        db.session.commit()
        make.milestone(track, title=f"Deadline {i}", owner_id=lead.id)
        make.document(lead, filename=f"paper-{i}.pdf", track_id=track.id)
    track_service.change_status(
        track, TrackStatus.SUSPENDED, effective_on=date(2025, 12, 20), actor=lead
    )
    db.session.commit()
    return track


@contextmanager
def executed() -> Iterator[list[tuple[str, str]]]:
    """Each statement with its parameters, as the database received them."""
    seen: list[tuple[str, str]] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append((statement, repr(parameters)))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def statements_for(client, track) -> int:
    url = f"/tracks/{track.id}"
    assert client.get(url).status_code == 200  # the session's first read is not counted
    with counted() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert "Suspended" in response.get_data(as_text=True)
    return len(statements)


def test_the_track_page_issues_as_many_statements_whatever_its_size(client, make) -> None:
    lead = make.user(name="Lead")
    client.login(lead)
    small = statements_for(client, text_track(make, lead, 1))
    large = statements_for(client, text_track(make, lead, 4))
    assert large == small


def test_the_track_page_reads_nothing_twice(client, make) -> None:
    lead = make.user(name="Lead")
    client.login(lead)
    url = f"/tracks/{text_track(make, lead, 2).id}"
    assert client.get(url).status_code == 200
    with executed() as seen:
        assert client.get(url).status_code == 200
    # The people a page names are read per relationship by primary key (the lead officer,
    # the milestones' owners, the activity's actors, the uploaders): here all one user.
    read = Counter(s for s in seen if not s[0].startswith("SELECT users.id"))
    twice = [f"{statement} {params}" for (statement, params), n in read.items() if n > 1]
    assert twice == [], "\n".join(twice)
