"""What officers type is never lost, in real Chromium (issue 14 #8): an expired form,
a form whose session cookie went with a browser restart (remember-me kept the login), and
a form whose session ended while it was typed."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tracker import clock
from tracker.orm import db
from tracker.services.sessions import end_sessions

NOTES = "Round 4: the EU side accepts the two-step timetable; KZ to confirm by Friday."


def type_notes(page, base: str, track_id: int) -> None:
    page.goto(f"{base}/tracks/{track_id}/edit")
    page.get_by_label("Description").fill(NOTES)


def saved(page) -> None:
    expect(page.get_by_text("Track saved.")).to_be_visible()
    expect(page.locator("p.prewrap").get_by_text(NOTES)).to_be_visible()  # (and in the activity)


def test_a_form_sent_eight_hours_later_comes_back_as_typed(
    live_server, page, officer, make
) -> None:
    track = make.track(name="Visa facilitation")
    log_in(page, live_server, officer.email, PASSWORD)
    type_notes(page, live_server, track.id)
    with time_machine.travel(clock.now_utc() + timedelta(hours=8, minutes=1), tick=True):
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".error-summary")).to_contain_text("nothing was saved")
        expect(page.get_by_label("Description")).to_have_value(NOTES)
        page.get_by_role("button", name="Save").click()
        saved(page)


def test_a_form_whose_session_cookie_went_with_a_restart_comes_back(
    live_server, page, officer, make
) -> None:
    track = make.track(name="Visa facilitation")
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Keep me logged in on this computer").check()
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")
    type_notes(page, live_server, track.id)
    page.context.clear_cookies(name="session")  # the restart; the remember-me cookie stays
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".error-summary")).to_contain_text("nothing was saved")
    expect(page.get_by_label("Description")).to_have_value(NOTES)
    page.get_by_role("button", name="Save").click()
    saved(page)


def test_a_form_whose_session_ended_comes_back_after_the_login(
    live_server, page, officer, make
) -> None:
    track = make.track(name="Visa facilitation")
    log_in(page, live_server, officer.email, PASSWORD)
    type_notes(page, live_server, track.id)
    end_sessions(officer)  # "log out everywhere" on another computer
    db.session.commit()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server}/login*")
    expect(page.get_by_text("nothing was saved")).to_be_visible()
    assert NOTES not in page.url
    page.get_by_label("Email").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/tracks/{track.id}/edit")
    expect(page.get_by_label("Description")).to_have_value(NOTES)
    page.get_by_role("button", name="Save").click()
    saved(page)
