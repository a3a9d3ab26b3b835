"""Accounts go through one schema (UserInput) at every door, and an administrator's edit
of an account is checked for lost updates like any other record (issue 13, items 2)."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from tests.factories import PASSWORD
from tracker.models import Role, User
from tracker.orm import db
from tracker.schemas import SchemaRefusal
from tracker.services import users as user_service
from tracker.services.errors import ConflictError


def _form(user: User, **changes: str) -> dict[str, str]:
    db.session.refresh(user)
    return {
        "name": user.name,
        "email": user.email,
        "role": user.role.value,
        "active": "y",
        "version": str(user.version),
    } | changes


def test_the_schema_refuses_every_bad_field_of_a_new_account_at_once(admin) -> None:
    with pytest.raises(SchemaRefusal) as refused:
        user_service.create_user(
            {
                "email": "not an address",
                "name": "Aigerim\nNurlanovna",
                "role": "officer",
                "password": "short",
            },
            actor=admin,
        )
    fields = {r.field: str(r.message) for r in refused.value.refusals}
    assert fields == {
        "email": "Enter an email address like name@example.org.",
        "name": "Keep this on one line: no line breaks.",
        "password": "The password must have at least 12 characters.",
    }
    assert db.session.scalar(select(func.count()).select_from(User)) == 1  # the admin


def test_a_new_account_is_stored_as_the_schema_normalises_it(admin) -> None:
    user = user_service.create_user(
        {"email": "  Aigerim@Example.ORG ", "name": " Aigerim ", "password": " twelve chars "},
        actor=admin,
    )
    assert (user.email, user.name, user.role) == ("aigerim@example.org", "Aigerim", Role.OFFICER)
    assert user.check_password(" twelve chars ")  # a password is never stripped


def test_an_account_edit_without_its_version_or_with_an_old_one_is_a_conflict(
    admin, officer
) -> None:
    data = {"name": "Renamed", "email": officer.email, "role": "officer"}
    with pytest.raises(ConflictError):
        user_service.update_user(officer, data, expected_version=None, actor=admin)
    seen = officer.version
    user_service.update_user(officer, {**data, "name": "First"}, expected_version=seen, actor=admin)
    db.session.commit()
    with pytest.raises(ConflictError):
        user_service.update_user(officer, data, expected_version=seen, actor=admin)
    db.session.rollback()
    assert db.session.get(User, officer.id).name == "First"


def test_a_second_administrator_does_not_overwrite_the_first(client, admin, officer) -> None:
    client.login(admin)
    page_seen = _form(officer)  # both administrators opened the page at this version
    first = client.submit(f"/admin/users/{officer.id}/edit", page_seen | {"name": "First"})
    assert first.status_code == 302
    second = client.submit(f"/admin/users/{officer.id}/edit", page_seen | {"name": "Second"})
    assert second.status_code == 422
    page = html.unescape(second.text)
    assert f"{admin.name} saved this record at" in page  # who saved, and when
    assert 'value="Second"' in page  # the input is kept
    db.session.expire_all()
    assert db.session.get(User, officer.id).name == "First"
    # A deliberate second save, from the page now showing the current version, wins.
    again = client.submit(f"/admin/users/{officer.id}/edit", _form(officer, name="Second"))
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, officer.id).name == "Second"


def test_an_account_form_without_a_version_saves_nothing(client, admin, officer) -> None:
    client.login(admin)
    form = _form(officer, name="Renamed")
    del form["version"]
    response = client.submit(f"/admin/users/{officer.id}/edit", form)
    assert response.status_code == 422
    assert "did not say which version" in html.unescape(response.text)
    db.session.expire_all()
    assert db.session.get(User, officer.id).name != "Renamed"


def test_account_refusals_reach_a_kazakh_administrator_in_kazakh(client, make) -> None:
    admin = make.user(role="admin", language="kk")
    client.login(admin)
    response = client.submit(
        "/admin/users/new",
        {"name": "Айгерім", "email": "айгерім at мид", "role": "officer", "password": "қысқа"},
    )
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "Enter an email address like" not in page
    assert "The password must have" not in page
    assert "name@example.org" in page  # the Kazakh sentence keeps the example address
    assert "12" in page


def test_the_own_password_change_takes_the_accounts_limit(client, officer) -> None:
    client.login(officer)
    too_long = "x" * 1025
    response = client.submit(
        "/me/password",
        {"current_password": PASSWORD, "password": too_long, "confirm": too_long},
    )
    assert response.status_code == 422
    assert "At most 1,024 characters." in html.unescape(response.text)


def test_the_login_prompt_is_said_in_the_browsers_language(client) -> None:
    bounced = client.get("/tracks/", headers={"Accept-Language": "kk"})
    assert bounced.status_code == 302
    page = client.get(bounced.headers["Location"], headers={"Accept-Language": "kk"})
    assert "Бұл бетті ашу үшін жүйеге кіріңіз." in page.get_data(as_text=True)


def test_the_current_password_cannot_be_guessed_past_the_login_throttle(client, officer) -> None:
    """Found by the adversarial check: /me/password answered every wrong current password
    at once, so a session left open let anyone guess the password without the login's
    limit. A wrong one now counts as a failed login of the account from that address."""
    client.login(officer)
    new = "a brand new passphrase"
    answers = [
        client.submit(
            "/me/password",
            {"current_password": f"wrong {n}", "password": new, "confirm": new},
        )
        for n in range(6)
    ]
    assert [a.status_code for a in answers] == [422] * 5 + [429]
    assert "Your current password is not right." in html.unescape(answers[0].text)
    assert "Too many failed logins" in html.unescape(answers[5].text)
