"""The served benchmark (`bench/run.py --served`, issue 19 #1): pages as officers meet them.

gunicorn with the production settings (deploy/gunicorn.conf.py, `--workers` of them) serves
the tracker on a database; wrk (Debian's package) loads each page from loopback with
several connections for a few seconds, logged in as the administrator and as an officer on
no restricted track, with the same User-Agent as the login. Each page is checked first: it
must answer 200 with its marker and the logged-in page frame (wrk counts a redirect to the
login page as a success). In the same run a hello-world Flask app on the same gunicorn
settings gives the framework's ceiling, and the tracker's own /healthz the app's trivial
route; every page's throughput is reported as a share of both.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LUA = HERE / "wrk_summary.lua"
#: sent by the login and by wrk alike: a session is tied to its browser
USER_AGENT = "accord-tracker-bench/1 (wrk)"
CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
#: on every page of a logged-in reader (the header's log-out form)
LOGGED_IN = 'action="/logout"'
HELLO = "hello-world Flask (same gunicorn)"
TRIVIAL = "trivial route (/healthz)"
#: the targets of issue 19, as shares of /healthz's requests per second (officer, PG, 10)
TARGETS = {"dashboard": 0.10}
LIST_TARGET = 0.25


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    #: text the page shows only when it rendered what was asked
    marker: str


PAGES = (
    Page("dashboard", "/", "Where everything stands"),
    Page("milestones", "/milestones/", "<h1>Milestones</h1>"),
    Page("milestones, overdue", "/milestones/?state=overdue", "<h1>Milestones</h1>"),
    Page("tracks, searched (?q=trade)", "/tracks/?q=trade", "<h1>Negotiation tracks</h1>"),
    Page("tracks", "/tracks/", "<h1>Negotiation tracks</h1>"),
    Page("track page (/tracks/1)", "/tracks/1", "Track 1 negotiations"),
    Page("agreements", "/agreements/", "<h1>Agreements</h1>"),
    Page("agreement page (/agreements/1)", "/agreements/1", "Agreement 1 on cooperation"),
)


@dataclass
class Load:
    """What wrk measured on one URL: requests per second, median and 95th percentile ms."""

    rps: float
    p50: float
    p95: float


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  (http, loopback)
            return response.status == 200
    except OSError:
        return False


@contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int, log: Path) -> Iterator[str]:
    """`app` ("module:factory()") served by gunicorn with deploy/gunicorn.conf.py and
    `workers` workers on a free loopback port; yields the base URL, stops it afterwards."""
    bind = f"127.0.0.1:{free_port()}"
    environment = {
        **os.environ,
        **env,
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_BIND": bind,
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", app]
    with log.open("w") as handle:
        process = subprocess.Popen(  # noqa: S603  (our own command line)
            command, env=environment, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
        )
    base = f"http://{bind}"
    probe = base + ("/healthz" if app.startswith("tracker") else "/")
    try:
        deadline = time.monotonic() + 120
        while not _answers(probe):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def login(base: str, email: str, password: str) -> str:
    """Log in through the form with the benchmark's User-Agent; the Cookie header to send."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    with opener.open(base + "/login", timeout=60) as response:
        token = CSRF.search(response.read().decode()).group(1)
    form = {"email": email, "password": password, "csrf_token": token}
    with opener.open(base + "/login", urllib.parse.urlencode(form).encode(), timeout=60) as answer:
        page = answer.read().decode()
    if LOGGED_IN not in page:
        raise RuntimeError(f"login of {email} failed: {page[:300]}")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def check(base: str, path: str, marker: str, cookie: str | None) -> None:
    """The page answers 200 (not a redirect) with its marker, and the logged-in frame."""
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    headers = {"User-Agent": USER_AGENT}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
    finally:
        connection.close()
    if response.status != 200 or marker not in body or (cookie and LOGGED_IN not in body):
        raise RuntimeError(f"{path} answered {response.status} without {marker!r}: {body[:300]}")


def load(base: str, path: str, cookie: str | None, options: Any) -> Load:
    """wrk on one URL for `options.seconds` with `options.connections` connections."""
    command = [
        "wrk",
        f"-t{min(options.connections, 2)}",
        f"-c{options.connections}",
        f"-d{options.seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        "-H",
        f"User-Agent: {USER_AGENT}",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603  (our own command line)
        [*command, base + path], capture_output=True, text=True, check=True
    ).stdout
    summary = json.loads(output.strip().splitlines()[-1])
    if summary["errors"]:
        raise RuntimeError(f"{path}: {summary['errors']} failed requests under load\n{output}")
    return Load(
        rps=summary["requests"] / (summary["duration_us"] / 1e6),
        p50=summary["p50_us"] / 1000,
        p95=summary["p95_us"] / 1000,
    )


def describe(url: str) -> str:
    """A column's name: the database kind and the archive's name."""
    parts = urllib.parse.urlsplit(url)
    if url.startswith("sqlite"):
        return f"SQLite {Path(parts.path).stem}"
    return f"PostgreSQL {parts.path.lstrip('/')}"


def tracker_env(database_url: str, stamp: Path) -> dict[str, str]:
    """The served app's settings; `stamp` is its own read_cache stamp file, so that a test
    suite run from the same tree (whose apps bump instance/read-cache-stamp at each write)
    does not drop the served workers' kept pages mid-run (h19b)."""
    from bench.generate import PROTOCOL_DESK

    return {
        "TRACKER_READ_CACHE_STAMP": str(stamp),
        "TRACKER_ENV": "production",
        "TRACKER_SECRET_KEY": "bench-served-secret",
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_BASE_URL": "http://bench.test",
        "TRACKER_TIMEZONE": "UTC",
        "TRACKER_SCHEDULER": "off",
        "TRACKER_ANNIVERSARY_RECIPIENTS": PROTOCOL_DESK,
        # the benchmark logs in twice per database; the default allows 10 a minute
        "TRACKER_LOGIN_RATE_LIMIT": "10000 per minute",
    }


def measure(database_urls: list[str], options: Any) -> dict[str, Any]:
    """Hello-world once, then each database: /healthz and every page for both readers.

    Returns {"hello": Load, "databases": {label: {"healthz": Load, reader: {page: Load}}}}."""
    from bench.generate import ADMIN_EMAIL, BENCH_PASSWORD, OFFICER_EMAIL

    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    readers = [
        r for r in (("officer", OFFICER_EMAIL), ("admin", ADMIN_EMAIL)) if r[0] in options.readers
    ]
    pages = [p for p in PAGES if not options.pages or p.path in options.pages]
    results: dict[str, Any] = {"databases": {}}
    logs = Path(tempfile.mkdtemp(prefix="bench-served-"))
    with gunicorn("bench.hello:create_app()", {}, options.workers, logs / "hello.log") as base:
        check(base, "/", "Hello, world", None)
        results["hello"] = load(base, "/", None, options)
    print(f"{HELLO}: {results['hello'].rps:.0f} req/s", file=sys.stderr)
    for url in database_urls:
        label = describe(url)
        log = logs / f"{label.replace(' ', '-')}.log"
        env = tracker_env(url, logs / f"{label.replace(' ', '-')}.read-cache-stamp")
        with gunicorn("tracker:create_app()", env, options.workers, log) as base:
            check(base, "/healthz", '"ok"', None)
            measured: dict[str, Any] = {"healthz": load(base, "/healthz", None, options)}
            for reader, email in readers:
                cookie = login(base, email, BENCH_PASSWORD)
                measured[reader] = {}
                for page in pages:
                    check(base, page.path, page.marker, cookie)
                    done = measured[reader][page.name] = load(base, page.path, cookie, options)
                    # and after: a session dropped during the load would have made wrk
                    # count the redirects to the login page as pages served
                    check(base, page.path, page.marker, cookie)
                    print(f"{label} {reader} {page.name}: {done.rps:.0f} req/s", file=sys.stderr)
        results["databases"][label] = measured
    shutil.rmtree(logs, ignore_errors=True)
    return results


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%"


def _target(name: str) -> float:
    return TARGETS.get(name, LIST_TARGET)


def table(results: dict[str, Any], options: Any) -> str:
    """The served section of bench/results.md: one column per database and reader."""
    hello = results["hello"]
    columns = [
        (label, reader)
        for label, measured in results["databases"].items()
        for reader in ("officer", "admin")
        if reader in measured
    ]
    lines = [
        "Each cell: requests per second, p50 / p95 ms, and the throughput as a share of the"
        " same database's `/healthz` and of hello-world (both measured in the same run);"
        f" bold: under the target share of `/healthz` ({LIST_TARGET:.0%} for lists and"
        f" detail pages, {TARGETS['dashboard']:.0%} for the dashboard).",
        "",
        "| page | " + " | ".join(f"{label}, {reader}" for label, reader in columns) + " |",
        "|---|" + "---:|" * len(columns),
        f"| {HELLO} | "
        + " | ".join(
            f"{hello.rps:.0f} req/s, {hello.p50:.1f} / {hello.p95:.1f} ms" for _ in columns
        )
        + " |",
        f"| {TRIVIAL} | "
        + " | ".join(
            _cell(results["databases"][label]["healthz"], None, hello, "") for label, _ in columns
        )
        + " |",
    ]
    names = next(iter(results["databases"].values()))[columns[0][1]]
    for name in names:
        cells = [
            _cell(
                results["databases"][label][reader][name],
                results["databases"][label]["healthz"],
                hello,
                name,
            )
            for label, reader in columns
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(page: Load, healthz: Load | None, hello: Load, name: str) -> str:
    text = f"{page.rps:.0f} req/s, {page.p50:.1f} / {page.p95:.1f} ms"
    if healthz is not None:
        share = _share(page.rps, healthz.rps)
        missed = page.rps / healthz.rps < _target(name)
        text += f", {'**' + share + '**' if missed else share} of /healthz"
    return text + f", {_share(page.rps, hello.rps)} of hello"
