"""Sessions end on the server: logout ends this browser's session and its remember-me
cookie, "log out everywhere" and a password change end them all, and remember-me lasts
its lifetime from whatever address (issue 14 #9; in a real browser:
tests/browser/test_sessions.py)."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD
from tracker.models import FeedScope
from tracker.services.api_tokens import create_token
from tracker.services.calendar import create_feed

NEW_PASSWORD = "a brand new passphrase"


def log_in(client, user, *, remember: bool = False):
    client.csrf_token = client.token_from(client.get("/login"))
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.submit("/login", data)
    assert response.status_code == 302
    client.csrf_token = client.token_from(client.get("/"))
    return response


def replay(app, **cookies: str):
    """Another browser holding copies of these cookies."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief


def logged_in(client) -> bool:
    return client.get("/").status_code == 200


def test_a_session_cookie_copied_before_logout_is_refused_after_it(app, client, officer) -> None:
    log_in(client, officer)
    copied = client.get_cookie("session").value
    assert logged_in(replay(app, session=copied))  # the copy works while the session lives
    assert client.submit("/logout").status_code == 302
    assert not logged_in(replay(app, session=copied))


def test_a_remember_cookie_copied_before_logout_is_refused_after_it(app, client, officer) -> None:
    log_in(client, officer, remember=True)
    copied = client.get_cookie("remember_token").value
    assert client.submit("/logout").status_code == 302
    assert not logged_in(replay(app, remember_token=copied))


@pytest.mark.parametrize("way_out", ["/logout", "/logout/everywhere"])
def test_logging_out_removes_the_remember_cookie_from_the_browser(client, officer, way_out) -> None:
    """Refused by the server already; left in the browser, it looked like a login kept
    (noticed last session)."""
    log_in(client, officer, remember=True)
    assert client.get_cookie("remember_token") is not None
    assert client.submit(way_out).status_code == 302
    assert client.get_cookie("remember_token") is None


def test_remember_me_lasts_over_many_requests_after_the_browser_restarts(
    app, client, officer
) -> None:
    log_in(client, officer, remember=True)
    restarted = replay(app, remember_token=client.get_cookie("remember_token").value)
    # from another address, as after moving from the office to the VPN
    for path in ("/", "/tracks/", "/me", "/"):
        response = restarted.get(path, environ_base={"REMOTE_ADDR": "203.0.113.9"})
        assert response.status_code == 200, path


def test_log_out_everywhere_ends_every_session(app, client, officer) -> None:
    laptop, phone = client, app.test_client()
    log_in(laptop, officer, remember=True)
    log_in(phone, officer, remember=True)
    phone_remember = phone.get_cookie("remember_token").value
    assert laptop.submit("/logout/everywhere").status_code == 302
    assert not logged_in(laptop)
    assert not logged_in(phone)
    assert not logged_in(replay(app, remember_token=phone_remember))


def test_a_password_change_ends_other_sessions_and_revokes_tokens_and_feeds(
    app, client, officer
) -> None:
    _, api_token = create_token(officer, "spreadsheet sync")
    _, feed_token = create_feed(officer, FeedScope.USER)
    laptop, phone = client, app.test_client()
    log_in(laptop, officer)
    log_in(phone, officer, remember=True)
    phone_remember = phone.get_cookie("remember_token").value
    form = laptop.get("/me/password").text
    box = re.search(r"<input[^>]*name=\"revoke_access\"[^>]*>", form).group(0)
    assert "checked" in box  # revoking is the default

    response = laptop.submit(
        "/me/password",
        {
            "current_password": PASSWORD,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
            "revoke_access": "y",
        },
    )
    assert response.status_code == 302
    assert logged_in(laptop)
    assert not logged_in(phone)
    assert not logged_in(replay(app, remember_token=phone_remember))
    api = app.test_client().get(
        "/api/v1/agreements", headers={"Authorization": f"Bearer {api_token}"}
    )
    assert api.status_code == 401
    assert app.test_client().get(f"/calendar/{feed_token}.ics").status_code == 404


def test_a_password_change_can_keep_tokens_and_feeds(app, client, officer) -> None:
    _, api_token = create_token(officer, "spreadsheet sync")
    _, feed_token = create_feed(officer, FeedScope.USER)
    log_in(client, officer)
    response = client.submit(  # the box unticked: the browser sends no value
        "/me/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    api = app.test_client().get(
        "/api/v1/agreements", headers={"Authorization": f"Bearer {api_token}"}
    )
    assert api.status_code == 200
    assert app.test_client().get(f"/calendar/{feed_token}.ics").status_code == 200


def admin_edit(client, user, **changes):
    from tracker.orm import db

    db.session.refresh(user)  # the version an administrator's page would show now
    form = {
        "version": str(user.version),
        "name": user.name,
        "email": user.email,
        "role": user.role.value,
        "active": "y" if user.active else "",
        "password": "",
    } | changes
    return client.submit(f"/admin/users/{user.id}/edit", {k: v for k, v in form.items() if v})


def test_a_deactivated_account_stays_logged_out_when_reactivated(
    app, client, admin, officer
) -> None:
    """Found by the adversarial check: reactivating an account brought its old session
    cookies back to life."""
    officers_browser = app.test_client()
    log_in(officers_browser, officer)
    copied = officers_browser.get_cookie("session").value
    log_in(client, admin)
    assert admin_edit(client, officer, active="").status_code == 302
    assert not logged_in(replay(app, session=copied))
    officer.active = True
    assert admin_edit(client, officer, active="y").status_code == 302
    assert not logged_in(replay(app, session=copied))


def test_an_administrators_password_reset_revokes_tokens_and_feeds(
    app, client, admin, officer
) -> None:
    _, api_token = create_token(officer, "spreadsheet sync")
    _, feed_token = create_feed(officer, FeedScope.USER)
    log_in(client, admin)
    assert "revokes its API tokens" in client.get(f"/admin/users/{officer.id}/edit").text
    assert admin_edit(client, officer, password=NEW_PASSWORD).status_code == 302
    api = app.test_client().get(
        "/api/v1/agreements", headers={"Authorization": f"Bearer {api_token}"}
    )
    assert api.status_code == 401
    assert app.test_client().get(f"/calendar/{feed_token}.ics").status_code == 404
