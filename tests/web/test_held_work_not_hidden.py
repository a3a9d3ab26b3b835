"""Open work on hold because its track was abandoned and archived (issue 15, new-officer
check): "my work" and the dashboard do not say that the officer has nothing open; they say
how many are on hold and link to the list that shows them."""

from __future__ import annotations

import html
from datetime import date

import time_machine

from tracker.domain.workflow import TrackStatus
from tracker.models import ActionItem, MilestoneKind
from tracker.orm import db


def _held_work(make, officer):  # noqa: ANN001, ANN202
    track = make.track(status=TrackStatus.ABANDONED, lead=officer, name="Old readmission")
    meeting = make.milestone(track, kind=MilestoneKind.MEETING, title="Round 2")
    make.milestone(track, title="Exchange notes", owner_id=officer.id)
    item = ActionItem(
        meeting_id=meeting.id,
        track_id=track.id,
        title="Send the draft annex",
        due_on=date(2026, 1, 15),
        owner_id=officer.id,
    )
    db.session.add(item)
    track.archived_on = date(2026, 1, 18)
    track.archive_reason = "Superseded"
    db.session.commit()
    return track


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_my_work_and_dashboard_count_work_on_hold_of_an_archived_track(
    client, make, officer
) -> None:
    _held_work(make, officer)
    client.login(officer)
    mine = html.unescape(client.get("/my-work").text)
    assert "Nothing is yours yet" not in mine
    assert "No open action items of yours." not in mine
    assert "1 open action item of yours is on hold" in mine
    assert "1 open milestone of yours is on hold" in mine
    assert f'href="/action-items/?owner={officer.id}&status=open"' in mine
    assert f'href="/milestones/?owner={officer.id}&state=open"' in mine

    # the links lead to lists that show them
    items = html.unescape(client.get(f"/action-items/?owner={officer.id}&status=open").text)
    assert "Send the draft annex" in items
    milestones = html.unescape(client.get(f"/milestones/?owner={officer.id}&state=open").text)
    assert "Exchange notes" in milestones

    dashboard = html.unescape(client.get("/").text)
    assert "No open action items of yours." not in dashboard
    assert "1 open action item of yours is on hold" in dashboard
    assert f'href="/action-items/?owner={officer.id}&status=open"' in dashboard


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_the_kazakh_reader_is_told_of_held_work_too(client, make, officer) -> None:
    _held_work(make, officer)
    officer.language = "kk"
    db.session.commit()
    client.login(officer)
    mine = html.unescape(client.get("/my-work").text)
    assert f'href="/action-items/?owner={officer.id}&status=open"' in mine
    assert "on hold" not in mine  # said in Kazakh, not in English
