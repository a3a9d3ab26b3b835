"""axe-core in real Chromium: no serious or critical violation. Every page type is checked
at every width and in every language by test_readable's matrix; here, the states a plain
load does not show (a form with errors) and the keyboard."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.conftest import log_in
from tests.factories import PASSWORD


def test_a_form_with_errors_is_accessible_and_focuses_its_summary(
    live_server, page, officer
) -> None:
    log_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/tracks/new")
    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert serious_violations(page) == []
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
