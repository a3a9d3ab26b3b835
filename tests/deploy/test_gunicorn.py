"""Production shape: gunicorn with 3 workers, one scheduler process, a mail server, a database.

Everything here is a real process talking over loopback. The suite's database (SQLite, or
PostgreSQL in the second CI run) is shared with the processes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from time_machine import escape_hatch

from tests.conftest import free_port
from tests.factories import PASSWORD
from tracker.domain.workflow import TrackStatus
from tracker.models import NegotiationTrack, OutboxMessage, OutboxStatus, StatusChange
from tracker.orm import db

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
EXPECTED = re.compile(r'name="expected_status" type="hidden" value="([a-z_]+)"')


def real_today():
    """The machine's date: the processes under test are not time-travelled like this one."""
    return escape_hatch.datetime.datetime.now().date()


def wait_for(condition: Any, what: str, seconds: float = 120) -> None:
    """Polls until `condition()` holds, failing after `seconds`: a ceiling, not a measure.
    gunicorn's three workers took 55 s to answer on a loaded machine whose cores the suite's
    parallel workers share with other runs, so 60 s failed runs that were otherwise green."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)  # polling another process; the test's clock is not involved
    pytest.fail(f"timed out waiting for {what}")


class Browserless:
    """A logged-in HTTP client with its own cookies, as one officer's browser."""

    def __init__(self, base: str, email: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        token = CSRF.search(self.get("/login")[1]).group(1)
        status, _ = self.post("/login", {"email": email, "password": PASSWORD, "csrf_token": token})
        assert status == 200, "login failed"

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def toggle(self, track_id: int) -> str:
        """Suspend a launched track or resume a suspended one; say what happened."""
        _, page = self.get(f"/tracks/{track_id}")
        seen = EXPECTED.search(page).group(1)
        target = "suspended" if seen == "launched" else "launched"
        status, text = self.post(
            f"/tracks/{track_id}/status",
            {
                "to_status": target,
                "effective_on": real_today().isoformat(),
                "expected_status": seen,
                "comment": "",
                "csrf_token": CSRF.search(page).group(1),
            },
        )
        if status == 200 and "New status:" in text:
            return "applied"
        if status == 422 and ("while you were looking" in text or "someone else" in text):
            return "conflict"
        return f"unexpected {status}"


@pytest.fixture
def processes(app, smtp_server, tmp_path):
    mailbox, server = smtp_server
    env = {
        **os.environ,
        "TRACKER_ENV": "production",
        "TRACKER_DATABASE_URL": app.config["DATABASE_URL"],
        "TRACKER_SECRET_KEY": "gunicorn-test-secret",
        "TRACKER_BASE_URL": "http://tracker.test",
        "TRACKER_TIMEZONE": "UTC",
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(server.port),
        "TRACKER_LOGIN_RATE_LIMIT": "10000 per minute",
        "GUNICORN_WORKERS": "3",
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        # gunicorn's control socket (25 and later) in this test's own folder: by default it
        # is one per user ($HOME/.gunicorn/gunicorn.ctl), shared by every gunicorn that the
        # parallel workers (or another run) start at the same time
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    started: list[tuple[subprocess.Popen, Path]] = []

    def start(name: str, command: list[str]) -> Path:
        log = tmp_path / f"{name}.log"
        with log.open("w") as handle:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
            )
        started.append((process, log))
        return log

    yield env, start, mailbox
    for process, _ in started:
        process.terminate()
    for process, log in started:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        print(f"--- {log.name}\n{log.read_text()[-3000:]}")  # shown when the test fails


def test_three_workers_one_scheduler_and_two_hundred_concurrent_moves(processes, make) -> None:
    env, start, mailbox = processes
    officers = [make.user(role="officer", email=f"officer{i}@test.example") for i in range(20)]
    quiet_lead = make.user(role="officer", reminders_enabled=False)
    # Launched 100 days ago: no launch anniversary falls near the (real) day the test runs,
    # whose 220 alerts would queue ahead of the reminders.
    launched = real_today() - timedelta(days=100)
    shared = make.track(name="Shared track", lead=quiet_lead, since=launched)
    own = [
        make.track(name=f"Own track {i}", lead=officers[i], since=launched) for i in range(10, 20)
    ]
    due = real_today() + timedelta(days=7)
    # The deadlines sit on a track nobody moves: the shared track may end suspended (an odd
    # number of applied moves), and a suspended track's milestones are not reminded.
    steady = make.track(name="Steady track", lead=quiet_lead, since=launched)
    for i in range(3):
        make.milestone(steady, title=f"Deadline {i}", planned_on=due, owner_id=officers[i].id)

    web_log = start(
        "gunicorn",
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "tracker:create_app()"],
    )
    base = f"http://{env['GUNICORN_BIND']}"

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    wait_for(healthy, "gunicorn to answer")
    assert web_log.read_text().count("Booting worker") == 3

    # 20 officers, 10 moves each, at once: 10 on one shared track, 10 on their own tracks.
    clients = [Browserless(base, o.email) for o in officers]
    targets = [shared.id] * 10 + [t.id for t in own]

    def work(i: int) -> list[str]:
        return [clients[i].toggle(targets[i]) for _ in range(10)]

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(work, range(20)))
    counts = Counter(o for client in outcomes for o in client)
    assert set(counts) <= {"applied", "conflict"}, counts
    assert sum(counts.values()) == 200
    for i in range(10, 20):  # alone on their track, nobody conflicts
        assert outcomes[i] == ["applied"] * 10

    db.session.expire_all()
    for track_id, applied in [(shared.id, sum(o.count("applied") for o in outcomes[:10]))] + [
        (t.id, outcomes[10 + k].count("applied")) for k, t in enumerate(own)
    ]:
        history = db.session.scalars(
            select(StatusChange).where(StatusChange.track_id == track_id).order_by(StatusChange.id)
        ).all()
        assert len(history) == 1 + applied  # every applied move is recorded, none lost
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_status == before.to_status  # an unbroken chain
        track = db.session.get(NegotiationTrack, track_id)
        assert track.status is history[-1].to_status
        expected = TrackStatus.LAUNCHED if applied % 2 == 0 else TrackStatus.SUSPENDED
        assert track.status is expected

    # One scheduler: the start-up run queues and sends the reminders, once.
    scheduler_log = start(
        "scheduler", [sys.executable, "-m", "flask", "--app", "tracker", "scheduler"]
    )

    def all_sent() -> bool:
        db.session.expire_all()
        rows = db.session.scalars(
            select(OutboxMessage.status).where(OutboxMessage.kind == "milestone_due")
        ).all()
        return len(rows) == 3 and all(s is OutboxStatus.SENT for s in rows)

    wait_for(all_sent, "the scheduler to send the reminders")
    reminders = [m for m in mailbox.messages if "Deadline" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in reminders) == [f"officer{i}@test.example" for i in range(3)]
    assert scheduler_log.read_text().count("job reminder-scan:") == 1
    assert "job reminder-scan" not in web_log.read_text()  # workers never run jobs

    # A second scheduler started by mistake sends nothing twice.
    second_log = start(
        "scheduler2", [sys.executable, "-m", "flask", "--app", "tracker", "scheduler"]
    )
    wait_for(
        lambda: (
            "job outbox-drain:" in second_log.read_text()
            and "job reminder-scan:" in second_log.read_text()
        ),
        "the second scheduler",
    )
    assert "job reminder-scan: 0 reminder(s) queued" in second_log.read_text() or (
        "skipped" in second_log.read_text()
    )
    assert len([m for m in mailbox.messages if "Deadline" in str(m["Subject"])]) == 3


def _throttling_gunicorn(processes: Any, make: Any) -> tuple[str, Any]:
    """gunicorn's three workers (two threads each) on the suite's database, and an officer
    to guess for. Flask-Limiter's request rate is out of the way (10000 a minute, as a
    per-worker memory store would be in effect): the failures themselves are counted in
    the database."""
    env, start, _ = processes
    officer = make.user(role="officer", email="target@test.example")
    web_log = start(
        "gunicorn",
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "tracker:create_app()"],
    )
    base = f"http://{env['GUNICORN_BIND']}"

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    wait_for(healthy, "gunicorn to answer")
    assert web_log.read_text().count("Booting worker") == 3
    return base, officer


def _login_form(base: str, email: str) -> tuple[Any, bytes]:
    """A browser of its own (cookies) with the login form's body, ready to post."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(base + "/login", timeout=30) as response:
        token = CSRF.search(response.read().decode()).group(1)
    body = urllib.parse.urlencode(
        {"email": email, "password": "not it", "csrf_token": token}
    ).encode()
    return opener, body


def _post_login(base: str, opener: Any, body: bytes) -> tuple[int, str]:
    try:
        with opener.open(base + "/login", body, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_fifteen_wrong_passwords_in_a_minute_are_throttled_across_three_workers(
    processes, make
) -> None:
    base, officer = _throttling_gunicorn(processes, make)
    answers = [_post_login(base, *_login_form(base, officer.email)) for _ in range(15)]
    statuses = [status for status, _ in answers]
    assert statuses == [200] * 5 + [429] * 10
    assert all("Too many failed logins" in page for _, page in answers[5:])


def test_fifteen_wrong_passwords_at_once_are_throttled_across_three_workers(
    processes, make
) -> None:
    """Sent together, over six connections at a time: each attempt is counted before its
    password is checked, so parallel guesses cannot all read the same count and all be
    answered (found after issue 14 #10 landed: they could exceed the five free ones)."""
    base, officer = _throttling_gunicorn(processes, make)
    forms = [_login_form(base, officer.email) for _ in range(15)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda form: _post_login(base, *form), forms))
    assert Counter(status for status, _ in answers) == {200: 5, 429: 10}
