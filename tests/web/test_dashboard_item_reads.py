"""The dashboard's own action items are read with what decides whether each is late (its
track, or its meeting's track or agreement), not one statement per item (issue 19: the
administrator's dashboard issued 32 statements at bench scale 1 and 29 at 10 and 50, one
more for each item whose track was not already read). Statements are counted, not timed.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.web.test_query_counts import counted
from tracker.models import ActionItem, MilestoneKind
from tracker.orm import db


def _items(make, owner, size: int) -> None:
    """`size` open action items of `owner`, each on a track of its own and from a meeting
    of yet another track, overdue by a day or due next week by turns."""
    for i in range(size):
        meeting = make.milestone(
            make.track(name=f"Meeting track {size}-{i}"),
            title=f"Meeting {size}-{i}",
            kind=MilestoneKind.MEETING,
            planned_on=date(2026, 1, 5),
            done_on=date(2026, 1, 5),
        )
        track = make.track(name=f"Item track {size}-{i}")
        db.session.add(
            ActionItem(
                meeting=meeting,
                title=f"Item {size}-{i}",
                owner_id=owner.id,
                due_on=date(2026, 1, 11) + timedelta(days=7 * (i % 2)),
                track_id=track.id if i % 3 else None,
            )
        )
    db.session.commit()


@pytest.mark.parametrize("reader", ["admin", "officer"])
def test_the_dashboard_reads_its_action_items_in_a_constant_number_of_statements(
    client, make, reader, request
) -> None:
    user = request.getfixturevalue(reader)
    client.login(user)
    counts = []
    for size in (2, 6):
        _items(make, user, size)
        db.session.expire_all()
        with counted() as statements:
            page = client.get("/", headers={"Cache-Control": "no-cache"})
        assert page.status_code == 200
        assert f"Item {size}-0" in page.text
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
