"""Tidy records (issue #15, item 7): a milestone that will not happen is cancelled with a
reason: audited, neither open nor overdue (so not reminded, counted or listed as mine),
and restored only by an administrator."""

from __future__ import annotations

import html
import re
from datetime import date

import time_machine
from sqlalchemy import select

from tracker.models import AuditEvent, Milestone
from tracker.orm import db
from tracker.services.my_work import my_open_milestones
from tracker.services.reminders.milestones import milestone_reminders

TODAY = date(2026, 1, 20)


def _version(milestone_id: int) -> str:
    db.session.expire_all()
    return str(db.session.get(Milestone, milestone_id).version)


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_cancelled_milestone_is_neither_open_nor_overdue_nor_reminded(
    client, officer, admin, make
) -> None:
    track = make.track(name="Readmission", lead=officer)
    milestone = make.milestone(
        track, title="Round 3", planned_on=date(2026, 1, 10), owner_id=officer.id
    )
    assert milestone.is_overdue(TODAY)
    assert any(r for r in milestone_reminders(TODAY, {officer.id: officer}))
    client.login(officer)
    url = f"/milestones/{milestone.id}/cancel"

    refused = client.submit(url, {"reason": "", "version": _version(milestone.id)})
    assert refused.status_code == 302
    assert "Say why the milestone is cancelled." in html.unescape(
        client.get(f"/milestones/{milestone.id}").text
    )
    assert db.session.get(Milestone, milestone.id).cancelled_on is None

    done = client.submit(
        url, {"reason": "The partners postponed the talks", "version": _version(milestone.id)}
    )
    assert done.status_code == 302
    db.session.expire_all()
    cancelled = db.session.get(Milestone, milestone.id)
    assert cancelled.cancelled_on == TODAY
    assert not cancelled.is_open and not cancelled.is_overdue(TODAY)
    assert (
        db.session.scalar(
            select(Milestone.id).where(Milestone.is_overdue(TODAY), Milestone.id == milestone.id)
        )
        is None
    )
    assert list(milestone_reminders(TODAY, {officer.id: officer})) == []
    assert my_open_milestones(officer, TODAY)[0] == []
    page = html.unescape(client.get(f"/milestones/{milestone.id}").text)
    assert "Cancelled 20 Jan 2026" in page and "The partners postponed the talks" in page
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "milestone.cancelled")
    ).one()
    assert event.after["cancel_reason"] == "The partners postponed the talks"
    assert event.actor_id == officer.id

    # An officer may not restore it; an administrator may.
    restore = f"/milestones/{milestone.id}/restore"
    assert client.submit(restore, {"version": _version(milestone.id)}).status_code == 403
    client.login(admin)
    assert client.submit(restore, {"version": _version(milestone.id)}).status_code == 302
    db.session.expire_all()
    restored = db.session.get(Milestone, milestone.id)
    assert restored.cancelled_on is None and restored.is_overdue(TODAY)
    assert (
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "milestone.restored"))
        .one()
        .actor_id
        == admin.id
    )


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_cancelled_milestone_is_not_late_on_the_track_page_nor_live_in_a_calendar(
    client, officer, make
) -> None:
    """The track's table and timeline said "10 days late", the milestone page showed its
    slippage, and the calendar file published it as a live event (adversarial check)."""
    track = make.track(name="Readmission", lead=officer)
    milestone = make.milestone(track, title="Round 3", planned_on=date(2026, 1, 10))
    client.login(officer)
    assert "10 days late" in client.get(f"/tracks/{track.id}").text
    client.submit(
        f"/milestones/{milestone.id}/cancel",
        {"reason": "The partners postponed the talks", "version": _version(milestone.id)},
    )
    for url in (f"/tracks/{track.id}", f"/milestones/{milestone.id}"):
        assert "days late" not in client.get(url).text, url
    assert "tl-overdue" not in client.get(f"/tracks/{track.id}").text
    ics = client.get(f"/milestones/{milestone.id}.ics").text
    assert "STATUS:CANCELLED" in ics


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_the_milestones_list_calls_a_cancelled_milestone_cancelled_not_planned(
    client, officer, make
) -> None:
    """Seen by hand (hcheck): after cancelling "Round 3" (planned for later), the list at
    /milestones/ (state "All") still said "Planned" in its Progress column."""
    track = make.track(name="Readmission", lead=officer)
    milestone = make.milestone(track, title="Round 3", planned_on=date(2026, 2, 10))
    client.login(officer)
    client.submit(
        f"/milestones/{milestone.id}/cancel",
        {"reason": "The partners postponed the talks", "version": _version(milestone.id)},
    )
    row = (
        html.unescape(client.get("/milestones/").text).split(">Round 3</a>", 1)[1].split("</tr>")[0]
    )
    assert "Cancelled 20 Jan 2026" in row
    assert "Planned" not in row


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_the_timeline_marks_a_cancelled_milestone_as_cancelled(client, officer, make) -> None:
    """The track's timeline draws a cancelled milestone apart (its own class, 'Cancelled'
    in its label and tooltip), not with the planned ones; in the reader's language."""
    track = make.track(name="Readmission", lead=officer)
    held = make.milestone(track, title="Round 2", planned_on=date(2026, 2, 10))
    dropped = make.milestone(track, title="Round 3", planned_on=date(2026, 3, 10))
    client.login(officer)
    client.submit(
        f"/milestones/{dropped.id}/cancel",
        {"reason": "Postponed", "version": _version(dropped.id)},
    )
    officer.language = "ru"
    db.session.commit()
    page = html.unescape(client.get(f"/tracks/{track.id}").text)
    groups = re.findall(r'<g class="(tl-[a-z]+)">\s*<title>([^<]*)</title>', page)
    by_title = {title.split(":")[0]: (cls, title) for cls, title in groups}
    assert by_title["Round 3"][0] == "tl-cancelled", groups
    assert "Отменено" in by_title["Round 3"][1]
    assert by_title["Round 2"][0] == "tl-planned", groups
    assert held.cancelled_on is None
