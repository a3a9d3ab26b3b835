"""Calendar feeds: parsed back with icalendar, re-imported after a move without duplicates,
restricted tracks kept out, tokens secret and revocable."""

from __future__ import annotations

import re
from datetime import date

from icalendar import Calendar
from sqlalchemy import select

from tracker.domain.workflow import TrackStatus
from tracker.models import CalendarFeed, Classification, FeedScope, Follow
from tracker.orm import db
from tracker.services.calendar import create_feed, revoke_feed
from tracker.services.milestones import update_milestone
from tracker.services.tokens import hash_token

FEED_URL = re.compile(r"http://tracker\.test(/calendar/[A-Za-z0-9_-]+\.ics)")


def events(body: bytes) -> dict[str, dict]:
    """uid -> the fields a calendar client keeps, as a client parses them."""
    calendar = Calendar.from_ical(body)
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "summary": str(e["SUMMARY"]),
            "sequence": int(e.get("SEQUENCE", 0)),
        }
        for e in calendar.walk("VEVENT")
    }


class CalendarClient:
    """What Outlook does with a subscribed feed: events kept by UID, replaced by a newer
    SEQUENCE, never added twice."""

    def __init__(self) -> None:
        self.store: dict[str, dict] = {}

    def import_feed(self, body: bytes) -> None:
        for uid, event in events(body).items():
            kept = self.store.get(uid)
            if kept is None or event["sequence"] >= kept["sequence"]:
                self.store[uid] = event


def test_a_moved_milestone_moves_in_the_calendar_instead_of_duplicating(
    client, make, officer
) -> None:
    track = make.track(lead=officer, name="Visa facilitation")
    round_1 = make.milestone(track, title="Round 1", kind="round", planned_on=date(2026, 2, 10))
    make.milestone(track, title="Comments due", planned_on=date(2026, 1, 30))
    _, token = create_feed(officer, FeedScope.TRACK, track=track)

    anonymous = client  # a calendar client has no session
    first = anonymous.get(f"/calendar/{token}.ics")
    assert first.status_code == 200
    assert first.mimetype == "text/calendar"
    outlook = CalendarClient()
    outlook.import_feed(first.data)
    uid = f"milestone-{round_1.id}@tracker.test"
    assert outlook.store[uid]["start"] == date(2026, 2, 10)
    launch = f"anniversary-negotiationtrack-{track.id}-launch-2026@tracker.test"
    assert outlook.store[launch]["start"] == date(2026, 12, 2)  # launched 2 Dec 2025
    assert len(outlook.store) == 3

    update_milestone(round_1, {"planned_on": date(2026, 2, 17)}, actor=officer, expected_version=1)
    outlook.import_feed(anonymous.get(f"/calendar/{token}.ics").data)

    assert len(outlook.store) == 3  # moved, not duplicated
    assert outlook.store[uid]["start"] == date(2026, 2, 17)
    assert outlook.store[uid]["sequence"] == 2


def test_the_users_feed_holds_what_they_own_lead_and_follow_and_no_restricted_track(
    client, make, officer, viewer
) -> None:
    public = make.track(name="Public talks")
    secret = make.track(name="Secret talks", classification=Classification.RESTRICTED)
    followed = make.milestone(public, title="Round 1")
    hidden = make.milestone(secret, title="Secret round")
    owned = make.milestone(
        title="My deadline", owner_id=viewer.id, agreement_id=make.agreement().id
    )
    make.milestone(make.track(name="Other talks"), title="Not mine")
    db.session.add_all(
        [
            Follow(user_id=viewer.id, track_id=public.id),
            Follow(user_id=viewer.id, track_id=secret.id),
        ]
    )
    db.session.commit()
    _, token = create_feed(viewer, FeedScope.USER)

    found = events(client.get(f"/calendar/{token}.ics").data)
    assert set(found) == {
        f"milestone-{followed.id}@tracker.test",
        f"milestone-{owned.id}@tracker.test",
        f"anniversary-negotiationtrack-{public.id}-launch-2026@tracker.test",
    }
    # Neither the restricted track's round nor its launch anniversary, though followed.
    assert f"anniversary-negotiationtrack-{secret.id}-launch-2026@tracker.test" not in found
    assert f"milestone-{hidden.id}@tracker.test" not in found


def test_a_track_feed_closes_when_its_owner_may_no_longer_see_the_track(
    client, make, officer
) -> None:
    track = make.track(name="Talks", lead=officer)
    _, token = create_feed(officer, FeedScope.TRACK, track=track)
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    track.classification = Classification.RESTRICTED
    track.lead_officer_id = None
    db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_tokens_are_stored_hashed_and_revoking_ends_the_url(client, make, officer) -> None:
    feed, token = create_feed(officer, FeedScope.USER)
    stored = db.session.scalar(select(CalendarFeed.token_hash))
    assert stored == hash_token(token) and token not in stored
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    revoke_feed(feed, actor=officer)
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_officers_create_and_revoke_feeds_on_their_page(app, client, make, viewer) -> None:
    client.login(viewer)
    response = client.submit("/me/calendars", follow_redirects=True)
    match = FEED_URL.search(response.get_data(as_text=True))
    assert match, "the new feed's address is shown once"
    calendar_app = app.test_client()  # its own cookie jar, empty: as a calendar application
    assert calendar_app.get(match.group(1)).status_code == 200

    feed = db.session.scalar(select(CalendarFeed))
    assert client.submit(f"/me/calendars/{feed.id}/revoke").status_code == 302
    assert calendar_app.get(match.group(1)).status_code == 404
    assert match.group(1) not in client.get("/me/calendars").get_data(as_text=True)


def test_an_agreement_feed_carries_its_jubilee(client, make, officer, at_1_december_2025) -> None:
    epca = make.agreement(short_title="EPCA", title="EU–Kazakhstan EPCA")
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=epca)
    found = events(client.get(f"/calendar/{token}.ics").data)
    uid = f"anniversary-agreement-{epca.id}-signature-2025@tracker.test"
    assert found[uid]["start"] == date(2025, 12, 21)
    assert found[uid]["summary"] == "10th anniversary of the signature of the EPCA"


def test_one_milestone_downloads_as_an_ics_file_with_the_feeds_uid(client, make, officer) -> None:
    track = make.track(TrackStatus.LAUNCHED, name="Talks")
    milestone = make.milestone(
        track, title="Round 2", kind="round", planned_on=date(2026, 3, 3), location="Astana"
    )
    client.login(officer)
    response = client.get(f"/milestones/{milestone.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    calendar = Calendar.from_ical(response.data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"milestone-{milestone.id}@tracker.test"
    assert str(event["LOCATION"]) == "Astana"
    assert str(event["URL"]) == f"http://tracker.test/milestones/{milestone.id}"


def test_a_restricted_tracks_milestone_cannot_be_downloaded_by_others(client, make, viewer) -> None:
    secret = make.track(name="Secret", classification=Classification.RESTRICTED)
    milestone = make.milestone(secret)
    client.login(viewer)
    assert client.get(f"/milestones/{milestone.id}.ics").status_code == 404


def test_a_track_name_on_two_lines_keeps_every_feed_working(client, make, officer) -> None:
    # Stored before names were checked at every door (the factory writes rows as they are).
    track = make.track(lead=officer, name="Visa facilitation\nRound 4, Brussels")
    milestone = make.milestone(
        track, title="Round 4\r\nBrussels", kind="round", planned_on=date(2026, 2, 10)
    )
    feeds = [create_feed(officer, scope, track=track)[1] for scope in (FeedScope.TRACK,)]
    feeds.append(create_feed(officer, FeedScope.USER)[1])  # every subscriber's feed

    for token in feeds:
        response = client.get(f"/calendar/{token}.ics")
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.data)
        (event,) = [
            e
            for e in calendar.walk("VEVENT")
            if e["UID"] == f"milestone-{milestone.id}@tracker.test"
        ]
        assert str(event["SUMMARY"]) == "Round 4\nBrussels"  # escaped TEXT: a line break is \\n
        assert "Track: Visa facilitation\nRound 4, Brussels" in str(event["DESCRIPTION"])
    name = str(Calendar.from_ical(client.get(f"/calendar/{feeds[0]}.ics").data)["X-WR-CALNAME"])
    assert name == "Accord Tracker: track: Visa facilitation Round 4, Brussels"

    client.login(officer)
    download = client.get(f"/milestones/{milestone.id}.ics")
    assert download.status_code == 200
    assert str(Calendar.from_ical(download.data)["X-WR-CALNAME"]) == "Round 4 Brussels"


def test_feed_names_are_in_the_owners_language(client, make, officer) -> None:
    """Issue 15 item 11: the feed's calendar name is in its owner's language (a calendar
    client fetches it without a session), with the track's official name in that
    language; the feeds page names them in the reader's language."""
    officer.language = "kk"
    track = make.track(lead=officer, name="Visa facilitation", official_name_kk="Виза")
    _feed, token = create_feed(officer, FeedScope.TRACK, track=track)
    _feed, mine = create_feed(officer, FeedScope.MY_WORK)
    db.session.commit()
    named = {
        t: str(Calendar.from_ical(client.get(f"/calendar/{t}.ics").data)["X-WR-CALNAME"])
        for t in (token, mine)
    }
    assert named[token] == "Accord Tracker: бағыт: Виза"
    assert named[mine].startswith("Accord Tracker: менің жұмысым")
    client.login(officer)
    page = client.get("/me/calendars").text
    assert "бағыт: Виза" in page and "track:" not in page
