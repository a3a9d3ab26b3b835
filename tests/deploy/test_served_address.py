"""Absolute links name the address the app is really served at (issue 15, small things):
with no TRACKER_BASE_URL (development), `flask serve --port P` gives feed addresses and
links in mail on port P, not 5000; with TRACKER_BASE_URL set (production), that address
is used whatever Host a request names.

Real processes: the `flask` CLI's development server, with the scheduler inside it, sending
to a real SMTP server on loopback; the suite's database is shared with it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

from tests.conftest import free_port
from tests.deploy.test_gunicorn import CSRF, Browserless, real_today, wait_for
from tracker.mail.links import external_url
from tracker.web.responses import calendar_host

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).with_name("flask"))


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def test_flask_serve_on_another_port_names_that_port_in_feeds_and_mail(
    app, smtp_server, make, tmp_path
) -> None:
    mailbox, server = smtp_server
    officer = make.user(role="officer", email="served@test.example")
    make.milestone(
        make.track(name="Served"),
        title="Round 4",
        planned_on=real_today() + timedelta(days=7),
        owner_id=officer.id,
    )
    port = free_port()
    env = {
        **os.environ,
        "TRACKER_ENV": "development",
        "TRACKER_DATABASE_URL": app.config["DATABASE_URL"],
        "TRACKER_SECRET_KEY": "served-address-test",
        "TRACKER_TIMEZONE": "UTC",
        "TRACKER_SCHEDULER": "embedded",
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(server.port),
        "TRACKER_LOGIN_RATE_LIMIT": "10000 per minute",
    }
    env.pop("TRACKER_BASE_URL", None)
    log = tmp_path / "serve.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            [FLASK, "--app", "tracker", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _up(f"{base}/healthz"), "the development server", seconds=120)

        # the reminder the embedded scheduler sent links to this server
        def reminders() -> list:
            return [m for m in mailbox.messages if "Round 4" in str(m["Subject"])]

        wait_for(reminders, "the reminder", seconds=120)
        (reminder,) = reminders()
        text = reminder.get_body(preferencelist=("plain",)).get_content()
        assert f"{base}/milestones/" in text
        assert ":5000" not in text

        browser = Browserless(base, officer.email)
        _, page = browser.get("/me/calendars")
        status, shown = browser.post("/me/calendars", {"csrf_token": CSRF.search(page).group(1)})
        assert status == 200
        assert re.search(re.escape(base) + r"/calendar/[A-Za-z0-9_-]+\.ics", shown), shown[-2000:]
    finally:
        process.terminate()
        process.wait(timeout=20)
        print(log.read_text()[-3000:])  # shown when the test fails


def test_a_configured_base_url_wins_over_the_requests_host(app, monkeypatch) -> None:
    """Production: TRACKER_BASE_URL is the public address; a request naming another Host (a
    misrouted request, or a forged one) does not change links."""
    assert app.config["BASE_URL"] == "http://tracker.test"
    with app.test_request_context("/me/calendars", base_url="http://elsewhere.example:8123"):
        assert external_url("calendar.feed", token="t") == "http://tracker.test/calendar/t.ics"
        assert calendar_host() == "tracker.test"
    monkeypatch.setitem(app.config, "BASE_URL", None)
    with app.test_request_context("/me/calendars", base_url="http://127.0.0.1:8123/tracker"):
        assert external_url("calendar.feed", token="t") == (
            "http://127.0.0.1:8123/tracker/calendar/t.ics"
        )
    with app.app_context():  # a job, with no `flask serve` in this process
        assert external_url("calendar.feed", token="t") == "http://127.0.0.1:5000/calendar/t.ics"
