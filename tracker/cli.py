"""Command-line interface: thin wrappers around services."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from tracker.models import Role
from tracker.orm import db


def init_app(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user_command)
    for command in (
        jobs_group,
        report_group,
        outbox_group,
        scheduler_command,
        serve_command,
        backup_command,
        restore_command,
        search_group,
    ):
        app.cli.add_command(command)


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database schema to the latest migration."""
    from tracker.database import upgrade_to_head

    upgrade_to_head()
    click.echo("Database is at the latest schema.")


@click.command("seed-demo")
@click.option(
    "--first-start",
    is_flag=True,
    help="Load nothing if the database already has users (used by `make run`).",
)
def seed_demo(first_start: bool) -> None:
    """Load the EU–Kazakhstan demo data and demo users. Running it twice changes nothing."""
    from tracker.services.demo import DEMO_USERS, has_any_user, seed_demo_data

    if first_start and has_any_user():
        click.echo("Database already has data; demo data not loaded again.")
    else:
        result = seed_demo_data()
        db.session.commit()  # the command is the boundary: the services only flush
        click.echo(f"Demo data: {result.created} records created, {result.existing} already there.")
    click.echo("\nDemo logins (change or remove them before real use):")
    for email, _name, role, password in DEMO_USERS:
        click.echo(f"  {role.value:<8} {email:<26} password: {password}")


@click.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="The person's full name.")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.OFFICER.value,
    show_default=True,
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, name: str, role: str, password_stdin: bool) -> None:
    """Create an account. The password is prompted for, or read from stdin."""
    from tracker.i18n import translate
    from tracker.schemas import SchemaRefusal
    from tracker.services.errors import ServiceError
    from tracker.services.users import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user({"email": email, "name": name, "role": role, "password": password})
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        refusals = error.refusals if isinstance(error, SchemaRefusal) else [error]
        raise click.ClickException(
            "; ".join(f"{r.field or 'input'}: {translate(r.message)}" for r in refusals)
        ) from error
    click.echo(f"Created {user.role.value} {user.email}.")


# --- scheduler, jobs, reports, outbox -------------------------------------------------

jobs_group = click.Group("jobs", help="The scheduled jobs.")
report_group = click.Group("report", help="Status reports.")
outbox_group = click.Group("outbox", help="Queued mail.")
search_group = click.Group("search", help="The full-text search index.")


def _moment(value: str | None) -> datetime:
    """An ISO date-time in TRACKER_TIMEZONE (or with its own offset), as UTC."""
    from tracker import clock

    if not value:
        return clock.now_utc()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(
            f"{value!r} is not an ISO date-time like 2025-11-21T08:00"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock.zone())
    return moment.astimezone(UTC)


@jobs_group.command("list")
@with_appcontext
def jobs_list() -> None:
    """Show the jobs and when each runs next."""
    from flask import current_app

    from tracker import clock
    from tracker.jobs import next_run_times

    for job, next_run in next_run_times(current_app._get_current_object(), clock.now_utc()):
        when = next_run.isoformat(timespec="minutes") if next_run else "never"
        click.echo(f"{job.id:<14} next {when}  {job.description}")


@jobs_group.command("run-due")
@click.option("--at", "at", help="Run as of this moment (ISO, in TRACKER_TIMEZONE).")
@with_appcontext
def jobs_run_due(at: str | None) -> None:
    """Run every job's logic as of a moment, then drain the outbox."""
    from flask import current_app

    from tracker.jobs import run_due

    for job_id, summary in run_due(current_app._get_current_object(), _moment(at)):
        click.echo(f"{job_id}: {summary}")


@report_group.command("weekly")
@click.option("--week", help="ISO week, e.g. 2025-W49 (default: the last complete week).")
@click.option("--send", is_flag=True, help="Store it, queue it to subscribers and send.")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "csv"]), default="text")
@with_appcontext
def report_weekly(week: str | None, send: bool, fmt: str) -> None:
    """Print (or send) the weekly status report."""
    from flask import current_app, render_template

    from tracker import clock
    from tracker.domain.weeks import parse_report_week, previous_iso_week
    from tracker.jobs import outbox_drain
    from tracker.services.reports import build_weekly_report, queue_weekly_report, report_csv

    week = week or previous_iso_week(clock.today())
    try:
        parse_report_week(week, clock.today())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--week") from exc
    if send:
        now = clock.now_utc()
        queued = queue_weekly_report(week, now)
        db.session.commit()
        click.echo(f"{queued} report(s) queued; {outbox_drain(now)}")
        return
    data = build_weekly_report(week, today=clock.today())
    if fmt == "csv":
        click.echo(report_csv(data), nl=False)
    elif fmt == "html":
        with current_app.test_request_context():
            click.echo(render_template("reports/weekly_standalone.html", report=data))
    else:
        click.echo(render_template("reports/weekly_standalone.txt", report=data))


@outbox_group.command("list")
@click.option("--status", type=click.Choice(["pending", "sending", "sent", "failed"]))
@click.option("--limit", default=50, show_default=True)
@with_appcontext
def outbox_list(status: str | None, limit: int) -> None:
    """List queued mail, newest first."""
    from sqlalchemy import select

    from tracker.models import OutboxMessage
    from tracker.orm import db

    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status:
        query = query.where(OutboxMessage.status == status)
    for m in db.session.scalars(query):
        click.echo(f"{m.id:>6} {m.status.value:<8} {m.attempts:>2} {m.to_address:<30} {m.subject}")


@outbox_group.command("send")
@with_appcontext
def outbox_send() -> None:
    """Send what is due in the outbox now."""
    from tracker import clock
    from tracker.jobs import outbox_drain

    click.echo(outbox_drain(clock.now_utc()))


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the scheduler in this process (production: its own service, one only)."""
    from flask import current_app

    from tracker.jobs import build_scheduler

    _log_jobs_to_console()
    scheduler = build_scheduler(current_app._get_current_object())
    click.echo("Scheduler running; Ctrl+C to stop.")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Development server, with the scheduler inside it when TRACKER_SCHEDULER=embedded."""
    import threading

    from apscheduler.events import (
        EVENT_JOB_ERROR,
        EVENT_JOB_EXECUTED,
        EVENT_JOB_MISSED,
        JobEvent,
    )
    from apscheduler.schedulers.background import BackgroundScheduler
    from flask import current_app
    from werkzeug.serving import run_simple

    from tracker.jobs import build_scheduler
    from tracker.mail.links import SERVED_AT

    app = current_app._get_current_object()
    # links the embedded jobs put in mail name this server when no BASE_URL is configured
    app.config[SERVED_AT] = f"http://{host}:{port}"
    scheduler = None
    if app.config["SCHEDULER"] == "embedded":
        _log_jobs_to_console()
        # No reloader, so this process is the only one: the scheduler starts exactly once.
        scheduler = build_scheduler(app, BackgroundScheduler)
        # Wait for the start-up run (build_scheduler's "catch-up" job) and its log lines, so
        # that the closing block below stays the last thing on the screen.
        caught_up = threading.Event()

        def note_catch_up(event: JobEvent) -> None:
            if event.job_id == "catch-up":
                caught_up.set()

        scheduler.add_listener(
            note_catch_up, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED
        )
        scheduler.start()
        click.echo("Scheduler started inside the development server; catching up ...")
        caught_up.wait(timeout=120)
    _print_closing_block(app, f"http://{host}:{port}")
    try:
        # run_simple, not app.run(): Flask ignores app.run() inside a `flask` command.
        run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)


def _print_closing_block(app: Flask, address: str) -> None:
    """What a new user needs from `make run`: where to go, how to log in, where mail goes."""
    from tracker.mail.sender import SenderSettings
    from tracker.services.demo import DEMO_USERS

    mail = SenderSettings.from_config(app.config, app.instance_path)
    if mail.smtp_host:
        where = f"sent to the SMTP server {mail.smtp_host}:{mail.smtp_port}"
    else:
        folder = mail.mail_dir.resolve()
        if folder.is_relative_to(Path.cwd()):
            folder = folder.relative_to(Path.cwd())
        where = f"written as .eml files to {folder}/ (no TRACKER_SMTP_HOST set)"
    click.echo(f"\nAccord Tracker: open {address} in a browser.")
    click.echo("Demo logins (change or remove them before real use):")
    for email, _name, role, password in DEMO_USERS:
        click.echo(f"  {role.value:<8} {email:<26} password: {password}")
    click.echo(f"Mail is {where}.")
    click.echo("Stop with Ctrl+C.\n")


def _log_jobs_to_console() -> None:
    """Show each job's summary and any error on the console of a long-running process."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("tracker").setLevel(logging.INFO)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH (SQLite; pg_dump for PostgreSQL)."""
    from tracker.services.backup import backup_database
    from tracker.services.errors import ServiceError

    try:
        backup_database(path)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Backup written to {path}.")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the current data without asking.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database's content with a backup. Stop the web and scheduler first."""
    from tracker.services.backup import restore_database
    from tracker.services.errors import ServiceError

    if not yes:
        click.confirm(f"Replace all current data with {path}?", abort=True)
    try:
        restore_database(path)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()  # the rebuilt full-text index
    click.echo(
        f"Restored from {path}. Run `flask --app tracker init-db` if the backup is "
        "from an older version."
    )


@search_group.command("rebuild")
@with_appcontext
def search_rebuild() -> None:
    """Index every agreement, track, milestone, body, action item and document again."""
    from tracker.services.search_index import rebuild

    counts = rebuild()
    db.session.commit()
    click.echo(
        "Search index rebuilt: " + ", ".join(f"{kind} {count}" for kind, count in counts.items())
    )
