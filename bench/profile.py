"""Profile the dashboard's sections and time pages in-process, on any database.

    python bench/profile.py --database-url postgresql+psycopg://…/bench_s10 [--repeat 7]
        [--pages /,/milestones/,/tracks/1] [--no-sections]

For the officer (bench/generate.py's OFFICER_EMAIL) and the administrator: each section of
the dashboard called alone (median and best ms, SQL ms, statements; the reader reloaded
after each rollback counts one), then each page through the WSGI app beside /healthz
(median and best ms, statements median and most: a kept read, tracker.services.read_cache,
issues fewer than the first). Session 11 of issue 19 in bench/notes.md was measured so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import time_machine  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from bench.generate import ADMIN_EMAIL, OFFICER_EMAIL, TODAY, bench_app  # noqa: E402
from bench.run import NOW, isolated, logged_in  # noqa: E402
from tracker.database import upgrade_to_head  # noqa: E402
from tracker.models import User  # noqa: E402
from tracker.orm import db  # noqa: E402
from tracker.services import dashboard, overview  # noqa: E402
from tracker.services.action_items import held_items_count, open_items_of  # noqa: E402
from tracker.services.anniversaries import (  # noqa: E402
    count_upcoming_anniversaries,
    earliest_event_year,
    upcoming_anniversaries,
)
from tracker.services.bodies import projected_meetings  # noqa: E402

READERS = (("officer", OFFICER_EMAIL), ("admin", ADMIN_EMAIL))
PAGES = "/,/milestones/,/milestones/?state=overdue,/tracks/,/tracks/?q=trade,/tracks/1,/agreements/"


def sections(viewer: User) -> dict[str, Callable[[], Any]]:
    """The dashboard's sections as tracker.services.dashboard.dashboard_page calls them."""
    end = TODAY + timedelta(days=dashboard.ANNIVERSARIES_WITHIN_DAYS)
    window = {"viewer": viewer, "earliest_year": earliest_event_year()}
    shown = dashboard.ANNIVERSARIES_SHOWN
    return {
        "status counts": lambda: overview.status_counts(viewer),
        "tracks by status": lambda: overview.tracks_by_status(viewer),
        "due": lambda: overview.milestones_due(TODAY, viewer, dashboard.DUE_WITHIN_DAYS),
        "overdue list": lambda: overview.overdue_milestones(TODAY, viewer),
        "overdue count": lambda: overview.overdue_count(TODAY, viewer),
        "anniversaries": lambda: upcoming_anniversaries(TODAY, end, limit=shown, **window),
        "jubilees": lambda: upcoming_anniversaries(
            TODAY, end, jubilees_only=True, limit=shown, **window
        ),
        "anniversaries count": lambda: count_upcoming_anniversaries(TODAY, end, **window),
        "my action items": lambda: open_items_of(viewer),
        "held action items": lambda: held_items_count(viewer),
        "projected meetings": lambda: projected_meetings(),
        "whole dashboard_page": lambda: dashboard.dashboard_page(viewer, TODAY),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pages", default=PAGES)
    parser.add_argument("--no-sections", action="store_true")
    args = parser.parse_args()
    app = bench_app(args.database_url)
    with app.app_context():
        upgrade_to_head()
    timings: list[float] = []

    def started(conn: Any, *_: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def ended(conn: Any, *_: Any) -> None:
        timings.append((time.perf_counter() - conn.info["bench_started"]) * 1000)

    with time_machine.travel(NOW, tick=True):
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", started)
            event.listen(db.engine, "after_cursor_execute", ended)
            for reader, email in READERS if not args.no_sections else ():
                viewer = db.session.scalar(select(User).where(User.email == email))
                print(f"sections, {reader}")
                for name, work in sections(viewer).items():
                    times, sql, counts = [], [], []
                    for _ in range(args.repeat):
                        timings.clear()
                        begun = time.perf_counter()
                        work()
                        times.append((time.perf_counter() - begun) * 1000)
                        sql.append(sum(timings))
                        counts.append(len(timings))
                        db.session.rollback()
                    print(
                        f"  {name:22} {statistics.median(times):7.1f} ms"
                        f" (best {min(times):.1f}), SQL {statistics.median(sql):6.1f} ms,"
                        f" {max(counts)} statements"
                    )
        for reader, email in READERS:
            client, _ = logged_in(app, email)
            for page in ["/healthz", *args.pages.split(",")]:
                times, counts = [], []
                for _ in range(args.repeat):
                    timings.clear()
                    begun = time.perf_counter()
                    response = isolated(client.get, page)
                    times.append((time.perf_counter() - begun) * 1000)
                    counts.append(len(timings))
                    assert response.status_code == 200, (page, response.status_code)
                    response.close()
                print(
                    f"{reader:8} {page:28} {statistics.median(times):7.1f} ms"
                    f" (best {min(times):.1f}), statements median"
                    f" {statistics.median(counts):g}, most {max(counts)}"
                )
    print("load average " + " ".join(f"{n:.1f}" for n in os.getloadavg()))


if __name__ == "__main__":
    main()
