"""The security baseline: CSRF everywhere, cookies, login limits, sessions, secrets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from tests.factories import PASSWORD
from tests.web.test_permissions import ROUTES, url_for_endpoint
from tracker import create_app
from tracker.orm import db


@pytest.mark.parametrize("endpoint", sorted(e for e, (m, _) in ROUTES.items() if m == "POST"))
def test_every_state_changing_route_needs_the_csrf_token(
    app, client, admin, records, endpoint
) -> None:
    client.login(admin)
    url = url_for_endpoint(app, endpoint, records)
    assert client.post(url, data={}).status_code == 400
    assert client.post(url, data={"csrf_token": "forged"}).status_code == 400


@pytest.mark.parametrize(
    "endpoint",
    ["agreements.new", "tracks.new", "milestones.new", "admin.new_user", "preferences.me"],
)
def test_form_routes_need_the_csrf_token_on_post(app, client, admin, records, endpoint) -> None:
    client.login(admin)
    url = url_for_endpoint(app, endpoint, records)
    assert client.post(url, data={"title": "x", "name": "x"}).status_code == 400


def secure_app(tmp_path) -> Flask:
    return create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}",
            "SECRET_KEY": "k",
            "BASE_URL": "https://tracker.example.org",
        }
    )


def test_cookies_are_secure_when_served_over_https(app, tmp_path) -> None:
    assert app.config["SESSION_COOKIE_SECURE"] is False  # the tests run over http
    https = secure_app(tmp_path)
    assert https.config["SESSION_COOKIE_SECURE"] is True
    assert https.config["REMEMBER_COOKIE_SECURE"] is True
    for name in ("SESSION_COOKIE_SAMESITE", "REMEMBER_COOKIE_SAMESITE"):
        assert https.config[name] == "Lax"
    assert https.config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert https.config["REMEMBER_COOKIE_DURATION"] <= timedelta(days=14)


def test_remember_me_cookie_is_httponly_and_lax(client, officer) -> None:
    client.csrf_token = client.token_from(client.get("/login"))
    response = client.submit(
        "/login", {"email": officer.email, "password": PASSWORD, "remember": "y"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "HttpOnly" in remember and "SameSite=Lax" in remember


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    with pytest.raises(RuntimeError, match="TRACKER_SECRET_KEY is not set"):
        create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
                "ENV": "production",
                "SECRET_KEY": None,
            }
        )
    development = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'd.db'}", "ENV": "development", "SECRET_KEY": None}
    )
    assert len(development.config["SECRET_KEY"]) >= 32


def attempt(client, email: str, password: str, address: str = "127.0.0.1"):
    client.csrf_token = client.token_from(client.get("/login"))
    return client.submit(
        "/login", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def test_login_attempts_are_limited_per_address(client, officer) -> None:
    for i in range(10):
        assert attempt(client, f"nobody{i}@test.example", "wrong").status_code == 200
    blocked = attempt(client, officer.email, PASSWORD)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.text
    # Another address is not blocked.
    assert attempt(client, officer.email, PASSWORD, "10.1.2.3").status_code == 302


def test_nobody_locks_an_account_out_from_many_addresses(client, officer) -> None:
    """No request limit per account (issue 14 #10): failures slow down the addresses that
    make them (tests/web/test_login_throttling.py), not the officer."""
    for i in range(10):
        response = attempt(client, officer.email, "wrong", f"10.0.0.{i}")
        assert "Wrong email or password." in response.text
    assert attempt(client, officer.email, PASSWORD, "10.0.1.1").status_code == 302


def test_a_password_change_logs_out_other_sessions(app, client, officer) -> None:
    laptop, phone = client, app.test_client()
    laptop.login(officer)
    phone.login(officer)
    response = laptop.submit(
        "/me/password",
        {
            "current_password": PASSWORD,
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200  # this session carries on
    assert phone.get("/").status_code == 302  # the other one is logged out
    assert phone.get("/").headers["Location"].startswith("/login")
    db.session.expire_all()
    assert officer.check_password("a brand new passphrase")


def test_password_change_checks_the_current_password_and_length(client, officer) -> None:
    client.login(officer)
    wrong = client.submit(
        "/me/password",
        {
            "current_password": "nope",
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert wrong.status_code == 422 and "Your current password is not right." in wrong.text
    short = client.submit(
        "/me/password", {"current_password": PASSWORD, "password": "short", "confirm": "short"}
    )
    assert "The password must have at least 12 characters." in short.text
    differ = client.submit(
        "/me/password",
        {
            "current_password": PASSWORD,
            "password": "a brand new passphrase",
            "confirm": "another passphrase",
        },
    )
    assert "The two new passwords differ." in differ.text


def test_passwords_are_hashed_with_scrypt(officer) -> None:
    officer.set_password("a long enough password")
    assert officer.password_hash.startswith("scrypt:")


@pytest.mark.allow_server_errors
def test_errors_show_no_stack_trace(client, officer, monkeypatch) -> None:
    import tracker.services.dashboard as dashboard

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(dashboard.overview, "status_counts", broken)
    client.login(officer)
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
