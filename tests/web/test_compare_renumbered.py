"""Issue 17 (found by a fresh check): the comparison of two states of the text said
"Article 3 · Duration: text; brackets 2 → 3" for an article renumbered from 2 to 3, and
"Article 2: added" for an article added and deleted since; it now says "renumbered:
Article 2 → Article 3" and "added (status: Deleted)", on the page and in the API."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from tests.api.conftest import bearer
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services import provisions
from tracker.services.milestones import complete_milestone


def test_a_renumbered_or_deleted_provision_says_so_in_the_comparison(
    client: Any, make: Any
) -> None:
    lead = make.user(name="Lead")
    track = make.track(lead=lead, name="Readmission")
    round_1 = make.milestone(
        track, kind=MilestoneKind.ROUND, number=1, title="Round 1", planned_on=date(2026, 1, 5)
    )
    moved = provisions.create_provision(
        track, {"number": "2", "title": "Duration", "texts": {"en": "Five years."}}, actor=lead
    )
    db.session.commit()
    complete_milestone(
        round_1, done_on=date(2026, 1, 5), outcome="", actor=lead, expected_version=1
    )
    provisions.update_provision(moved, {"number": "3"}, actor=lead, expected_version=moved.version)
    gone = provisions.create_provision(
        track, {"number": "2", "title": "Fees", "texts": {"en": "No fees."}}, actor=lead
    )
    provisions.update_provision(
        gone, {"status": "deleted"}, actor=lead, expected_version=gone.version
    )
    db.session.commit()
    client.login(lead)
    page = html.unescape(
        client.get(f"/tracks/{track.id}/text/compare?from={round_1.id}").get_data(as_text=True)
    )
    assert "renumbered: Article 2 → Article 3" in page
    assert "added (status: Deleted)" in page
    answer = client.get(
        f"/api/v1/tracks/{track.id}/text/compare?from={round_1.id}", headers=bearer(lead)
    ).get_json()
    renumbered = {p["provision_id"]: p["renumbered"] for p in answer["provisions"]}
    assert renumbered == {moved.id: True, gone.id: False}
