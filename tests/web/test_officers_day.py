"""The foundation's "done means", walked through the web forms as the demo officer."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from tracker.models import NegotiationTrack, User
from tracker.orm import db
from tracker.services.demo import seed_demo_data


def test_demo_officer_moves_readmission_track_records_round_1_and_sees_it_everywhere(
    client,
) -> None:
    # the readmission track: the visa track's demo rounds have been held, so it is
    # negotiating already (tracker.services.demo_text)
    with time_machine.travel(datetime(2025, 12, 10, 9, 0, tzinfo=UTC), tick=True):
        seed_demo_data()
        officer = db.session.scalar(select(User).where(User.email == "officer@example.org"))
        visa = db.session.scalar(
            select(NegotiationTrack).where(NegotiationTrack.name.like("%readmission%"))
        )
        client.login(officer, password="accord-officer-demo")

        moved = client.submit(
            f"/tracks/{visa.id}/status",
            {
                "to_status": "negotiating",
                "effective_on": "2025-12-09",
                "expected_status": "launched",
                "comment": "First round convened",
            },
        )
        assert moved.status_code == 302
        recorded = client.submit(
            "/milestones/new",
            {
                "title": "Round 1",
                "kind": "round",
                "track_id": str(visa.id),
                "planned_on": "2025-12-09",
                "date_precision": "day",
                "location": "Brussels",
            },
        )
        assert recorded.status_code == 302

        page = client.get(f"/tracks/{visa.id}").text
        start = page.index('<svg class="timeline"')
        timeline = page[start : page.index("</svg>", start)]
        assert "Negotiating from 9 Dec 2025." in timeline
        assert "Round 1: planned 9 Dec 2025" in timeline
        activity = html.unescape(page[page.index('id="activity-title"') :])
        assert "<strong>Status changed</strong>" in activity
        assert "<del>Launched</del> → <ins>Negotiating</ins>" in activity
        assert "<strong>Milestone added</strong>" in activity
        assert '<dt>Planned on</dt><dd class=""><ins>9 Dec 2025</ins>' in activity

        dashboard = client.get("/").text
        assert "10th anniversary of the signature of the EPCA" in dashboard
