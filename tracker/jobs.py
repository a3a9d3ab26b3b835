"""The scheduler's job table and its wiring. Jobs only call services; the rules live there.

Every job selects what is due and not yet done, so a run missed while the scheduler
was down is caught up by the next run, and a second run (or a second scheduler) adds
nothing: that, not the scheduler's memory, is what makes catch-up safe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential

from tracker import clock
from tracker.mail.sender import SenderSettings, drain_outbox
from tracker.orm import db
from tracker.services.follow_mail import queue_daily_digests, queue_follow_notices
from tracker.services.reminders import queue_reminders
from tracker.services.reports import queue_due_weekly_report

HOUR = 3600


def reminder_scan(now: datetime) -> str:
    return f"{queue_reminders(now)} reminder(s) queued"


def weekly_report(now: datetime) -> str:
    return f"{queue_due_weekly_report(now)} weekly report(s) queued"


def follow_notices(now: datetime) -> str:
    return f"{queue_follow_notices(now)} follow notice(s) queued"


def daily_digests(now: datetime) -> str:
    return f"{queue_daily_digests(now)} daily digest(s) queued"


def outbox_drain(now: datetime) -> str:
    settings = SenderSettings.from_config(current_app.config, current_app.instance_path)
    result = drain_outbox(now, settings)
    return f"{result.sent} sent, {result.retried} to retry, {result.failed} failed"


@dataclass(frozen=True)
class JobSpec:
    id: str
    description: str
    trigger: Callable[[ZoneInfo], BaseTrigger]
    run: Callable[[datetime], str]
    #: how late a run may start and still run (APScheduler's default is 1 second)
    misfire_grace_time: int


# Local times avoid 01:00-03:59, where daylight-saving changes skip or repeat an hour.
JOBS: tuple[JobSpec, ...] = (
    JobSpec(
        "reminder-scan",
        "Queue milestone, action item, meeting, overdue Party act (the signature, ratification, "
        "acceptance, approval or accession awaited), stale-track, anniversary and legal-clock "
        "reminders (daily 06:30)",
        lambda tz: CronTrigger(hour=6, minute=30, timezone=tz),
        reminder_scan,
        misfire_grace_time=6 * HOUR,
    ),
    JobSpec(
        "weekly-report",
        "Store and queue last week's status report (Mondays 07:00)",
        lambda tz: CronTrigger(day_of_week="mon", hour=7, minute=0, timezone=tz),
        weekly_report,
        misfire_grace_time=12 * HOUR,
    ),
    JobSpec(
        "follow-notices",
        "Tell followers who want every change what just changed (every minute)",
        lambda tz: IntervalTrigger(minutes=1, timezone=tz),
        follow_notices,
        misfire_grace_time=5 * 60,
    ),
    JobSpec(
        "daily-digest",
        "Send followers in daily mode yesterday's changes (daily 07:15)",
        lambda tz: CronTrigger(hour=7, minute=15, timezone=tz),
        daily_digests,
        misfire_grace_time=12 * HOUR,
    ),
    JobSpec(
        "outbox-drain",
        "Send queued mail (every minute)",
        lambda tz: IntervalTrigger(minutes=1, timezone=tz),
        outbox_drain,
        misfire_grace_time=5 * 60,
    ),
)


#: PostgreSQL's "try again" conditions: serialization failure, deadlock, lock not available
_PG_RETRY_CODES = {"40001", "40P01", "55P03"}


def database_busy(error: BaseException) -> bool:
    """True for a database that is busy rather than wrong: SQLite's "database is locked"
    (another connection held the write lock past the busy timeout) and PostgreSQL's
    serialization failures and deadlocks. Worth trying again; anything else is not."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.orig, "sqlstate", None) in _PG_RETRY_CODES:
        return True
    said = str(error.orig).lower()
    return "database is locked" in said or "database is busy" in said


def run_job(app: Flask, job: JobSpec, now: datetime | None = None) -> str:
    """Run one job's logic as of `now` inside an app context; return its summary.

    A run that meets a busy database (database_busy) is rolled back and run again, with
    growing waits (JOB_BUSY_RETRY_SECONDS, doubling to 5 minutes) for up to
    JOB_BUSY_RETRY_FOR_SECONDS (an hour): a daily job that met an import or a backup must
    not skip its day (issue 14 #7). Retried with tenacity, the maintained library for it.
    """
    at = now or clock.now_utc()
    retrying = Retrying(
        retry=retry_if_exception(database_busy),
        wait=wait_exponential(
            multiplier=float(app.config.get("JOB_BUSY_RETRY_SECONDS", 5)), max=300
        ),
        stop=stop_after_delay(float(app.config.get("JOB_BUSY_RETRY_FOR_SECONDS", 3600))),
        before_sleep=lambda state: app.logger.warning(
            "job %s: database busy (%s); retrying in %.1f s",
            job.id,
            state.outcome.exception() if state.outcome else "",
            state.next_action.sleep if state.next_action else 0,
        ),
        reraise=True,
    )
    with app.app_context(), exclusive(job.id) as acquired:
        if not acquired:
            summary = "skipped: another scheduler is running this job right now"
        else:
            for attempt in retrying:
                with attempt:
                    summary = _run_once(job, at)
        app.logger.info("job %s: %s", job.id, summary)
        return summary


def _run_once(job: JobSpec, at: datetime) -> str:
    # The job runner is the boundary of the job's transaction: the services flush, the job
    # commits once at the end (the outbox commits its own batches), or rolls back when it
    # fails.
    try:
        summary = job.run(at)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return summary


def _lock_key(job_id: str) -> int:
    """A stable signed 64-bit key per job for PostgreSQL's advisory locks."""
    return int.from_bytes(
        hashlib.sha256(f"accord-tracker:{job_id}".encode()).digest()[:8], "big", signed=True
    )


@contextmanager
def exclusive(job_id: str) -> Iterator[bool]:
    """On PostgreSQL, hold a session-level advisory lock for the job on its own connection.

    A second scheduler started by mistake then skips the job instead of running it at the
    same moment. (The outbox's unique keys would stop duplicates anyway; the lock also
    stops the duplicate work.) SQLite has no such lock and relies on the keys alone.
    """
    if db.engine.dialect.name != "postgresql":
        yield True
        return
    key = _lock_key(job_id)
    with db.engine.connect() as connection:
        acquired = bool(
            connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
        )
        connection.commit()
        try:
            yield acquired
        finally:
            if acquired:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()


def run_due(app: Flask, now: datetime | None = None) -> list[tuple[str, str]]:
    """Every job's logic as of `now`, in order: queue first, then drain the outbox."""
    return [(job.id, run_job(app, job, now)) for job in JOBS]


def build_scheduler(
    app: Flask, scheduler_class: type[BaseScheduler] = BlockingScheduler
) -> BaseScheduler:
    zone = ZoneInfo(app.config["TIMEZONE"])
    scheduler = scheduler_class(timezone=zone, job_defaults={"coalesce": True, "max_instances": 1})
    for job in JOBS:
        scheduler.add_job(
            run_job,
            trigger=job.trigger(zone),
            args=(app, job),
            id=job.id,
            name=job.description,
            misfire_grace_time=job.misfire_grace_time,
            coalesce=True,
            max_instances=1,
            replace_existing=True,
        )
    # Catch up at start, in order (queue, then send): whatever was missed while down.
    scheduler.add_job(
        run_due,
        trigger="date",
        run_date=datetime.now(zone),
        args=(app,),
        id="catch-up",
        name="Catch up at start: every job once, in order",
        misfire_grace_time=HOUR,
    )

    def log_problem(event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_MISSED:
            app.logger.warning(
                "job %s missed its run at %s", event.job_id, event.scheduled_run_time
            )
        else:
            app.logger.error("job %s failed", event.job_id, exc_info=event.exception)

    scheduler.add_listener(log_problem, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    return scheduler


def next_run_times(app: Flask, now: datetime) -> list[tuple[JobSpec, datetime | None]]:
    zone = ZoneInfo(app.config["TIMEZONE"])
    local = now.astimezone(zone)
    return [(job, job.trigger(zone).get_next_fire_time(None, local)) for job in JOBS]
