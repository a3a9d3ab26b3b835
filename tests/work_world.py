"""A small archive of action items and milestones around one officer ("me"), for the tests
of "my work" and of the action items list (services, web and API).

Today is 12 January 2026 (tests/conftest.py). The officer leads a live track past its
target date and is assigned to a suspended one; a restricted track of another officer has
a meeting and items the officer may not see, one of them owned by the officer on purpose
(an owner who has since lost sight of the track is not shown it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionItem,
    ActionStatus,
    Classification,
    Follow,
    MilestoneKind,
    User,
)
from tracker.orm import db


@dataclass
class WorkWorld:
    me: User
    other: User
    ids: dict[str, int] = field(default_factory=dict)


def build_work_world(make: Any) -> WorkWorld:
    me = make.user(role="officer", email="me@test.example", name="Me Myself")
    other = make.user(role="officer", email="other@test.example", name="Other Officer")
    council = make.body("Cooperation Council")
    epca = make.agreement(title="Partnership and Cooperation Agreement", short_title="EPCA")
    visa = make.track(
        TrackStatus.NEGOTIATING, lead=me, name="Visa facilitation", target_date=date(2026, 1, 1)
    )
    held = make.track(TrackStatus.SUSPENDED, lead=other, name="Held talks")
    held.members.append(me)
    secret = make.track(
        lead=other, name="Secret talks SECRETMARK", classification=Classification.RESTRICTED
    )
    db.session.commit()
    meeting = make.milestone(
        body_id=council.id,
        title="22nd Cooperation Council",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
    )
    other_meeting = make.milestone(
        body_id=council.id,
        title="23rd Cooperation Council",
        kind=MilestoneKind.MEETING,
        number=23,
        planned_on=date(2026, 1, 8),
    )
    secret_meeting = make.milestone(
        secret, title="Secret meeting SECRETMARK", kind=MilestoneKind.MEETING
    )

    def item(title: str, meeting_id: int, owner: User | None, due: date, **kw: Any) -> int:
        record = ActionItem(
            title=title,
            meeting_id=meeting_id,
            owner_id=owner.id if owner else None,
            due_on=due,
            **kw,
        )
        db.session.add(record)
        db.session.flush()
        return record.id

    ids = {
        "late": item("Send the draft agenda", meeting.id, me, date(2026, 1, 5), track_id=visa.id),
        "soon": item("Book the interpreters", meeting.id, me, date(2026, 1, 20)),
        "held": item("Revise the annex", meeting.id, me, date(2026, 1, 1), track_id=held.id),
        "done": item(
            "Circulate the minutes", meeting.id, me, date(2026, 1, 2), status=ActionStatus.DONE
        ),
        "others": item("Prepare the press line", other_meeting.id, other, date(2026, 1, 15)),
        "far": item("Plan the 24th meeting", other_meeting.id, other, date(2026, 6, 1)),
        "secret_mine": item("SECRETMARK own item", secret_meeting.id, me, date(2026, 1, 3)),
        "secret_linked": item(
            "SECRETMARK linked item", meeting.id, other, date(2026, 1, 4), track_id=secret.id
        ),
    }
    ids.update(
        council=council.id,
        meeting=meeting.id,
        other_meeting=other_meeting.id,
        secret_meeting=secret_meeting.id,
        t_visa=visa.id,
        t_held=held.id,
        t_secret=secret.id,
        epca=epca.id,
    )
    ids["m_late"] = make.milestone(
        visa, title="Round 3", planned_on=date(2026, 1, 2), owner_id=me.id
    ).id
    ids["m_next"] = make.milestone(
        visa, title="Round 4", planned_on=date(2026, 2, 1), owner_id=me.id
    ).id
    ids["m_held"] = make.milestone(
        held, title="Held round", planned_on=date(2025, 12, 20), owner_id=me.id
    ).id
    ids["m_done"] = make.milestone(
        visa,
        title="Round 2",
        planned_on=date(2025, 12, 10),
        done_on=date(2025, 12, 10),
        owner_id=me.id,
    ).id
    db.session.add_all(
        [
            Follow(user_id=me.id, agreement_id=epca.id),
            Follow(user_id=me.id, body_id=council.id),
            Follow(user_id=me.id, track_id=secret.id),  # followed before it was restricted
        ]
    )
    db.session.commit()
    return WorkWorld(me=me, other=other, ids=ids)
