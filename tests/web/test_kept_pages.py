"""Kept pages (issue 19, session 14; tracker.web.kept): the lists and the track and
agreement pages are kept per reader, language, address and day, and never shown stale:
a committed write by anyone is seen at the next read, two readers never see each
other's page, and the CSRF tokens a kept page shows are the session's own."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import time_machine
from sqlalchemy import event

from tests.conftest import CSRF_INPUT, DEFAULT_NOW
from tracker.domain.workflow import TrackStatus
from tracker.models import Classification, NegotiationTrack, Role, User
from tracker.orm import db

#: how tracker.web.kept's stand-in for a CSRF token begins: never on a page served
CSRF_PLACEHOLDER = "kept-csrf-"


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def text_of(response) -> str:  # noqa: ANN001
    assert response.status_code == 200, response.status_code
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def world(make, officer) -> dict[str, object]:
    agreement = make.agreement(title="Fisheries Agreement")
    track = make.track(
        status=TrackStatus.NEGOTIATING,
        lead=officer,
        name="Fisheries talks",
        framework_agreement_id=agreement.id,
    )
    make.milestone(track, title="Send the draft", planned_on=date(2026, 1, 5))
    return {"agreement": agreement, "track": track}


def pages(world: dict[str, object]) -> list[str]:
    return [
        "/milestones/",
        "/milestones/?state=overdue",
        "/tracks/",
        "/agreements/",
        f"/tracks/{world['track'].id}",  # type: ignore[attr-defined]
        f"/agreements/{world['agreement'].id}",  # type: ignore[attr-defined]
    ]


def test_a_second_read_of_each_page_is_kept(client, world, officer) -> None:
    client.login(officer)
    for url in pages(world):
        with counted() as worked_out:
            first = client.get(url)
        with counted() as kept:
            again = client.get(url)
        assert again.status_code == 200
        assert again.get_data() == first.get_data(), url
        # the login's own statements (its session and user), nothing of the page
        assert len(kept) <= 2 < len(worked_out), (url, len(kept), len(worked_out))
        assert CSRF_PLACEHOLDER not in again.get_data(as_text=True)


def test_an_administrators_pages_are_worked_out_at_each_read(client, world, admin) -> None:
    """Their reads of restricted records not theirs are audited at each read."""
    client.login(admin)
    url = f"/tracks/{world['track'].id}"  # type: ignore[attr-defined]
    client.get(url)
    with counted() as again:
        client.get(url)
    assert len(again) > 5


def test_another_officers_status_change_and_milestone_show_at_once(
    app, client, world, officer, make
) -> None:
    track = world["track"]
    client.login(officer)
    for url in pages(world):
        client.get(url)
        client.get(url)  # kept now
    make.milestone(track, title="Answer the note", planned_on=date(2026, 1, 8))
    for url in ("/milestones/", "/milestones/?state=overdue", f"/tracks/{track.id}"):  # type: ignore[attr-defined]
        assert "Answer the note" in text_of(client.get(url)), url
    other = app.test_client()
    colleague = make.user(role="officer", email="colleague@test.example")
    other.login(colleague)
    moved = other.submit(
        f"/tracks/{track.id}/status",  # type: ignore[attr-defined]
        {"to_status": "suspended", "effective_on": "2026-01-12", "expected_status": "negotiating"},
    )
    assert moved.status_code == 302
    assert "Suspended" in text_of(client.get(f"/tracks/{track.id}"))  # type: ignore[attr-defined]
    assert "Suspended" in text_of(client.get("/tracks/"))
    agreement_page = f"/agreements/{world['agreement'].id}"  # type: ignore[attr-defined]
    client.get(agreement_page)
    track.name = "Fisheries and oceans talks"  # type: ignore[attr-defined]
    db.session.commit()
    assert "Fisheries and oceans talks" in text_of(client.get(agreement_page))
    assert "Fisheries and oceans talks" in text_of(client.get("/tracks/"))


def restricted(track: NegotiationTrack, members: list[User]) -> None:
    track.classification = Classification.RESTRICTED
    track.members = members
    db.session.commit()


def test_an_officer_off_a_restricted_track_never_gets_the_teams_page(
    app, client, make, officer
) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, lead=officer, name="Secret talks")
    member = make.user(role="officer", email="member@test.example")
    outsider = make.user(role="officer", email="outsider@test.example")
    restricted(track, [member])
    team = app.test_client()
    team.login(member)
    client.login(outsider)
    url = f"/tracks/{track.id}"
    assert "Secret talks" in text_of(team.get(url))
    assert "Secret talks" in text_of(team.get(url))  # kept for the member
    assert "Secret talks" in text_of(team.get("/tracks/"))
    assert client.get(url).status_code == 404
    assert "Secret talks" not in text_of(client.get("/tracks/"))

    # the team changes: the outsider joins, the member leaves; seen at the next read
    restricted(track, [outsider])
    assert "Secret talks" in text_of(client.get(url))
    assert "Secret talks" in text_of(client.get("/tracks/"))
    assert team.get(url).status_code == 404
    assert "Secret talks" not in text_of(team.get("/tracks/"))

    # made public again: both see it
    track.classification = Classification.PUBLIC
    db.session.commit()
    assert team.get(url).status_code == 200


def test_a_role_change_shows_at_once(client, world, make) -> None:
    viewer = make.user(role="viewer", email="viewer@test.example")
    client.login(viewer)
    url = f"/tracks/{world['track'].id}"  # type: ignore[attr-defined]
    assert "Change status" not in text_of(client.get(url))
    assert "Change status" not in text_of(client.get(url))  # kept
    viewer.role = Role.OFFICER
    db.session.commit()
    assert "Change status" in text_of(client.get(url))


def test_the_language_and_the_day_make_their_own_page(client, world, officer, make) -> None:
    client.login(officer)
    english = text_of(client.get("/milestones/", headers={"Accept-Language": "en"}))
    russian = text_of(client.get("/milestones/", headers={"Accept-Language": "ru"}))
    assert "<h1>Milestones</h1>" in english
    assert "<h1>Вехи</h1>" in russian
    assert "<h1>Вехи</h1>" in text_of(client.get("/milestones/", headers={"Accept-Language": "ru"}))
    assert "<h1>Milestones</h1>" in text_of(
        client.get("/milestones/", headers={"Accept-Language": "en"})
    )

    # a milestone planned tomorrow is not late today, and is the day after
    make.milestone(world["track"], title="Tomorrow's note", planned_on=date(2026, 1, 13))
    overdue = "/milestones/?state=overdue"
    assert "Tomorrow's note" not in text_of(client.get(overdue))
    assert "Tomorrow's note" not in text_of(client.get(overdue))  # kept
    with time_machine.travel(DEFAULT_NOW + timedelta(days=2), tick=True):
        assert "Tomorrow's note" in text_of(client.get(overdue))


def test_a_follow_and_a_saved_filter_show_at_once(client, world, officer) -> None:
    client.login(officer)
    url = f"/tracks/{world['track'].id}"  # type: ignore[attr-defined]
    page = text_of(client.get(url))
    page = text_of(client.get(url))  # kept
    following = "Following · Unfollow" in page
    kind = "unfollow" if following else "follow"
    token = CSRF_INPUT.search(page).group(1)  # type: ignore[union-attr]
    done = client.post(
        f"/{kind}/track/{world['track'].id}",  # type: ignore[attr-defined]
        data={"csrf_token": token},
    )
    assert done.status_code == 302
    assert ("Following · Unfollow" in text_of(client.get(url))) is not following

    listed = text_of(client.get("/tracks/?q=fish"))
    listed = text_of(client.get("/tracks/?q=fish"))  # kept
    assert "Fish talks" not in listed
    saved = client.submit(
        "/saved-filters", {"list_name": "tracks", "name": "Fish talks", "query": "q=fish"}
    )
    assert saved.status_code == 302
    assert "Fish talks" in text_of(client.get("/tracks/?q=fish"))


def test_the_csrf_tokens_of_a_kept_page_are_the_sessions_own(app, client, world, officer) -> None:
    """Two sessions of one officer: the second gets the first's kept page, with its own
    tokens, and a form posted with them is taken."""
    track = world["track"]
    url = f"/tracks/{track.id}"  # type: ignore[attr-defined]
    second = app.test_client()
    client.login(officer)
    second.login(officer)
    first_page = client.get(url).get_data(as_text=True)
    with counted() as statements:
        second_page = second.get(url).get_data(as_text=True)
    assert len(statements) <= 2  # the first session's page, kept
    first_tokens = set(CSRF_INPUT.findall(first_page))
    second_tokens = set(CSRF_INPUT.findall(second_page))
    assert len(first_tokens) == 1 and len(second_tokens) == 1  # one per request, everywhere
    assert first_tokens != second_tokens
    assert CSRF_PLACEHOLDER not in first_page + second_page

    # each session posts the status form with the token its page showed
    moved = second.post(
        f"{url}/status",
        data={
            "csrf_token": second_tokens.pop(),
            "to_status": "suspended",
            "effective_on": "2026-01-12",
            "expected_status": "negotiating",
        },
    )
    assert moved.status_code == 302
    page = client.get(url).get_data(as_text=True)
    back = client.post(
        f"{url}/status",
        data={
            "csrf_token": CSRF_INPUT.search(page).group(1),  # type: ignore[union-attr]
            "to_status": "negotiating",
            "effective_on": "2026-01-12",
            "expected_status": "suspended",
        },
    )
    assert back.status_code == 302
    # and a token of the one session is refused in the other
    refused = second.post(
        f"{url}/status",
        data={
            "csrf_token": first_tokens.pop(),
            "to_status": "suspended",
            "effective_on": "2026-01-12",
            "expected_status": "negotiating",
        },
    )
    assert refused.status_code == 400


def test_flashed_messages_are_not_kept(client, world, officer) -> None:
    track = world["track"]
    url = f"/tracks/{track.id}"  # type: ignore[attr-defined]
    client.login(officer)
    client.get(url)
    moved = client.submit(
        f"{url}/status",
        {"to_status": "suspended", "effective_on": "2026-01-12", "expected_status": "negotiating"},
    )
    assert moved.status_code == 302
    assert "New status: Suspended." in text_of(client.get(url))
    assert "New status: Suspended." not in text_of(client.get(url))  # said once
    assert "New status: Suspended." not in text_of(client.get(url))
