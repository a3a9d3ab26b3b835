"""Fair conflicts in a real browser (issue #15, item 8): two officers, two browser
contexts, one milestone. The second save is refused with who saved and when; the other
officer's change is carried into the form, a field both changed must be chosen, and saving
again keeps both officers' work."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.models import Milestone, MilestoneKind
from tracker.orm import db


def test_saving_again_after_a_conflict_keeps_both_officers_work(
    live_server, new_page, officer, make
) -> None:
    other = make.user(role="officer", email="bob@test.example", name="Bob Berikov")
    milestone = make.milestone(
        make.track(name="Readmission"),
        title="Round 2",
        kind=MilestoneKind.ROUND,
        number=2,
        location="Astana",
        planned_on=date(2026, 3, 2),
    )
    alice, bob = new_page(), new_page()
    log_in(alice, live_server, officer.email, PASSWORD)
    log_in(bob, live_server, other.email, PASSWORD)
    for page in (alice, bob):
        page.goto(f"{live_server}/milestones/{milestone.id}/edit")

    alice.get_by_label("Location").fill("Brussels")
    alice.get_by_label("Planned on").fill("2026-03-09")
    alice.get_by_role("button", name="Save").click()
    expect(alice.get_by_text("Milestone saved.")).to_be_visible()

    bob.get_by_label("Notes").fill("Bring the signed mandate")
    bob.get_by_label("Planned on").fill("2026-03-16")
    bob.get_by_role("button", name="Save").click()

    notice = bob.locator("[data-conflict]")
    expect(notice).to_contain_text(f"{officer.name} saved this record at")
    changes = bob.locator("[data-conflict-changes] tbody tr")
    expect(changes).to_have_count(2)  # location and planned date: only what Alice changed
    expect(bob.locator("[data-conflict-changes]")).not_to_contain_text("Notes")
    # Alice's location is carried into Bob's form; his notes are kept.
    expect(bob.get_by_label("Location")).to_have_value("Brussels")
    expect(bob.get_by_label("Notes")).to_have_value("Bring the signed mandate")
    # Both changed the planned date: side by side, and a choice is needed.
    clash = bob.locator("[data-clash=planned_on]")
    expect(clash).to_contain_text("Yours: 16 Mar 2026")
    expect(clash).to_contain_text("Theirs: 9 Mar 2026")

    bob.get_by_role("button", name="Save").click()  # without choosing: refused again
    expect(bob.locator("[data-clash=planned_on]")).to_be_visible()
    expect(bob.locator(".error-summary")).to_contain_text("choose which value to keep")

    bob.get_by_label("Theirs: 9 Mar 2026").check()
    bob.get_by_role("button", name="Save").click()
    expect(bob.get_by_text("Milestone saved.")).to_be_visible()

    db.session.expire_all()
    saved = db.session.get(Milestone, milestone.id)
    assert saved.location == "Brussels"
    assert saved.planned_on == date(2026, 3, 9)
    assert saved.notes == "Bring the signed mandate"
