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
    assert set(jobs) == {"reminder-scan", "weekly-report", "outbox-drain"}
    for job in jobs.values():
        assert job.coalesce is True
        assert job.max_instances == 1
    assert jobs["reminder-scan"].misfire_grace_time >= 3600
    assert jobs["weekly-report"].misfire_grace_time >= 3600
    weekly = jobs["weekly-report"].trigger
    assert isinstance(weekly, CronTrigger)
    assert str(weekly.fields[weekly.FIELD_NAMES.index("day_of_week")]) == "mon"
    assert str(weekly.fields[weekly.FIELD_NAMES.index("hour")]) == "7"
    # Catch-up at start: the jobs run as soon as the scheduler starts.
    assert all(job.next_run_time is not None for job in jobs.values())


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
