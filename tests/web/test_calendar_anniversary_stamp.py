"""h19g1 #6: an anniversary's event in a calendar feed was stamped with the moment of the
fetch (DTSTAMP "now"), so every fetch changed an event nothing had changed. With
METHOD:PUBLISH, DTSTAMP may be when the object was last revised (RFC 5545 3.8.7.2); the
feed's other events use their record's updated_at, and the treaty's computed dates their
stored revision (tracker.services.calendar_treaty). An anniversary is stamped with the
updated_at of the agreement or track it remembers: two fetches a day apart give the same
DTSTAMP while nothing changed, and a change to the record moves it on."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine
from icalendar import Calendar

from tracker.models import FeedScope
from tracker.orm import db
from tracker.services.calendar import create_feed


def _stamps(client, token: str) -> dict[str, datetime]:
    """UID -> DTSTAMP of the feed's anniversary events."""
    calendar = Calendar.from_ical(client.get(f"/calendar/{token}.ics").data)
    return {
        str(e["UID"]): e.decoded("DTSTAMP")
        for e in calendar.walk("VEVENT")
        if str(e["UID"]).startswith("anniversary-")
    }


def test_two_fetches_a_day_apart_give_the_same_stamp(client, make, officer) -> None:
    with time_machine.travel(datetime(2025, 11, 1, 9, 0, tzinfo=UTC), tick=False):
        epca = make.agreement(short_title="EPCA", title="EU–Kazakhstan EPCA")
        track = make.track(lead=officer, name="Visa facilitation", launched_on=date(2021, 12, 20))
        _, agreement_feed = create_feed(officer, FeedScope.AGREEMENT, agreement=epca)
        _, track_feed = create_feed(officer, FeedScope.TRACK, track=track)
        db.session.commit()
    with time_machine.travel(datetime(2025, 12, 1, 9, 0, tzinfo=UTC), tick=False):
        first = _stamps(client, agreement_feed) | _stamps(client, track_feed)
    with time_machine.travel(datetime(2025, 12, 2, 9, 0, tzinfo=UTC), tick=False):
        second = _stamps(client, agreement_feed) | _stamps(client, track_feed)
    assert f"anniversary-agreement-{epca.id}-signature-2025@tracker.test" in first
    assert f"anniversary-negotiationtrack-{track.id}-launch-2025@tracker.test" in first
    assert first == second
    assert set(first.values()) == {datetime(2025, 11, 1, 9, 0, tzinfo=UTC)}
    # the agreement renamed: its anniversary's stamp moves on, the track's stays
    with time_machine.travel(datetime(2025, 12, 2, 10, 0, tzinfo=UTC), tick=False):
        epca.short_title = "EPCA (2015)"
        db.session.commit()
        third = _stamps(client, agreement_feed) | _stamps(client, track_feed)
    assert third[f"anniversary-agreement-{epca.id}-signature-2025@tracker.test"] == datetime(
        2025, 12, 2, 10, 0, tzinfo=UTC
    )
    launch = f"anniversary-negotiationtrack-{track.id}-launch-2025@tracker.test"
    assert third[launch] == first[launch]
