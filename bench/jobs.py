"""Time the scheduled jobs on a generated archive (issue 19 #4): seconds and peak memory.

    python bench/jobs.py [--database-url URL] [--scale 10] [--events 1000]

Each job is split where the issue draws the line: the selection (what is due: the
reminder scan's `iter_due_reminders`, the weekly report's build, the followers of each
pending change) against the target of 2 s, and the whole job (composing and queueing the
mails into the outbox) reported beside it. Every job runs as of the archive's Monday,
12 January 2026, 09:00 UTC, inside a transaction that is rolled back: the database is left
as it was and the next run measures the same work.

The generator makes no follows: for the fan-out, every track's lead follows the track (as
a new lead does, tracker.services.follows.follow_as_lead), one officer in five follows
five agreements and a body, and `--events` changes of the last hour wait to be told (a
busy hour; a 1,000-row import makes 1,000).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import time_machine
from sqlalchemy import delete, func, insert, select, text

from bench.generate import bench_app
from bench.run import NOW, archive
from tracker.database import upgrade_to_head
from tracker.models import (
    Agreement,
    Body,
    Follow,
    FollowEvent,
    NegotiationTrack,
    OutboxMessage,
    User,
    WeeklyReport,
)
from tracker.orm import db
from tracker.services.follow_mail import queue_follow_notices
from tracker.services.followers import followers_of
from tracker.services.reminders import iter_due_reminders, queue_reminders
from tracker.services.reports import build_weekly_report, queue_weekly_report

TARGET_SECONDS = 2.0


#: what the jobs (and the fan-out's set-up) write: the queueing commits (insert_new), so
#: rows past the archive's own are deleted after each run instead of rolled back
WRITTEN = (OutboxMessage, WeeklyReport, FollowEvent, Follow)


def undo(highest: dict[Any, int]) -> None:
    db.session.rollback()
    for model in WRITTEN:
        db.session.execute(delete(model).where(model.id > highest[model]))
    db.session.commit()


def measured(
    work: Callable[[], Any], memory: bool, prepare: Callable[[], None] | None = None
) -> tuple[float, float | None, Any]:
    """Seconds (without tracemalloc, which slows allocation-heavy code several times),
    then, if `memory`, peak MB (a second run under tracemalloc); `prepare` runs before
    each, untimed; what each run (and its preparation) wrote is undone."""
    highest = {m: db.session.scalar(select(func.coalesce(func.max(m.id), 0))) for m in WRITTEN}
    db.session.rollback()
    if prepare:
        prepare()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    undo(highest)
    if not memory:
        return seconds, None, result
    if prepare:
        prepare()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    undo(highest)
    return seconds, peak / 1e6, result


def with_follows(events: int) -> Callable[[], Any]:
    """The follows and the pending changes, added and committed before each fan-out run
    (and deleted after it with what the job wrote)."""

    def setup() -> None:
        tracks = db.session.execute(
            select(NegotiationTrack.id, NegotiationTrack.lead_officer_id).order_by(
                NegotiationTrack.id
            )
        ).all()
        users = db.session.scalars(select(User.id).order_by(User.id)).all()
        n_agreements = db.session.scalar(select(func.max(Agreement.id)))
        n_bodies = db.session.scalar(select(func.max(Body.id)))
        # followed a day before the changes: a follower hears only of later ones
        since = NOW - timedelta(days=1)
        none = {"agreement_id": None, "track_id": None, "body_id": None, "created_at": since}
        rows = [{**none, "user_id": lead, "track_id": track} for track, lead in tracks]
        for n, user in enumerate(users[::5]):
            rows += [
                {**none, "user_id": user, "agreement_id": 1 + (n * 7 + k) % n_agreements}
                for k in range(5)
            ]
            rows.append({**none, "user_id": user, "body_id": 1 + n % n_bodies})
        db.session.execute(insert(Follow.__table__), rows)
        # every user wants each change at once (the default, NotifyMode.IMMEDIATE)
        step = max(len(tracks) // events, 1)
        db.session.execute(
            insert(FollowEvent.__table__),
            [
                {
                    "occurred_at": NOW - timedelta(minutes=30),
                    "action": "track.status",
                    "summary": f"Track {track} moved",
                    "actor_id": users[0],
                    "track_id": track,
                }
                for track, _ in tracks[::step][:events]
            ],
        )
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            # as autovacuum would have long since: fresh rows have no statistics, and the
            # followers of each change would be read by scanning every follow
            db.session.execute(text("ANALYZE follows, follow_events"))
            db.session.commit()

    return setup


def run(database_url: str, events: int, only: str = "") -> list[tuple[str, float, str, str]]:
    app = bench_app(database_url)
    with app.app_context():
        upgrade_to_head()
    rows = []
    with time_machine.travel(NOW, tick=True), app.app_context():
        setup = with_follows(events)

        def fan_out_selection() -> int:
            pending = db.session.scalars(
                select(FollowEvent).where(FollowEvent.notified_at.is_(None))
            ).all()
            return sum(len(users) for users in followers_of(pending).values())

        def fan_out_queue() -> int:
            return queue_follow_notices(NOW)

        jobs: list[tuple[str, Callable[[], Any], bool, Callable[[], None] | None]] = [
            (
                "reminder scan: selection",
                lambda: sum(1 for _ in iter_due_reminders(NOW)),
                True,
                None,
            ),
            (
                "reminder scan: whole job (composed, queued)",
                lambda: queue_reminders(NOW),
                False,
                None,
            ),
            (
                "weekly report: build",
                lambda: build_weekly_report("2026-W02") and "built",
                True,
                None,
            ),
            (
                "weekly report: whole job (stored, composed per reader, queued)",
                lambda: queue_weekly_report("2026-W02", NOW),
                False,
                None,
            ),
            (f"follow fan-out: followers of {events} changes", fan_out_selection, True, setup),
            (f"follow fan-out: whole job ({events} changes, queued)", fan_out_queue, False, setup),
        ]
        for name, work, target, prepare in jobs:
            if only not in name:
                continue
            # The whole jobs' memory is not traced: under tracemalloc the 31,000 reminder
            # mails of scale 10 take many minutes to queue. Their selections' is.
            seconds, peak, result = measured(work, memory=target, prepare=prepare)
            verdict = ""
            if target:
                missed = seconds - TARGET_SECONDS
                verdict = "met" if missed < 0 else f"**missed by {missed:.2f} s**"
            megabytes = "not traced" if peak is None else f"{peak:.1f}"
            rows.append((name, seconds, megabytes, f"{result} {verdict}".strip()))
            print(f"{name}: {seconds:.2f} s, {megabytes} MB, {result} {verdict}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--only", default="", help="the jobs whose name has this text")
    args = parser.parse_args()
    url = args.database_url or archive(args.scale)
    rows = run(url, args.events, args.only)
    print(f"`python bench/jobs.py --events {args.events}` on {url.split('@')[-1]}:\n")
    print("| job | seconds | peak MB | result (target 2 s for the selections) |")
    print("|---|---:|---:|---|")
    for name, seconds, peak, result in rows:
        print(f"| {name} | {seconds:.2f} | {peak} | {result} |")


if __name__ == "__main__":
    main()
