"""Command-line interface: thin wrappers around services."""

from __future__ import annotations

import sys

import click
from flask import Flask

from tracker.models import Role


def init_app(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user_command)


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
    from tracker.services.errors import ServiceError
    from tracker.services.users import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email, name=name, role=Role(role), password=password)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Created {user.role.value} {user.email}.")
