from __future__ import annotations

from sqlalchemy import select

from tracker.models import Role, User
from tracker.orm import db


def test_create_user_reads_the_password_from_stdin(runner) -> None:
    result = runner.invoke(
        args=[
            "create-user",
            "Aigerim@Example.org",
            "--name",
            "Aigerim",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.name, user.role) == ("aigerim@example.org", "Aigerim", Role.ADMIN)
    assert user.check_password("a long enough password")
    assert not user.password_hash.startswith("a long")


def test_create_user_refuses_short_passwords_and_duplicates(runner, officer) -> None:
    short = runner.invoke(
        args=["create-user", "x@example.org", "--name", "X", "--password-stdin"], input="short\n"
    )
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    dup = runner.invoke(
        args=["create-user", officer.email, "--name", "X", "--password-stdin"],
        input="a long enough password\n",
    )
    assert dup.exit_code != 0 and "already an account" in dup.output


def test_create_user_prompts_for_the_password(runner) -> None:
    result = runner.invoke(
        args=["create-user", "p@example.org", "--name", "P", "--role", "viewer"],
        input="prompted password\nprompted password\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.role)) is Role.VIEWER


def test_seed_demo_prints_the_logins_and_first_start_loads_once(runner) -> None:
    first = runner.invoke(args=["seed-demo", "--first-start"])
    assert "records created" in first.output
    assert "officer@example.org" in first.output and "accord-officer-demo" in first.output
    again = runner.invoke(args=["seed-demo", "--first-start"])
    assert "demo data not loaded again" in again.output


def test_init_db_is_idempotent(runner) -> None:
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0 and "latest schema" in result.output
