"""Issue 15 #7 (new-officer check): an administrator restores a cancelled action item or
milestone from the lists' cancelled rows (a POST form with the CSRF token and the version,
through the same restore views and services), and comes back to the list; an officer is
offered no such button."""

from __future__ import annotations

import html
import re
from datetime import date

from tracker.models import ActionItem, Milestone, MilestoneKind
from tracker.orm import db


def _cancelled(make):  # noqa: ANN001, ANN202
    track = make.track(name="Readmission")
    milestone = make.milestone(
        track,
        title="Round 4",
        cancelled_on=date(2026, 1, 10),
        cancel_reason="The partners postponed the talks",
    )
    meeting = make.milestone(track, kind=MilestoneKind.MEETING, title="22nd Council")
    item = ActionItem(
        meeting_id=meeting.id,
        title="Send the draft annex",
        due_on=date(2026, 1, 16),
        cancelled_on=date(2026, 1, 10),
        cancel_reason="Overtaken by events",
    )
    db.session.add(item)
    db.session.commit()
    return milestone.id, item.id


def _restore_form(page: str, action: str) -> dict[str, str]:
    """The fields of the form posting to `action` on `page` (its hidden inputs)."""
    pattern = rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>'
    form = re.search(pattern, page, re.S)
    assert form, f"no form posting to {action}"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[1]))
    assert "csrf_token" in fields and "version" in fields
    assert ">Restore</button>" in form[1]
    return fields


def test_an_administrator_restores_from_the_lists(client, admin, officer, make) -> None:
    milestone_id, item_id = _cancelled(make)
    client.login(officer)
    assert "/restore" not in client.get("/action-items/?status=cancelled").text
    assert "/restore" not in client.get("/milestones/?state=cancelled").text
    client.submit("/logout")

    client.login(admin)
    for list_url, action, model, record_id, title in (
        (
            "/action-items/?status=cancelled",
            f"/action-items/{item_id}/restore",
            ActionItem,
            item_id,
            "Send the draft annex",
        ),
        (
            "/milestones/?state=cancelled",
            f"/milestones/{milestone_id}/restore",
            Milestone,
            milestone_id,
            "Round 4",
        ),
    ):
        page = html.unescape(client.get(list_url).text)
        fields = _restore_form(page, action)
        answer = client.post(action, data=fields)
        assert answer.status_code == 302
        assert answer.headers["Location"] == list_url  # back to the list, as filtered
        db.session.expire_all()
        assert db.session.get(model, record_id).cancelled_on is None
        back = html.unescape(client.get(list_url).text)
        assert f"“{title}” restored." in back


def test_the_restore_cannot_be_sent_off_the_site(client, admin, make) -> None:
    """The form's way back is followed only to the list it names, never elsewhere."""
    _milestone_id, item_id = _cancelled(make)
    client.login(admin)
    version = str(db.session.get(ActionItem, item_id).version)
    answer = client.submit(
        f"/action-items/{item_id}/restore",
        {"version": version, "back": "https://evil.example/action-items/"},
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/milestones/")
