"""Sessions in real Chromium: remember-me survives a browser restart for its lifetime, and
cookies copied before a logout are refused after it (issue 14 #9)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in_remembered(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Keep me logged in on this computer").check()
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def another_browser(browser, cookies: list[dict]):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    context.add_cookies(cookies)
    return context


def test_remember_me_survives_a_browser_restart(live_server, browser, page, officer) -> None:
    base = live_server
    log_in_remembered(page, base, officer.email)
    # A restart keeps the persistent cookies and drops the session ones.
    kept = [c for c in page.context.cookies() if c["expires"] > 0]
    assert [c["name"] for c in kept] == ["remember_token"]
    context = another_browser(browser, kept)
    try:
        restarted = context.new_page()
        for path in ("/", "/tracks/", "/me", "/"):
            restarted.goto(base + path)
            assert restarted.url == base + path, f"sent to {restarted.url}"
        expect(restarted.locator("summary", has_text="Account")).to_be_visible()
    finally:
        context.close()


def test_cookies_copied_before_logout_are_refused_after_it(
    live_server, browser, page, officer
) -> None:
    base = live_server
    log_in_remembered(page, base, officer.email)
    copied = page.context.cookies()
    assert {c["name"] for c in copied} >= {"session", "remember_token"}
    page.locator("summary", has_text="Account").click()  # the account menu holds it
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()

    for kept in (copied, [c for c in copied if c["name"] == "remember_token"]):
        context = another_browser(browser, kept)
        try:
            thief = context.new_page()
            thief.goto(base + "/tracks/")
            assert thief.url.startswith(base + "/login"), [c["name"] for c in kept]
        finally:
            context.close()
