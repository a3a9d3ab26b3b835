"""The JSON API is tested over real HTTP: a live server on loopback, like any API client."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.workflow import TrackStatus
from tracker.models import Classification, MilestoneKind, User
from tracker.orm import db
from tracker.services.api_tokens import create_token


def bearer(user: User) -> dict[str, str]:
    _, token = create_token(user, "tests")
    db.session.commit()  # the test is the boundary here: the live server reads it
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def world(make, officer: User) -> dict[str, int]:
    """A small archive: the EPCA, two tracks (one restricted), milestones, a council."""
    eu, kz = make.party("European Union"), make.party("Kazakhstan")
    epca = make.agreement(parties=[eu, kz], short_title="EPCA", title="EU–Kazakhstan EPCA")
    visa = make.track(
        TrackStatus.LAUNCHED,
        since=date(2025, 12, 2),
        name="Visa facilitation",
        framework_agreement_id=epca.id,
        lead=officer,
    )
    secret = make.track(name="Secret talks", classification=Classification.RESTRICTED)
    council = make.body("EU–Kazakhstan Cooperation Council", cadence_months=12)
    round_1 = make.milestone(
        visa, title="Round 1", kind=MilestoneKind.ROUND, number=1, planned_on=date(2026, 2, 10)
    )
    make.milestone(secret, title="Secret round", planned_on=date(2026, 2, 11))
    make.milestone(
        body_id=council.id,
        title="22nd Cooperation Council",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
    )
    return {
        "agreement": epca.id,
        "track": visa.id,
        "secret": secret.id,
        "body": council.id,
        "milestone": round_1.id,
    }
