"""axe-core on every page type, in real Chromium: no serious or critical violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.pages import every_page_type
from tests.factories import PASSWORD
from tracker.orm import db

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()


def violations(page: Any) -> list[str]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def a11y_page(browser: Any) -> Any:
    # axe is injected as an inline script, which the app's CSP rightly forbids.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_every_page_type_has_no_serious_violations(
    app, live_server, a11y_page, admin, make
) -> None:
    page = a11y_page
    world = every_page_type(app, make, admin)
    page.goto(f"{live_server}/login")
    assert violations(page) == [], "login"
    log_in(page, live_server, admin.email, PASSWORD)
    paths = world.paths
    found = {}
    # In English on a desktop, then in Kazakh on a phone: longer words, another lang
    # attribute, stacked tables and boxes that scroll sideways; same rules.
    for language, width in (("en", 1280), ("kk", 390)):
        admin.language = language
        db.session.commit()
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(live_server + path)
            if language == "kk":
                assert page.locator("html").get_attribute("lang") == "kk", path
            problems = violations(page)
            if problems:
                found[f"{language} {path}"] = problems
    assert found == {}


def test_a_form_with_errors_is_accessible_and_focuses_its_summary(
    live_server, a11y_page, officer
) -> None:
    page = a11y_page
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/tracks/new")
    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert violations(page) == []
    # The summary's link takes the keyboard user to the field.
    summary.get_by_role("link", name="Enter the track's name.").press("Enter")
    expect(page.get_by_label("Name", exact=True)).to_be_focused()


def test_the_whole_status_form_works_from_the_keyboard(live_server, page, officer, make) -> None:
    track = make.track()
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/tracks/{track.id}")
    page.get_by_label("Move to").focus()
    page.keyboard.press("ArrowDown")  # a select changes with the arrow keys
    page.keyboard.press("ArrowUp")
    page.get_by_label("Comment").focus()  # the date field has a tab stop per part
    page.keyboard.type("Agreed by keyboard")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Record the move")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("New status: Negotiating.")).to_be_visible()
