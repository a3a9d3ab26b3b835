"""The computed dates of an agreement's calendar feed keep a revision of their own (h16h
#1, #2): SEQUENCE only grows (RFC 5545 3.8.7.4: a client ignores an update whose SEQUENCE
is lower than the one it holds), stays while the date and its basis stay, and LAST-MODIFIED
is when they last changed; a per-Party event's UID is the Party's id, so renaming the Party
updates the event in place instead of making a new one."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from icalendar import Calendar

from tests.treaty_world import partnership
from tracker.models import AgreementKind, AgreementStatus, ClockRule, FeedScope, PartyAction
from tracker.orm import db
from tracker.services import read_cache
from tracker.services.calendar import create_feed

#: three reads, a week apart
FIRST, SECOND, THIRD, FOURTH = (
    datetime(2026, 1, 12, 9, 0, tzinfo=UTC),
    datetime(2026, 1, 19, 9, 0, tzinfo=UTC),
    datetime(2026, 1, 26, 9, 0, tzinfo=UTC),
    datetime(2026, 2, 2, 9, 0, tzinfo=UTC),
)


def _computed(client, token: str, at: datetime) -> dict[str, dict]:
    """The feed's computed events as read at `at`, by UID: their date, SEQUENCE and stamps."""
    with time_machine.travel(at, tick=False):
        body = client.get(f"/calendar/{token}.ics").data
    return {
        str(e["UID"]): {
            "on": e.decoded("DTSTART"),
            "sequence": int(e["SEQUENCE"]),
            "dtstamp": e.decoded("DTSTAMP"),
            "last_modified": e.decoded("LAST-MODIFIED") if "LAST-MODIFIED" in e else None,
        }
        for e in Calendar.from_ical(body).walk("VEVENT")
        if str(e["UID"]).startswith("clock-")
    }


def _entry_into_force(events: dict[str, dict]) -> dict:
    (found,) = (e for uid, e in events.items() if "-entry_into_force-" in uid)
    return found


@pytest.fixture
def feed(make, officer):
    treaty = partnership(make, years=6, short_title="TPA")
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=treaty)
    db.session.commit()
    return treaty, token


def _notified(treaty, on: date) -> None:
    """The Republic's notification of completed procedures moved to `on`."""
    treaty.ratifications[1].actions[0].on = on
    db.session.commit()


def test_a_computed_dates_sequence_only_grows_as_the_date_moves_and_back(client, feed) -> None:
    treaty, token = feed
    first = _entry_into_force(_computed(client, token, FIRST))
    assert (first["on"], first["sequence"]) == (date(2020, 3, 1), 0)
    _notified(treaty, date(2020, 2, 15))  # the last notification a month later
    moved = _entry_into_force(_computed(client, token, SECOND))
    assert (moved["on"], moved["sequence"]) == (date(2020, 4, 1), 1)
    _notified(treaty, date(2020, 1, 15))  # and back: the date is the first one again
    back = _entry_into_force(_computed(client, token, THIRD))
    assert (back["on"], back["sequence"]) == (date(2020, 3, 1), 2)
    unchanged = _entry_into_force(_computed(client, token, FOURTH))
    assert unchanged == back  # nothing changed: the same SEQUENCE and stamps
    # LAST-MODIFIED (3.8.7.3) is when the date last changed, not when the feed was read
    assert back["last_modified"] == THIRD and back["dtstamp"] == THIRD


def test_every_computed_event_keeps_its_sequence_while_nothing_changes(client, feed) -> None:
    _, token = feed
    first = _computed(client, token, FIRST)
    again = _computed(client, token, SECOND)
    assert len(first) >= 2  # the entry into force and the term's end
    # not the UIDs of before, whose SEQUENCE was a CRC-32 a client may hold (up to 2**31)
    assert all(uid.split("@")[0].endswith("-agreement") for uid in first), list(first)
    assert {uid: e["sequence"] for uid, e in again.items()} == dict.fromkeys(first, 0)
    assert all(e["last_modified"] == FIRST for e in again.values())


def test_a_reader_that_lost_the_race_to_store_a_revision_takes_the_winners(
    client, feed, monkeypatch
) -> None:
    """Two feed reads at once both find no revision and both insert it: the second insert
    meets the unique key (on PostgreSQL it waits for the first to commit) and must take the
    stored one, not fail. Here the second reader is made blind to the stored rows."""
    from tracker.services import calendar_revisions  # h16h #1's store

    _, token = feed
    first = _computed(client, token, FIRST)
    monkeypatch.setattr(calendar_revisions, "_stored", lambda agreement_id: {})
    blind = _computed(client, token, SECOND)
    assert blind == first


def test_storing_a_revision_while_reading_keeps_the_pages_cache(client, feed) -> None:
    """The revisions are written by reading the feed; no page shows them, so the write
    must not throw away every reader's cached pages (tracker.services.read_cache)."""
    _, token = feed
    before = read_cache.generation()
    assert _computed(client, token, FIRST)
    assert read_cache.generation() == before
    assert "calendar_revisions" in read_cache.WRITES_THAT_CHANGE_NO_PAGE


@pytest.fixture
def convention(make, officer):
    """Norway withdraws from a multilateral convention: a per-Party computed date."""
    agreement = make.agreement(
        parties=[make.party("Kazakhstan"), make.party("Iceland"), make.party("Norway")],
        title="Convention on transit",
        kind=AgreementKind.MULTILATERAL,
        status=AgreementStatus.IN_FORCE,
        in_force_on=date(2020, 3, 1),
    )
    agreement.ratifications[2].actions.append(PartyAction(kind="withdrawal", on=date(2025, 9, 1)))
    agreement.clock_rules.append(
        ClockRule(purpose="denunciation_effect", mode="after", anchor="notification", offset=6)
    )
    _, token = create_feed(officer, FeedScope.AGREEMENT, agreement=agreement)
    db.session.commit()
    return agreement, token


def test_renaming_a_party_updates_its_computed_event_in_place(client, convention) -> None:
    agreement, token = convention
    norway = agreement.ratifications[2].party
    (before,) = _computed(client, token, FIRST)
    assert f"-party-{norway.id}@" in before, before
    norway.name = "Kingdom of Norway"
    db.session.commit()
    assert list(_computed(client, token, SECOND)) == [before]
