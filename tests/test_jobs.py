"""The job table and the scheduler's settings, tested apart from the job bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from tracker.jobs import JOBS, build_scheduler, next_run_times


def test_jobs_have_fixed_ids_and_safe_settings(app, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "TIMEZONE", "Europe/Brussels")
    scheduler = build_scheduler(app, BackgroundScheduler)
    assert scheduler.timezone == ZoneInfo("Europe/Brussels")
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {
        "reminder-scan",
        "weekly-report",
        "follow-notices",
        "daily-digest",
        "outbox-drain",
        "catch-up",
    }
    # Catch-up at start: a one-off run of every job, in order, as the scheduler starts.
    assert jobs.pop("catch-up").args == (app,)
    for job in jobs.values():
        assert job.coalesce is True
        assert job.max_instances == 1
    assert jobs["reminder-scan"].misfire_grace_time >= 3600
    assert jobs["weekly-report"].misfire_grace_time >= 3600
    weekly = jobs["weekly-report"].trigger
    assert isinstance(weekly, CronTrigger)
    assert str(weekly.fields[weekly.FIELD_NAMES.index("day_of_week")]) == "mon"
    assert str(weekly.fields[weekly.FIELD_NAMES.index("hour")]) == "7"


def test_no_cron_job_runs_in_the_dst_hours() -> None:
    for spec in JOBS:
        trigger = spec.trigger(ZoneInfo("Europe/Brussels"))
        if isinstance(trigger, CronTrigger):
            hour = str(trigger.fields[trigger.FIELD_NAMES.index("hour")])
            assert hour.isdigit() and not 1 <= int(hour) <= 3, spec.id


def test_next_run_times_in_the_configured_zone(app, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "TIMEZONE", "Asia/Almaty")
    friday = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)
    times = {job.id: when for job, when in next_run_times(app, friday)}
    assert times["weekly-report"].isoformat() == "2025-11-24T07:00:00+05:00"
    assert times["reminder-scan"].isoformat() == "2025-11-22T06:30:00+05:00"


def test_jobs_list_and_run_due_commands(runner) -> None:
    listing = runner.invoke(args=["jobs", "list"])
    assert listing.exit_code == 0
    assert "reminder-scan" in listing.output and "weekly-report" in listing.output
    result = runner.invoke(args=["jobs", "run-due", "--at", "2025-11-21T08:00"])
    assert result.exit_code == 0, result.output
    assert "reminder-scan: 0 reminder(s) queued" in result.output
    bad = runner.invoke(args=["jobs", "run-due", "--at", "next tuesday"])
    assert bad.exit_code != 0 and "not an ISO date-time" in bad.output


def test_outbox_commands(runner, make) -> None:
    from datetime import date

    make.milestone(
        make.track(lead=make.user(email="lead@test.example")), planned_on=date(2026, 1, 13)
    )
    runner.invoke(args=["jobs", "run-due", "--at", "2026-01-12T06:30"])
    listing = runner.invoke(args=["outbox", "list"])
    assert "lead@test.example" in listing.output


def test_a_job_already_running_elsewhere_is_skipped_on_postgresql(app) -> None:
    from tracker.jobs import JOBS, _lock_key, run_job
    from tracker.orm import db

    scan = next(j for j in JOBS if j.id == "reminder-scan")
    if db.engine.dialect.name != "postgresql":
        # SQLite has no advisory locks: the job runs, and the outbox keys prevent duplicates.
        assert "queued" in run_job(app, scan, datetime(2026, 1, 12, 6, 30, tzinfo=UTC))
        return
    from sqlalchemy import text

    with db.engine.connect() as other_scheduler:  # holds the job's lock
        other_scheduler.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _lock_key(scan.id)})
        summary = run_job(app, scan, datetime(2026, 1, 12, 6, 30, tzinfo=UTC))
        assert summary.startswith("skipped")
        other_scheduler.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _lock_key(scan.id)})
    assert "queued" in run_job(app, scan, datetime(2026, 1, 12, 6, 30, tzinfo=UTC))
