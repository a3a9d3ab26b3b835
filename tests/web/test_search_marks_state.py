"""The header search's results say a record's state as the lists do (issue 15, new-officer
check): an archived track is marked archived, a cancelled round and a cancelled action item
are marked cancelled, an overdue action item is marked overdue, in the reader's language."""

from __future__ import annotations

import html
from datetime import date

import time_machine

from tracker.domain.workflow import TrackStatus
from tracker.models import ActionItem, ActionStatus, MilestoneKind
from tracker.orm import db


def _hits(page: str, href: str) -> str:
    """The text of the search result line that links to `href`."""
    start = page.index(f'href="{href}')
    return page[start : page.index("</li>", start)]


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_search_results_mark_archived_cancelled_and_overdue_records(client, make) -> None:
    reader = make.user(role="officer", language="ru")
    old = make.track(status=TrackStatus.ABANDONED, name="Zephyrus old track")
    old.archived_on = date(2026, 1, 10)
    old.archive_reason = "Superseded"
    live = make.track(status=TrackStatus.NEGOTIATING, lead=reader, name="Zephyrus live track")
    cancelled_round = make.milestone(
        live, kind=MilestoneKind.ROUND, title="Zephyrus round", planned_on=date(2026, 2, 1)
    )
    cancelled_round.cancelled_on = date(2026, 1, 12)
    cancelled_round.cancel_reason = "Postponed sine die"
    meeting = make.milestone(live, kind=MilestoneKind.MEETING, title="Zephyrus meeting")
    gone = ActionItem(
        meeting_id=meeting.id,
        title="Zephyrus cancelled item",
        due_on=date(2026, 3, 1),
        cancelled_on=date(2026, 1, 14),
        cancel_reason="No longer needed",
    )
    late = ActionItem(
        meeting_id=meeting.id,
        track_id=live.id,
        title="Zephyrus late item",
        due_on=date(2026, 1, 5),
        status=ActionStatus.OPEN,
    )
    db.session.add_all([gone, late])
    db.session.commit()
    client.login(reader)
    page = html.unescape(client.get("/search?q=zephyrus").get_data(as_text=True))

    assert "В архиве с" in _hits(page, f"/tracks/{old.id}")
    assert "В архиве" not in _hits(page, f"/tracks/{live.id}")
    assert "Отменено" in _hits(page, f"/milestones/{cancelled_round.id}")
    assert "Отменено" not in _hits(page, f'/milestones/{meeting.id}"')
    items = page[page.index('id="found-action_item"') :]
    assert "Отменено" in items[items.index("Zephyrus cancelled item") :].split("</li>")[0]
    late_line = items[items.index("Zephyrus late item") :].split("</li>")[0]
    assert "Просрочено" in late_line and "Отменено" not in late_line
