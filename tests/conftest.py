"""Fixtures: one app and one real SQLite file database per test session, migrated to head.

Each test runs inside an app context and leaves an empty database behind.
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import pytest
import time_machine
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, delete, make_url, text
from werkzeug.serving import make_server

from tests import factories
from tests.explore import (  # noqa: F401  the bounded random run's hooks
    pytest_addoption,
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_configure_node,
    pytest_pyfunc_call,
    pytest_report_header,
    pytest_sessionfinish,
    pytest_terminal_summary,
    pytest_testnodedown,
)
from tracker import create_app
from tracker.database import upgrade_to_head
from tracker.extensions import limiter
from tracker.models import User
from tracker.orm import db
from tracker.services import search_index

CSRF_INPUT = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


# Hypothesis, for every property test: derandomised, so that every run is reproducible. The
# tests marked `explore` also run un-derandomised for a bounded time with --explore-seconds
# (`make test` passes it), with the seed printed: tests/explore.py.
settings.register_profile(
    "suite",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
settings.load_profile("suite")

#: the pytest-xdist worker running this process ("gw0", "gw1" ...; "" when not parallel)
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
#: set to a PostgreSQL URL to run the whole suite on PostgreSQL (CI does both)
SERVER_DATABASE_URL = os.environ.get("TRACKER_TEST_DATABASE_URL", "")


def _worker_database(url: str) -> str:
    """The database this process tests on: under pytest-xdist each worker has its own on the
    one PostgreSQL server, named after the given one with the worker's id (`tracker_test_gw0`),
    so that workers never see each other's rows. SQLite files are per test session anyway."""
    if not url or not WORKER:
        return url
    server = make_url(url)
    return server.set(database=f"{server.database}_{WORKER}").render_as_string(hide_password=False)


#: the database of this process (a worker's own under pytest-xdist); the migration tests
#: name their scratch databases after it, so those are per worker too
TEST_DATABASE_URL = _worker_database(SERVER_DATABASE_URL)


def _empty_database(url: str) -> None:
    """A PostgreSQL test database is made empty at the start, so migrations run from scratch:
    a worker's database is created afresh (through the server's database, SERVER_DATABASE_URL);
    the server's own database is wiped."""
    if url != SERVER_DATABASE_URL:
        server = create_engine(SERVER_DATABASE_URL, isolation_level="AUTOCOMMIT")
        name = make_url(url).database
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        server.dispose()
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp("tracker")
    database_url = TEST_DATABASE_URL or f"sqlite:///{folder / 'test.db'}"
    if TEST_DATABASE_URL:
        _empty_database(TEST_DATABASE_URL)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
            "TIMEZONE": "UTC",
            "SCHEDULER": "off",
            "BASE_URL": "http://tracker.test",
            "UPLOAD_FOLDER": str(folder / "uploads"),
            # what the workers of one server share to drop their kept reads (read_cache)
            "READ_CACHE_STAMP": str(folder / "read-cache-stamp"),
        }
    )
    with app.app_context():
        upgrade_to_head()
    yield app
    with app.app_context():
        db.engine.dispose()  # close pooled connections before the interpreter does


#: named moments used across tests
DEFAULT_NOW = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)  # a Monday, after the December launches
EPCA_JUBILEE_RUN_UP = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _default_now() -> Iterator[None]:
    """Every test starts at the same moment (the clock still ticks), so dates are reproducible."""
    with time_machine.travel(DEFAULT_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _no_unhandled_errors(app: Flask, request: pytest.FixtureRequest) -> Iterator[None]:
    """A 500 is rendered politely to users; in tests it must fail loudly instead."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.ERROR)
    handler.emit = records.append  # type: ignore[method-assign]
    app.logger.addHandler(handler)
    yield
    app.logger.removeHandler(handler)
    if "allow_server_errors" not in request.keywords:
        assert not records, f"unhandled error in the app: {records[0].exc_info}"


@pytest.fixture(autouse=True)
def _app_context(app: Flask, _default_now: None) -> Iterator[None]:
    with app.app_context():
        limiter.reset()  # login attempts are counted per test
        yield
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        search_index.clear()  # Core deletes pass no flush: the index is emptied with them
        db.session.commit()
        db.session.remove()


class Client(FlaskClient):
    """A test client that logs in through the real form and sends the CSRF token it was given."""

    csrf_token: str | None = None

    def open(self, *args: Any, **kwargs: Any) -> Any:
        # What the test did through the services (which only flush) is committed first, as
        # the request that did it would have: the test is that request's boundary. (A
        # redirect followed comes back here inside the request's own empty context.)
        if has_app_context():
            db.session.commit()
        # Run each request in an empty contextvars context, so it gets its own app context,
        # `g` and database session as in production, not the ones the test is holding.
        return contextvars.Context().run(super().open, *args, **kwargs)

    def login(self, user: User, password: str = factories.PASSWORD) -> Any:
        self.delete_cookie("session")  # start as a stranger, even if someone was logged in
        self.csrf_token = self.token_from(self.get("/login"))
        response = self.submit("/login", {"email": user.email, "password": password})
        assert response.status_code == 302, "login failed"
        # The session is cleared on login, so the form token changes with it.
        self.csrf_token = self.token_from(self.get("/"))
        return response

    @staticmethod
    def token_from(response: Any) -> str:
        match = CSRF_INPUT.search(response.get_data(as_text=True))
        assert match, "page has no CSRF token"
        return match.group(1)

    def submit(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """POST a form as a browser would: with the CSRF token of this session."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token)
        return self.post(url, data=data, **kwargs)


def _closing_at_once(app: Flask) -> Any:
    """The app with each response read whole and closed before the server writes it.

    Werkzeug's development server skips closing a response when the browser drops the
    connection while it is being written (a page navigated away from while its favicon
    or stylesheet is on the wire). A file response then warns as it is collected, in
    whichever test runs at that moment, and the suite treats warnings as errors. No
    response of the app streams, so reading it whole changes nothing else.
    """

    def wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        response = app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()

    return wsgi


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app on a real HTTP server on loopback, as an API client or a browser meets it."""
    server = make_server("127.0.0.1", free_port(), _closing_at_once(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def client(app: Flask) -> Client:
    app.test_client_class = Client
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def make() -> type[factories.Factories]:
    return factories.Factories


@pytest.fixture
def officer() -> User:
    return factories.Factories.user(role="officer", email="officer@test.example")


@pytest.fixture
def admin() -> User:
    return factories.Factories.user(role="admin", email="admin@test.example")


@pytest.fixture
def viewer() -> User:
    return factories.Factories.user(role="viewer", email="viewer@test.example")


@pytest.fixture
def at_1_december_2025() -> Iterator[None]:
    with time_machine.travel(EPCA_JUBILEE_RUN_UP, tick=False):
        yield


# --- mail: a real SMTP server on loopback ---------------------------------------------


class Mailbox:
    """What the SMTP server received, parsed back with the email package."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        #: set to an SMTP reply such as "451 4.3.0 Try later" to refuse the next messages
        self.refuse_with: str | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.refuse_with:
            return self.refuse_with
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        return sorted(str(m["Subject"]) for m in self.messages)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """aiosmtpd on a fixed loopback port that can go down and come back, like a real one."""

    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox
        self.port = free_port()
        self.controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        # A stopped controller cannot be restarted; a new one takes the same port.
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, Any]]:
    """A real SMTP server on loopback, with the app configured to send to it."""
    mailbox = Mailbox()
    server = SmtpServer(mailbox)
    server.start()
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", server.port)
    monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 5)
    yield mailbox, server
    server.stop()


@pytest.fixture
def mailbox(smtp_server: tuple[Mailbox, Any]) -> Mailbox:
    return smtp_server[0]
