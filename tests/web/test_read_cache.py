"""Kept reads (issue 19 #3, tracker.services.read_cache): an officer's dashboard and the
lists' totals are kept a short while, and never shown stale after a committed change, be
it the officer's own through a form, or one made by another worker process."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from tracker.domain.workflow import TrackStatus
from tracker.orm import db

CHART_ROW = re.compile(
    r'class="chart-label">([^<]+)</th>.*?class="chart-value">([^<]+)</td>', re.DOTALL
)


def tracks_per_status(page: str) -> dict[str, str]:
    """The dashboard's chart: each status's label and its count, as shown."""
    return dict(CHART_ROW.findall(html.unescape(page)))


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_an_officers_status_change_shows_on_the_next_dashboard(client, make, officer) -> None:
    client.login(officer)  # which reads the dashboard: kept
    first = make.track(status=TrackStatus.NEGOTIATING, lead=officer, name="Fisheries")
    make.track(status=TrackStatus.NEGOTIATING, lead=officer, name="Water")
    with counted() as worked_out:
        before = client.get("/")
    with counted() as kept:
        again = client.get("/")
    assert tracks_per_status(before.text)["Negotiating"] == "2"
    assert again.text == before.text
    # the second read reuses the first's sections: only the login's own statements
    assert len(kept) < len(worked_out) - 10, (len(kept), len(worked_out))

    moved = client.submit(
        f"/tracks/{first.id}/status",
        {"to_status": "suspended", "effective_on": "2026-01-12", "expected_status": "negotiating"},
    )
    assert moved.status_code == 302
    after = client.get("/")
    counts = tracks_per_status(after.text)
    assert counts["Negotiating"] == "1"
    assert counts["Suspended"] == "1"


def test_a_milestone_marked_done_leaves_the_overdue_count_and_list_total(
    client, make, officer
) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, lead=officer)
    late = make.milestone(track, title="Send the draft", planned_on=date(2026, 1, 5))
    make.milestone(track, title="Answer the note", planned_on=date(2026, 1, 6))
    client.login(officer)
    overdue = re.compile(r'id="overdue-title">[^<]*<span class="count">(\d+)</span>')
    assert overdue.search(client.get("/").text).group(1) == "2"
    assert "2 in all." in html.unescape(client.get("/milestones/?state=overdue").text)
    client.get("/")  # kept now

    done = client.submit(
        f"/milestones/{late.id}/complete",
        {"done_on": "2026-01-10", "outcome": "Sent", "version": str(late.version)},
    )
    assert done.status_code == 302
    assert overdue.search(client.get("/").text).group(1) == "1"
    listed = html.unescape(client.get("/milestones/?state=overdue").text)
    assert "Send the draft" not in listed
    assert "1 in all." in listed


#: another worker of the same server: its own process, the same database and stamp file
ANOTHER_WORKER = """
import sys
from datetime import date
from tracker import create_app
from tracker.domain.workflow import TrackStatus
from tracker.models import NegotiationTrack, User
from tracker.orm import db
from tracker.services.tracks import change_status

url, stamp, track_id, actor_id = sys.argv[1:]
app = create_app({"DATABASE_URL": url, "SECRET_KEY": "x", "TESTING": True,
                  "SCHEDULER": "off", "READ_CACHE_STAMP": stamp})
with app.app_context():
    track = db.session.get(NegotiationTrack, int(track_id))
    change_status(track, TrackStatus.SUSPENDED, effective_on=date(2026, 1, 12),
                  actor=db.session.get(User, int(actor_id)))
    db.session.commit()
    db.engine.dispose()
"""


def test_a_change_made_by_another_worker_shows_on_the_next_dashboard(
    app, client, make, officer
) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, lead=officer, name="Fisheries")
    client.login(officer)
    assert tracks_per_status(client.get("/").text)["Negotiating"] == "1"
    assert tracks_per_status(client.get("/").text)["Negotiating"] == "1"  # kept

    subprocess.run(
        [
            sys.executable,
            "-c",
            ANOTHER_WORKER,
            app.config["DATABASE_URL"],
            app.config["READ_CACHE_STAMP"],
            str(track.id),
            str(officer.id),
        ],
        check=True,
        timeout=120,
    )
    counts = tracks_per_status(client.get("/").text)
    assert counts["Negotiating"] == "0"
    assert counts["Suspended"] == "1"
