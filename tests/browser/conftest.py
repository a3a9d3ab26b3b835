"""Real Chromium (Debian's package) driven by Playwright against a live server on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: the one setting for the browser, shared with `make test` and .ci/system-deps
CHROMIUM = os.environ.get("TRACKER_CHROMIUM") or "/usr/bin/chromium"
#: what the browser tests keep for people to look at (CI artefacts; git-ignored): the
#: screenshots of every page type (pages/) and of every failed test's pages (failures/)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FAILURES = ARTIFACTS / "failures"
# Chromium flags for a machine with no network but loopback: no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM} (TRACKER_CHROMIUM): `make test` installs "
            "Debian's chromium, or run: apt-get install chromium"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Pages in fresh browser contexts; on failure each page's screenshot is kept."""
    contexts = []

    def make(**options: Any) -> Any:
        """A page in a new context; `options` go to Playwright's new_context (e.g. locale)."""
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                page.screenshot(path=FAILURES / f"{request.node.name}-{i}-{j}.png", full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Any) -> Any:
    return new_page()


def log_in(page: Any, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
