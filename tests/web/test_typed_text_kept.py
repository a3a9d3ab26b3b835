"""What officers type is never lost (issue 14 #8): a form posted after its CSRF token
expired comes back with what was typed and a fresh token, writing nothing, for a
same-origin POST only; a form posted after the session ended comes back after the login
round trip. The same in real Chromium: tests/browser/test_typed_text_kept.py."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from tests.factories import PASSWORD
from tracker import clock
from tracker.models import NegotiationTrack
from tracker.orm import db
from tracker.services.sessions import end_sessions

NOTES = "Round 4 notes: the EU side accepts the two-step timetable; KZ to confirm by Friday."
ORIGIN = {"Origin": "http://localhost"}  # the test client's own host


def new_track(officer) -> dict:
    return {
        "name": "Visa facilitation",
        "description": NOTES,
        "status": "launched",
        "status_since": "2025-12-02",
        "lead_officer_id": str(officer.id),
        "classification": "public",
    }


def tracks() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(NegotiationTrack.id)))


def eight_hours_later():
    return time_machine.travel(clock.now_utc() + timedelta(hours=8, minutes=1), tick=False)


def test_an_expired_form_comes_back_with_what_was_typed_and_a_fresh_token(client, officer) -> None:
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/tracks/new"))
    with eight_hours_later():
        again = client.submit("/tracks/new", new_track(officer), headers=ORIGIN)
        assert again.status_code == 400
        page = again.get_data(as_text=True)
        assert NOTES in page and 'value="Visa facilitation"' in page
        assert "nothing was saved" in page and "submit" in page.lower()
        assert tracks() == 0  # nothing written
        fresh = client.token_from(again)
        assert fresh != client.csrf_token
        saved = client.submit("/tracks/new", {**new_track(officer), "csrf_token": fresh})
        assert saved.status_code == 302
    assert tracks() == 1


def test_a_referer_of_this_site_is_enough(client, officer) -> None:
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/tracks/new"))
    with eight_hours_later():
        again = client.submit(
            "/tracks/new", new_track(officer), headers={"Referer": "http://localhost/tracks/new"}
        )
    assert again.status_code == 400 and NOTES in again.get_data(as_text=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Referer": "https://evil.example/tracks/new"},
        {"Origin": "null"},
        {},  # neither: not shown to be from this site
    ],
)
def test_another_site_gets_the_plain_refusal(client, officer, headers) -> None:
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/tracks/new"))
    with eight_hours_later():
        refused = client.submit("/tracks/new", new_track(officer), headers=headers)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert NOTES not in page and "Visa facilitation" not in page
    assert "The form has expired" in page
    assert tracks() == 0


def test_a_form_posted_after_the_session_ended_survives_the_login(client, officer) -> None:
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/tracks/new"))
    end_sessions(officer)  # e.g. "log out everywhere" from another computer
    db.session.commit()
    bounced = client.submit(
        "/tracks/new", new_track(officer), headers={"Referer": "http://localhost/tracks/new"}
    )
    assert bounced.status_code == 302
    assert bounced.headers["Location"].startswith("/login")
    assert "description" not in bounced.headers["Location"]  # never in a URL
    assert tracks() == 0

    login_page = client.get(bounced.headers["Location"])
    assert "nothing was saved" in login_page.get_data(as_text=True)
    client.csrf_token = client.token_from(login_page)
    logged_in = client.submit(
        bounced.headers["Location"], {"email": officer.email, "password": PASSWORD}
    )
    assert logged_in.headers["Location"] == "/tracks/new"
    form = client.get("/tracks/new").get_data(as_text=True)
    assert NOTES in form and 'value="Visa facilitation"' in form
    assert "choose them again" in form  # files cannot be refilled: the message says so
    client.csrf_token = client.token_from(client.get("/"))
    assert client.submit("/tracks/new", new_track(officer)).status_code == 302
    assert tracks() == 1
    # Used once: the form is empty the next time.
    assert NOTES not in client.get("/tracks/new").get_data(as_text=True)


def test_a_kept_form_expires_after_a_few_minutes(client, officer) -> None:
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/tracks/new"))
    end_sessions(officer)
    db.session.commit()
    bounced = client.submit("/tracks/new", new_track(officer), headers=ORIGIN)
    assert bounced.status_code == 302
    with time_machine.travel(clock.now_utc() + timedelta(minutes=31), tick=False):
        client.csrf_token = client.token_from(client.get("/login"))  # same browser session
        logged_in = client.submit("/login", {"email": officer.email, "password": PASSWORD})
        assert logged_in.status_code == 302
        assert NOTES not in client.get("/tracks/new").get_data(as_text=True)


def test_a_form_posted_to_its_own_address_from_a_page_comes_back_on_that_page(
    client, officer, make
) -> None:
    """The status move is typed on the track page and posted to /status (POST only)."""
    track = make.track(name="Visa facilitation")
    client.login(officer)
    client.csrf_token = client.token_from(client.get(f"/tracks/{track.id}"))
    comment = "Suspended at the request of the KZ side until the new visa code is adopted."
    with eight_hours_later():
        again = client.submit(
            f"/tracks/{track.id}/status",
            {
                "to_status": "suspended",
                "effective_on": "2026-01-12",
                "expected_status": "launched",
                "comment": comment,
            },
            headers=ORIGIN,
        )
    assert again.status_code == 400
    page = again.get_data(as_text=True)
    assert comment in page and "nothing was saved" in page
    db.session.expire_all()
    assert db.session.get(NegotiationTrack, track.id).status.value == "launched"


def test_an_expired_logout_is_refused_plainly_and_changes_nothing(client, officer) -> None:
    client.login(officer)
    with eight_hours_later():
        refused = client.submit("/logout", headers=ORIGIN)
        assert refused.status_code == 400
        assert "The form has expired" in refused.get_data(as_text=True)
        assert client.get("/").status_code == 200  # still logged in, nothing half done


def drafts_kept() -> int:
    from tracker.models import FormDraft

    db.session.expire_all()
    return db.session.scalar(select(func.count(FormDraft.id)))


def test_a_browser_that_never_logged_in_keeps_no_draft(client) -> None:
    """Found by the adversarial check: any same-origin post without a login was stored,
    up to the upload limit, by anyone (a way to fill the disk)."""
    client.csrf_token = client.token_from(client.get("/login"))
    bounced = client.submit("/milestones/new", {"title": "x" * 50_000}, headers=ORIGIN)
    assert bounced.status_code == 302 and bounced.headers["Location"].startswith("/login")
    assert drafts_kept() == 0


def test_a_draft_goes_back_only_to_the_officer_who_typed_it(client, officer, make) -> None:
    """Found by the adversarial check: the next person to log in in the same browser got
    the form back, restricted text included."""
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/tracks/new"))
    end_sessions(officer)
    db.session.commit()
    bounced = client.submit("/tracks/new", new_track(officer), headers=ORIGIN)
    assert bounced.status_code == 302 and drafts_kept() == 1
    colleague = make.user(role="officer", email="colleague@test.example")
    client.csrf_token = client.token_from(client.get(bounced.headers["Location"]))
    logged_in = client.submit(
        bounced.headers["Location"], {"email": colleague.email, "password": PASSWORD}
    )
    assert logged_in.status_code == 302
    assert NOTES not in client.get("/tracks/new").get_data(as_text=True)
    assert drafts_kept() == 0  # deleted unseen


def test_a_draft_larger_than_any_form_is_not_kept(client, officer) -> None:
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/tracks/new"))
    end_sessions(officer)
    db.session.commit()
    huge = new_track(officer) | {"description": "x" * 150_000}
    bounced = client.submit("/tracks/new", huge, headers=ORIGIN)
    assert bounced.status_code == 302
    assert drafts_kept() == 0
    assert "Please log in" in client.get(bounced.headers["Location"]).get_data(as_text=True)


def test_an_import_confirmed_after_the_session_ended_comes_back_as_its_preview(
    client, officer, make
) -> None:
    """Found by the second adversarial check: the login round trip of an import's
    confirmation showed the empty upload form, and the officer had to find the file
    again. The file's text is the confirmation's field: its preview comes back."""
    import io

    milestone = make.milestone(make.track(), title="Round 1")
    db.session.commit()
    client.login(officer)
    client.csrf_token = client.token_from(client.get("/import/milestones"))
    preview = client.post(
        "/import/milestones",
        data={
            "csrf_token": client.csrf_token,
            "file": (io.BytesIO(f"id,notes\r\n{milestone.id},{NOTES}\r\n".encode()), "f.csv"),
        },
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "/import/milestones/confirm" in page
    content = re.search(r'name="content" type="hidden" value="([^"]*)"', page)
    end_sessions(officer)
    db.session.commit()
    bounced = client.submit(
        "/import/milestones/confirm",
        {"content": html.unescape(content.group(1))},
        headers={"Referer": "http://localhost/import/milestones"},
    )
    assert bounced.headers["Location"].startswith("/login")
    login_page = client.get(bounced.headers["Location"])
    client.csrf_token = client.token_from(login_page)
    logged_in = client.submit(
        bounced.headers["Location"], {"email": officer.email, "password": PASSWORD}
    )
    assert logged_in.headers["Location"] == "/import/milestones"
    again = client.get("/import/milestones")
    assert "/import/milestones/confirm" in again.get_data(as_text=True)
    assert html.escape(NOTES) in again.get_data(as_text=True)  # the preview's change
    client.csrf_token = client.token_from(again)
    assert (
        client.submit(
            "/import/milestones/confirm", {"content": f"id,notes\r\n{milestone.id},{NOTES}\r\n"}
        ).status_code
        == 302
    )
    db.session.expire_all()
    assert milestone.notes == NOTES
