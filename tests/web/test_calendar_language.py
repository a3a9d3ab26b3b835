"""Issue 15#11: a calendar feed's events (summaries, descriptions, categories) are told in
the feed OWNER's language, with official names in it, like the feed's name: a calendar
client asks without a session or a language of its own."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from tracker.models import ActionItem, FeedScope, MilestoneKind
from tracker.orm import db
from tracker.services.calendar import create_feed

NAME_KK = "Визалық режимді жеңілдету туралы келіссөздер"
TITLE_KK = "Кеңейтілген әріптестік және ынтымақтастық туралы келісім"


def _events(body: bytes) -> dict[str, dict[str, str]]:
    return {
        str(e["UID"]).split("@")[0]: {
            "summary": str(e["SUMMARY"]),
            "description": str(e.get("DESCRIPTION", "")),
        }
        for e in Calendar.from_ical(body).walk("VEVENT")
    }


def test_a_kazakh_owners_feed_tells_its_events_in_kazakh(
    client, make, officer, at_1_december_2025
) -> None:
    officer.language = "kk"
    track = make.track(name="Visa facilitation", official_name_kk=NAME_KK, lead=officer)
    meeting = make.milestone(
        track,
        title="Round 1",
        kind=MilestoneKind.ROUND,
        planned_on=date(2025, 11, 20),
        done_on=date(2025, 11, 20),
        owner_id=officer.id,
    )
    db.session.add(
        ActionItem(
            title="Send the draft",
            due_on=date(2025, 12, 10),
            owner_id=officer.id,
            meeting_id=meeting.id,
            track_id=track.id,
        )
    )
    epca = make.agreement(title="EPCA", official_title_kk=TITLE_KK, signed_on=date(2015, 12, 21))
    db.session.commit()

    _, my_work = create_feed(officer, FeedScope.MY_WORK)
    _, agreement_feed = create_feed(officer, FeedScope.AGREEMENT, agreement=epca)
    db.session.commit()

    found = _events(client.get(f"/calendar/{my_work}.ics").data)
    milestone = found[f"milestone-{meeting.id}"]
    assert "Done" not in milestone["summary"] and "Round 1" in milestone["summary"]
    assert NAME_KK in milestone["description"]
    assert "Track:" not in milestone["description"]
    (item,) = [v for k, v in found.items() if k.startswith("action-item-")]
    assert "Action item" not in item["summary"] and "Send the draft" in item["summary"]
    assert NAME_KK in item["description"] and "From:" not in item["description"]

    found = _events(client.get(f"/calendar/{agreement_feed}.ics").data)
    jubilee = found[f"anniversary-agreement-{epca.id}-signature-2025"]
    assert TITLE_KK in jubilee["summary"]
    assert "anniversary" not in jubilee["summary"]


def test_an_english_owners_feed_stays_in_english(client, make, officer) -> None:
    track = make.track(name="Visa facilitation", official_name_kk=NAME_KK, lead=officer)
    milestone = make.milestone(
        track, title="Round 1", planned_on=date(2026, 1, 15), owner_id=officer.id
    )
    _, token = create_feed(officer, FeedScope.TRACK, track=track)
    db.session.commit()
    event = _events(client.get(f"/calendar/{token}.ics").data)[f"milestone-{milestone.id}"]
    assert event["description"] == "Track: Visa facilitation"
