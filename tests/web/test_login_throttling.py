"""Failed logins are counted in the database (every worker sees them), per (submitted email,
address) and per address, with growing delays; the answer never tells an unknown, an
inactive and a real account apart, and nobody can lock a known officer out from elsewhere.
(Issue 14 #10; the same under gunicorn's three workers: tests/deploy/test_gunicorn.py.)"""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine

from tests.factories import PASSWORD
from tracker import clock

WRONG = "not the password at all"
#: failures of one (email, address) pair, and of one address, answered before a delay
#: (tracker.domain.logins)
FREE_FAILURES = 5
FREE_FAILURES_PER_ADDRESS = 20


def attempt(client, email: str, password: str, address: str = "192.0.2.10"):
    client.csrf_token = client.token_from(client.get("/login"))
    return client.submit(
        "/login", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def visible(response) -> str:
    """The page without its CSRF token, which differs on every page."""
    return re.sub(r'value="[^"]+"', "", response.get_data(as_text=True))


def test_after_five_failures_the_pair_waits_a_growing_delay(client, officer) -> None:
    for _ in range(FREE_FAILURES):
        assert "Wrong email or password." in attempt(client, officer.email, WRONG).text
    refused = attempt(client, officer.email, PASSWORD)  # even the right password now waits
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.text and "1 minute" in refused.text
    assert client.get("/").status_code == 302  # not logged in

    with time_machine.travel(clock.now_utc() + timedelta(seconds=61), tick=False):
        assert "Wrong email or password." in attempt(client, officer.email, WRONG).text
        again = attempt(client, officer.email, PASSWORD)
        assert again.status_code == 429 and "2 minutes" in again.text  # the delay grows
    with time_machine.travel(clock.now_utc() + timedelta(seconds=61 + 121), tick=False):
        assert attempt(client, officer.email, PASSWORD).status_code == 302


def test_nobody_can_lock_an_officer_out_from_another_address(client, officer) -> None:
    for _ in range(3 * FREE_FAILURES):
        attempt(client, officer.email, WRONG, "198.51.100.66")
    assert attempt(client, officer.email, PASSWORD, "192.0.2.10").status_code == 302


def test_one_address_trying_many_accounts_is_slowed_down(client, officer) -> None:
    for i in range(FREE_FAILURES_PER_ADDRESS):
        # a different made-up account each time, slower than Flask-Limiter's request rate
        with time_machine.travel(clock.now_utc() + timedelta(seconds=7 * i), tick=False):
            attempt(client, f"guess{i}@test.example", WRONG, "198.51.100.7")
    with time_machine.travel(
        clock.now_utc() + timedelta(seconds=7 * FREE_FAILURES_PER_ADDRESS), tick=False
    ):
        refused = attempt(client, officer.email, PASSWORD, "198.51.100.7")
    assert refused.status_code == 429 and "Too many failed logins" in refused.text


def test_unknown_inactive_and_real_accounts_are_answered_alike(client, make) -> None:
    real = make.user(email="real@test.example")
    make.user(email="inactive@test.example", active=False)
    answers = {}
    emails = (real.email, "inactive@test.example", "nobody@test.example")
    for n, email in enumerate(emails):
        address = f"192.0.2.{20 + n}"
        responses = [attempt(client, email, WRONG, address) for _ in range(FREE_FAILURES + 2)]
        answers[email] = [(r.status_code, visible(r).replace(email, "EMAIL")) for r in responses]
    assert answers[emails[0]][-1][0] == 429
    assert answers[emails[0]] == answers[emails[1]] == answers[emails[2]]


def test_an_unknown_account_costs_a_password_hash_too(client, monkeypatch) -> None:
    from werkzeug.security import check_password_hash

    checked = []

    def spy(stored: str, password: str) -> bool:
        checked.append(password)
        return check_password_hash(stored, password)

    # the one place a login checks a password (a spy: the real hash is still computed)
    monkeypatch.setattr("tracker.services.logins.check_password_hash", spy)
    attempt(client, "nobody@test.example", WRONG)
    assert checked == [WRONG]


def test_a_success_clears_the_failures_of_that_pair(client, officer) -> None:
    for _ in range(FREE_FAILURES - 1):
        attempt(client, officer.email, WRONG)
    assert attempt(client, officer.email, PASSWORD).status_code == 302
    client.delete_cookie("session")  # a fresh browser, at the same address
    for _ in range(FREE_FAILURES - 1):
        assert "Wrong email or password." in attempt(client, officer.email, WRONG).text
    assert attempt(client, officer.email, PASSWORD).status_code == 302
