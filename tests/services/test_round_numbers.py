"""Clearing a round's number gives it the next number of its series, counting the others
only (found by the adversarial check of issue 13: a lone round 1 became round 2, and the
last round, 7, became 8, because the round counted itself)."""

from __future__ import annotations

from datetime import date

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services.milestones import create_milestone, update_milestone


def test_a_cleared_number_is_the_next_after_the_others(make, officer) -> None:
    track = make.track()

    def new_round(day: int):
        return create_milestone(
            {
                "track_id": track.id,
                "kind": MilestoneKind.ROUND,
                "title": f"Round on the {day}th",
                "planned_on": date(2026, 2, day),
            },
            actor=officer,
        )

    first = new_round(2)
    db.session.commit()
    assert first.number == 1
    update_milestone(first, {"number": None}, actor=officer, expected_version=first.version)
    db.session.commit()
    assert first.number == 1  # alone in its series: still the first
    rounds = [new_round(day) for day in range(3, 9)]
    db.session.commit()
    last = rounds[-1]
    assert last.number == 7
    update_milestone(last, {"number": None}, actor=officer, expected_version=last.version)
    db.session.commit()
    assert last.number == 7
