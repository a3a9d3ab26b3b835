"""A round's text is frozen once, when the round is first completed (issue 17: "reopening
or re-dating that milestone never rewrites a frozen version; changes after it form the
next version"). Found by the adversarial check of issue 17: completing a reopened round
again put into its version the articles written after it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions, text_rounds
from tracker.services.milestones import complete_milestone, reopen_milestone


@pytest.fixture
def track_with_round(make: Any) -> tuple[Any, Any, Any]:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Visa facilitation")
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    db.session.commit()
    return lead, track, round_1


def _complete(round_: Any, actor: Any, on: date) -> None:
    complete_milestone(round_, done_on=on, outcome="", actor=actor, expected_version=round_.version)
    db.session.commit()


def test_a_provision_added_after_a_round_is_not_put_into_its_frozen_version(
    track_with_round: tuple[Any, Any, Any],
) -> None:
    lead, track, round_1 = track_with_round
    provisions.create_provision(
        track, {"kind": "article", "number": "1", "texts": {"en": "Scope."}}, actor=lead
    )
    db.session.commit()
    _complete(round_1, lead, date(2026, 1, 5))
    # after the round: a new article, then the round is reopened and re-dated
    provisions.create_provision(
        track, {"kind": "article", "number": "2", "texts": {"en": "Fees [EU: 35 EUR]."}}, actor=lead
    )
    db.session.commit()
    reopen_milestone(round_1, actor=lead, expected_version=round_1.version)
    db.session.commit()
    _complete(round_1, lead, date(2026, 1, 6))
    frozen = text_rounds.text_at(track, round_1)
    assert [state.number for state in frozen] == ["1"]
