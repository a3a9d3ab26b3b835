"""Configuration: defaults, then instance/config.py, then TRACKER_* environment variables.

Nothing is read at import time; load_config() is called by create_app().
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

#: where links point outside a request when BASE_URL is not set and `flask serve` has not
#: said where it listens (its own default host and port)
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"


class DefaultConfig:
    #: "production" refuses to start without an explicit secret key; `make run` and
    #: `make test` set "development", where one is generated into instance/
    ENV = "production"
    DATABASE_URL: str | None = None  # default: SQLite file in instance/
    SECRET_KEY: str | None = None  # default: generated once into instance/secret_key
    TIMEZONE = "UTC"
    #: the public address, for absolute links (mail, calendar feeds). Set it in production
    #: (TRACKER_BASE_URL): it is then used everywhere, whatever Host a request names. Left
    #: unset (development), a request's own address is used, and outside a request (jobs,
    #: the CLI) the address `flask serve` listens on (tracker.mail.links.base_url)
    BASE_URL: str | None = None
    SCHEDULER = "off"
    MAIL_FROM = "Accord Tracker <tracker@localhost>"
    SMTP_HOST: str | None = None
    SMTP_PORT = 25
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_STARTTLS = False
    #: seconds; smtplib's default is to wait for ever
    SMTP_TIMEOUT = 30
    #: where .eml files go when no SMTP host is set (default: instance/mail)
    MAIL_DIR: str | None = None
    #: attempts and exponential backoff: 1, 2, 4 ... minutes, at most an hour apart, so a
    #: server down for several hours still gets every message afterwards
    OUTBOX_MAX_ATTEMPTS = 12
    OUTBOX_RETRY_BASE_SECONDS = 60
    OUTBOX_RETRY_MAX_SECONDS = 3600
    #: seconds before a message claimed by a sender that died goes again; must be longer
    #: than the longest send of one message (9 x SMTP_TIMEOUT), which the sender checks
    OUTBOX_CLAIM_TIMEOUT_SECONDS = 900
    STALE_AFTER_DAYS = 60
    #: "officers" (every active officer and administrator) or a comma-separated list of emails
    ANNIVERSARY_RECIPIENTS = "officers"
    PAGE_SIZE = 25
    #: the short name of the Party whose officers use this installation, as brackets name
    #: it ("KZ" for Kazakhstan's ministry, "EU" for the EU's service); a track may set its
    #: own. Labels "our position" and "their position", the comparative table's columns and
    #: the brackets proposed by our side (issue 17); empty: no side is named
    OUR_SIDE = ""
    #: connections each process keeps open, and how many more it may open at a busy moment
    #: (SQLAlchemy's QueuePool); a gunicorn worker serves GUNICORN_THREADS requests at once
    #: and holds one connection for each, so PostgreSQL's max_connections must exceed
    #: workers x (pool size + overflow) + the scheduler's + the administrators' (README)
    DATABASE_POOL_SIZE = 5
    DATABASE_MAX_OVERFLOW = 5
    #: PostgreSQL, set on every connection the app opens (libpq `options`): "off" because
    #: JIT compilation cost 27-28 ms of each 34-40 ms anniversary query at bench scale 10
    #: for plans that run in a few milliseconds (bench/notes.md); "" keeps the server's
    POSTGRES_JIT = "off"
    #: PostgreSQL's memory per sort or hash before it spills to disk; "" keeps the server's
    POSTGRES_WORK_MEM = "16MB"
    #: seconds an officer's dashboard and a list's total are kept per process
    #: (tracker.services.read_cache; any committed change drops them at once); 0: never kept
    READ_CACHE_SECONDS = 30
    #: the file the workers of one host share to tell each other of a change (one byte
    #: appended per committed write); default: instance/read-cache-stamp
    READ_CACHE_STAMP = ""

    SQLALCHEMY_TRACK_MODIFICATIONS = False
    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a long drafting session must not lose its form
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=7)
    #: cookies are Secure when BASE_URL is https, unless set explicitly
    SESSION_COOKIE_SECURE: bool | None = None
    REMEMBER_COOKIE_SECURE: bool | None = None
    #: how many reverse proxies set X-Forwarded-* in front of the app (0: none)
    PROXY_FIX = 0
    RATELIMIT_STORAGE_URI = "memory://"
    #: login attempts, per client address and per account
    LOGIN_RATE_LIMIT = "10 per minute"
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    #: the largest text field of a multipart form (Flask's default is 500 KB): a CSV
    #: import's confirmation carries the file's text, up to its 1.5 MB limit
    #: (tracker.services.spreadsheets.parsing.MAX_FILE_BYTES), posted as multipart so that
    #: Cyrillic is not tripled by percent-encoding
    MAX_FORM_MEMORY_SIZE = 2 * 1024 * 1024
    #: the largest document an officer may attach (the upload page raises the limit above)
    UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    #: where attached documents are kept; default: instance/uploads
    UPLOAD_FOLDER = ""


def load_config(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("TRACKER")
    if overrides:
        app.config.update(overrides)

    instance = Path(app.instance_path)
    if not app.config.get("DATABASE_URL"):
        instance.mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'tracker.db'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    if not app.config.get("SECRET_KEY"):
        if app.config["ENV"] != "development" and not (app.debug or app.testing):
            raise RuntimeError(
                "TRACKER_SECRET_KEY is not set. In production the secret key must be given "
                "(environment or instance/config.py); for development set TRACKER_ENV=development."
            )
        app.config["SECRET_KEY"] = _instance_secret_key(instance)
    if not app.config.get("BASE_URL"):
        app.config["BASE_URL"] = None
        if app.config["ENV"] != "development" and not (app.debug or app.testing):
            app.logger.warning(
                "TRACKER_BASE_URL is not set: links in mail sent by jobs will name %s.",
                DEVELOPMENT_BASE_URL,
            )
    https = str(app.config["BASE_URL"] or "").startswith("https://")
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config.get(name) is None:
            app.config[name] = https
    app.config["PREFERRED_URL_SCHEME"] = "https" if https else "http"


def _instance_secret_key(instance: Path) -> str:
    """Generate the key once and keep it, so sessions survive a restart."""
    key_file = instance / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
