"""An officer's day in a real browser: agreement, track, workflow, milestone, report."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD


def test_officer_works_through_a_day(live_server, page, officer, make) -> None:
    make.party("European Union")
    base = live_server
    log_in(page, base, officer.email, PASSWORD)

    # An agreement.
    page.get_by_role("link", name="Agreements").click()
    page.get_by_role("link", name="Add an agreement").click()
    page.get_by_label("Title", exact=True).fill("Test Partnership Agreement")
    page.get_by_label("Short title").fill("TPA")
    page.get_by_label("Signed on").fill("2025-06-01")
    page.get_by_label("Areas covered").fill("Energy\nTransport")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="TPA", exact=True)).to_be_visible()
    expect(page.get_by_text("Agreement “TPA” added.")).to_be_visible()

    # A track under it.
    page.get_by_role("link", name="Open a track").click()
    page.get_by_label("Name", exact=True).fill("TPA visa track")
    page.get_by_label("Current status").select_option("exploratory")
    page.get_by_label("In this status since").fill("2026-01-05")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="TPA visa track")).to_be_visible()

    # Through the workflow: an allowed move, then a refused one with its reason.
    page.get_by_label("Move to").select_option("mandate")
    page.get_by_label("Comment").fill("Council adopted the mandate")
    page.get_by_role("button", name="Record the move").click()
    expect(page.get_by_text("New status: Mandate.")).to_be_visible()
    # Only the moves the workflow allows are offered (skipping to signed is not).
    offered = (
        page.get_by_label("Move to")
        .locator("option")
        .evaluate_all("options => options.map(o => o.value).filter(Boolean)")
    )
    assert "launched" in offered and "signed" not in offered
    page.get_by_label("Move to").select_option("launched")
    page.get_by_label("Effective on").fill("2027-01-01")
    page.get_by_role("button", name="Record the move").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("The effective date cannot be in the future")
    expect(summary).to_be_focused()

    # A milestone, added from the track page, then completed.
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Title", exact=True).fill("Round 1")
    page.get_by_label("Kind").select_option("round")
    page.get_by_label("Planned on").fill("2026-01-20")
    page.get_by_role("button", name="Save").click()
    # (first: the milestones table; the activity panel names it too)
    expect(page.get_by_role("link", name="Round 1").first).to_be_visible()

    page.get_by_role("link", name="Dashboard").click()
    due = page.locator("section", has=page.get_by_role("heading", name=re.compile("Due in")))
    expect(due).to_contain_text("Round 1")
    expect(page.locator('section[aria-label="Mandate"]')).to_contain_text("TPA visa track")

    due.get_by_role("link", name="Round 1").click()
    page.get_by_label("Done on").fill("2026-01-12")
    page.get_by_label("Outcome").fill("Opening statements exchanged")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("Milestone “Round 1” marked done.")).to_be_visible()
    page.get_by_role("link", name="Dashboard").click()
    expect(
        page.locator("section", has=page.get_by_role("heading", name=re.compile("Due in")))
    ).not_to_contain_text("Round 1")

    # The weekly report shows the move.
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="This week so far").click()
    expect(page.get_by_role("heading", name="12 – 18 Jan 2026")).to_be_visible()
    expect(page.locator(".report")).to_contain_text("TPA visa track")
    expect(page.locator(".report")).to_contain_text("Exploratory → Mandate")

    page.locator("summary", has_text="Account").click()  # the account menu holds it
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_two_officers_editing_one_track_get_a_conflict_not_a_lost_update(
    live_server, new_page, officer, make
) -> None:
    other = make.user(role="officer", email="other@test.example", name="Other Officer")
    track = make.track(name="Readmission")
    alice, bob = new_page(), new_page()
    log_in(alice, live_server, officer.email, PASSWORD)
    log_in(bob, live_server, other.email, PASSWORD)
    for page in (alice, bob):
        page.goto(f"{live_server}/tracks/{track.id}/edit")

    alice.get_by_label("Next step").fill("Alice: round 1 in Astana")
    alice.get_by_role("button", name="Save").click()
    expect(alice.get_by_text("Track saved.")).to_be_visible()

    bob.get_by_label("Next step").fill("Bob: round 1 in Brussels")
    bob.get_by_role("button", name="Save").click()
    expect(bob.locator(".notice")).to_contain_text(f"{officer.name} saved this record at")
    expect(bob.locator(".notice")).to_contain_text("Alice: round 1 in Astana")
    # Both changed the next step: Bob sees the two side by side, to choose one.
    expect(bob.locator("[data-clash=next_step]")).to_contain_text("Alice: round 1 in Astana")
    expect(bob.get_by_label("Next step")).to_have_value("Bob: round 1 in Brussels")

    alice.goto(f"{live_server}/tracks/{track.id}")
    # (first: the track's facts; the activity panel shows the change too)
    expect(alice.get_by_text("Alice: round 1 in Astana").first).to_be_visible()
