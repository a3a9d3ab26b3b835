"""axe-core on every page type, in real Chromium: no serious or critical violation."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker.jobs import JOBS, run_job
from tracker.models import ActionItem, AgreementArea, MilestoneKind

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
    eu = make.party("European Union")
    agreement = make.agreement(parties=[eu], short_title="EPCA")
    agreement.areas = [AgreementArea(name="Energy")]
    track = make.track(lead=admin, framework_agreement_id=agreement.id)
    milestone = make.milestone(
        track, title="Round 1", kind=MilestoneKind.ROUND, number=1, planned_on=date(2026, 1, 20)
    )
    from tracker.orm import db

    db.session.commit()
    make.milestone(track, title="Late", planned_on=date(2026, 1, 2))
    council = make.body("Cooperation Council", cadence_months=12, owner_id=admin.id)
    meeting = make.milestone(
        body_id=council.id,
        title="22nd Council",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
    )
    db.session.add(
        ActionItem(
            meeting_id=meeting.id,
            title="Send the agenda",
            owner_id=admin.id,
            due_on=date(2026, 1, 20),
        )
    )
    db.session.commit()
    make.document(admin, agreement_id=agreement.id)
    run_job(
        app, next(j for j in JOBS if j.id == "weekly-report"), datetime(2026, 1, 12, 8, tzinfo=UTC)
    )

    page.goto(f"{live_server}/login")
    assert violations(page) == [], "login"
    log_in(page, live_server, admin.email, PASSWORD)
    paths = [
        "/",
        "/agreements/",
        f"/agreements/{agreement.id}",
        "/agreements/new",
        f"/agreements/{agreement.id}/edit",
        "/tracks/",
        f"/tracks/{track.id}",
        "/tracks/new",
        f"/tracks/{track.id}/edit",
        "/milestones/",
        f"/milestones/{milestone.id}",
        "/milestones/new",
        f"/milestones/{milestone.id}/edit",
        "/reports/weekly/",
        "/reports/weekly/2026-W02",
        "/me",
        "/me/password",
        "/admin/users",
        "/admin/users/new",
        f"/admin/users/{admin.id}/edit",
        "/admin/outbox",
        "/audit",
        "/bodies/",
        f"/bodies/{council.id}",
        "/bodies/new",
        f"/milestones/{meeting.id}",
        "/me/calendars",
        f"/documents/new?track={track.id}",
        "/me/tokens",
        "/import/agreements",
        "/no-such-page",
    ]
    found = {}
    # In English, then in Kazakh: longer words and another lang attribute, same rules.
    for language in ("en", "kk"):
        admin.language = language
        db.session.commit()
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
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert violations(page) == []
    # The summary's link takes the keyboard user to the field.
    summary.get_by_role("link", name="Enter the track's name.").press("Enter")
    expect(page.get_by_label("Name")).to_be_focused()


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
    expect(page.get_by_text("Moved to negotiating.")).to_be_visible()
