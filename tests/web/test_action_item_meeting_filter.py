"""Issue 15 item 2: the action items list filters by meeting from its form, like by owner,
status, body and due date: a select of the meetings whose items the reader may see (a
restricted track's meeting not theirs is never offered), named with their date."""

from __future__ import annotations

import html
import re
from datetime import date

from tracker.models import ActionItem, Classification, MilestoneKind
from tracker.orm import db


def test_the_list_form_offers_the_meetings_the_reader_may_see(client, officer, make) -> None:
    body = make.body(name="Cooperation Council")
    council = make.milestone(
        body_id=body.id,
        kind=MilestoneKind.MEETING,
        title="22nd Cooperation Council",
        planned_on=date(2025, 12, 3),
    )
    committee = make.milestone(
        body_id=body.id,
        kind=MilestoneKind.MEETING,
        title="Sub-committee on trade",
        planned_on=date(2025, 11, 20),
    )
    secret = make.track(name="Secret talks", classification=Classification.RESTRICTED)
    closed = make.milestone(
        secret, kind=MilestoneKind.MEETING, title="Closed session", planned_on=date(2025, 12, 1)
    )
    db.session.add_all(
        [
            ActionItem(
                meeting_id=council.id, title="Book the interpreters", due_on=date(2026, 1, 15)
            ),
            ActionItem(
                meeting_id=committee.id, title="Send the tariff tables", due_on=date(2026, 1, 15)
            ),
            ActionItem(meeting_id=closed.id, title="Brief the minister", due_on=date(2026, 1, 15)),
        ]
    )
    db.session.commit()
    client.login(officer)
    page = html.unescape(client.get("/action-items/").text)
    select = re.search(r'<select id="meeting" name="meeting">(.*?)</select>', page, re.S)
    assert select, "no meeting select"
    offered = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(1))
    assert [int(i) for i, _label in offered] == [council.id, committee.id]
    assert "3 Dec 2025" in offered[0][1] and "22nd Cooperation Council" in offered[0][1]
    assert "Closed session" not in page

    chosen = html.unescape(client.get(f"/action-items/?meeting={committee.id}").text)
    assert "Send the tariff tables" in chosen and "Book the interpreters" not in chosen
    assert f'<option value="{committee.id}" selected>' in chosen
