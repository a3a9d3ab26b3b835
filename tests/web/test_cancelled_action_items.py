"""Tidy records (issue #15, item 7): an action item that will not be done is cancelled with
a reason, as a milestone is: audited, neither open nor overdue (so not reminded, counted,
listed as mine or as open, nor in the weekly report's open items), shown as cancelled with
the reason, and restored only by an administrator."""

from __future__ import annotations

import html
from datetime import date

import time_machine
from sqlalchemy import select

from tracker.models import ActionItem, ActionStatus, AuditEvent, MilestoneKind
from tracker.orm import db
from tracker.services.action_items import open_items_of
from tracker.services.my_work import my_open_action_items
from tracker.services.reminders.action_items import action_item_reminders
from tracker.services.reports.build import build_weekly_report

TODAY = date(2026, 1, 20)
REASON = "The partners settled it at the plenary"


def _version(item_id: int) -> str:
    db.session.expire_all()
    return str(db.session.get(ActionItem, item_id).version)


def _world(make, officer):  # noqa: ANN001, ANN202
    body = make.body(name="Cooperation Council")
    meeting = make.milestone(
        body_id=body.id,
        kind=MilestoneKind.MEETING,
        title="22nd Council",
        planned_on=date(2026, 1, 5),
    )
    item = ActionItem(
        meeting_id=meeting.id,
        title="Send the draft annex",
        due_on=date(2026, 1, 15),
        owner_id=officer.id,
    )
    db.session.add(item)
    db.session.commit()
    return meeting, item


def _report_items(week: str) -> list[str]:
    report = build_weekly_report(week, TODAY)
    return [i.title for i in report.action_items]


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_cancelled_action_item_leaves_every_open_view_and_an_administrator_restores_it(
    client, officer, admin, make
) -> None:
    meeting, item = _world(make, officer)
    assert item.is_overdue(TODAY)
    assert list(action_item_reminders(TODAY, {officer.id: officer}))
    assert _report_items("2026-W04") == ["Send the draft annex"]
    client.login(officer)
    url = f"/action-items/{item.id}/cancel"

    assert client.submit(url, {"reason": " ", "version": _version(item.id)}).status_code == 302
    page = html.unescape(client.get(f"/milestones/{meeting.id}").text)
    assert "Say why the action item is cancelled." in page
    assert db.session.get(ActionItem, item.id).cancelled_on is None

    assert client.submit(url, {"reason": REASON, "version": _version(item.id)}).status_code == 302
    assert "cancelled." in html.unescape(client.get(f"/milestones/{meeting.id}").text)
    db.session.expire_all()
    cancelled = db.session.get(ActionItem, item.id)
    assert cancelled.cancelled_on == TODAY and cancelled.cancel_reason == REASON
    assert cancelled.status is ActionStatus.OPEN  # kept, so that a restore gives it back
    assert not cancelled.is_open and not cancelled.is_overdue(TODAY)
    assert list(action_item_reminders(TODAY, {officer.id: officer})) == []
    assert my_open_action_items(officer, TODAY)[0] == []
    assert open_items_of(officer) == []
    assert _report_items("2026-W04") == []
    # the list: not under "open", shown as cancelled with the reason under "all"
    assert "Send the draft annex" not in client.get("/action-items/?status=open").text
    listed = html.unescape(client.get("/action-items/").text)
    assert "Cancelled 20 Jan 2026" in listed and REASON in listed
    assert "Overdue" not in listed.split("Send the draft annex", 1)[1].split("</tr>", 1)[0]
    # the meeting's page: cancelled with the reason, counted as not open, no cancel form
    page = html.unescape(client.get(f"/milestones/{meeting.id}").text)
    assert "Cancelled 20 Jan 2026" in page and REASON in page
    assert "0 open of 1" in page
    assert f"/action-items/{item.id}/cancel" not in page
    # my work and the dashboard
    assert "Send the draft annex" not in client.get("/my-work").text
    assert "Send the draft annex" not in client.get("/").text
    # the CSV says so
    export = client.get("/action-items/export.csv").text
    assert f"2026-01-20,{REASON}" in export
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "action_item.cancelled")
    ).one()
    assert event.after["cancel_reason"] == REASON and event.actor_id == officer.id
    # cancelling twice is refused, said in words
    client.submit(url, {"reason": REASON, "version": _version(item.id)})
    assert "This action item is cancelled already." in html.unescape(
        client.get(f"/milestones/{meeting.id}").text
    )

    restore = f"/action-items/{item.id}/restore"
    assert client.submit(restore, {"version": _version(item.id)}).status_code == 403
    client.login(admin)
    assert "Restore" in client.get(f"/milestones/{meeting.id}").text
    assert client.submit(restore, {"version": _version(item.id)}).status_code == 302
    db.session.expire_all()
    restored = db.session.get(ActionItem, item.id)
    assert restored.cancelled_on is None and restored.cancel_reason == ""
    assert restored.is_overdue(TODAY)
    assert [r for r in action_item_reminders(TODAY, {officer.id: officer})]
    assert (
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "action_item.restored"))
        .one()
        .actor_id
        == admin.id
    )


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_only_an_open_item_is_cancelled_and_a_stale_form_is_a_conflict(
    client, officer, make
) -> None:
    meeting, item = _world(make, officer)
    client.login(officer)
    stale = _version(item.id)
    item.title = "Send the draft annex, revised"
    db.session.commit()
    client.submit(f"/action-items/{item.id}/cancel", {"reason": REASON, "version": stale})
    page = html.unescape(client.get(f"/milestones/{meeting.id}").text)
    assert "changed by someone else" in page
    assert db.session.get(ActionItem, item.id).cancelled_on is None

    item.status = ActionStatus.DONE
    db.session.commit()
    client.submit(
        f"/action-items/{item.id}/cancel", {"reason": REASON, "version": _version(item.id)}
    )
    assert "Only an open action item can be cancelled." in html.unescape(
        client.get(f"/milestones/{meeting.id}").text
    )
    assert db.session.get(ActionItem, item.id).cancelled_on is None


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_cancelled_item_is_read_only_until_it_is_restored(client, officer, make) -> None:
    """Found by the helper that built cancellation: the meeting page shows a cancelled
    item without its form, but a post to its address still changed it."""
    meeting, item = _world(make, officer)
    client.login(officer)
    client.submit(
        f"/action-items/{item.id}/cancel", {"reason": REASON, "version": _version(item.id)}
    )
    fields = {
        "title": "Send something else",
        "owner_id": str(officer.id),
        "due_on": "2026-01-30",
        "status": "done",
        "version": _version(item.id),
    }
    refused = client.submit(
        f"/milestones/{meeting.id}/action-items/{item.id}",
        {f"item-{item.id}-{k}": v for k, v in fields.items()},
    )
    assert refused.status_code == 422
    assert "an administrator can restore it before it is changed" in html.unescape(refused.text)
    db.session.expire_all()
    stored = db.session.get(ActionItem, item.id)
    assert (stored.title, stored.status) == ("Send the draft annex", ActionStatus.OPEN)
