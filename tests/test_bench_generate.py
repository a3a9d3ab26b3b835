"""bench/generate.py fills the suite's database (SQLite, or PostgreSQL when
TRACKER_TEST_DATABASE_URL is set) with a tiny archive that the app then works on.

The generator inserts explicit ids; on PostgreSQL the id sequences must be moved past them,
or the first row the app adds (a status change, a new milestone) collides with one of them
(issue 19). The planner's statistics must be there too: a bulk load leaves none until
autovacuum comes by, and PostgreSQL plans the first pages as if the tables were empty.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from bench.generate import BENCH_PASSWORD, OFFICER_EMAIL, generate
from tests.conftest import TEST_DATABASE_URL
from tracker.models import Milestone, NegotiationTrack, StatusChange, User
from tracker.orm import db

#: small enough to generate in about a second: 10 agreements, 50 tracks, 500 milestones
TINY = 0.01


def test_a_generated_archive_takes_a_status_change_and_new_records(client, make) -> None:
    counts = generate(TINY)
    assert counts["tracks"] == 50
    changes_before = db.session.scalar(select(func.count()).select_from(StatusChange))
    officer = db.session.scalar(select(User).where(User.email == OFFICER_EMAIL))
    track = db.session.scalar(
        select(NegotiationTrack)
        .where(NegotiationTrack.status == "launched", NegotiationTrack.classification == "public")
        .order_by(NegotiationTrack.id)
        .limit(1)
    )
    client.login(officer, password=BENCH_PASSWORD)

    response = client.submit(
        f"/tracks/{track.id}/status",
        {"to_status": "suspended", "effective_on": "2026-01-12", "expected_status": "launched"},
    )

    assert response.status_code in (200, 302), response.get_data(as_text=True)[:500]
    db.session.expire_all()
    assert db.session.get(NegotiationTrack, track.id).status.value == "suspended"
    assert db.session.scalar(select(func.count()).select_from(StatusChange)) == changes_before + 1
    # New rows of the other generated tables get new ids as well.
    milestone = make.milestone(track, title="After the generator")
    assert milestone.id > counts["milestones"]
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == (
        counts["milestones"] + 1
    )
    newcomer = make.user(role="officer")
    assert newcomer.id > counts["users"]


# SQLite keeps no statistics unless asked (ANALYZE fills sqlite_stat1), and the in-process
# benchmark's plans were tuned without them: the generator analyses PostgreSQL only.
@pytest.mark.skipif(not TEST_DATABASE_URL, reason="PostgreSQL only (TRACKER_TEST_DATABASE_URL)")
def test_a_generated_postgresql_archive_is_analysed() -> None:
    generate(TINY)
    # reltuples is -1 until the table has been analysed (PostgreSQL 14 and later); a
    # manual ANALYZE sets it at once, autovacuum only a minute or more later.
    estimates = dict(
        db.session.execute(
            text(
                "SELECT relname, reltuples FROM pg_class "
                "WHERE relname IN ('milestones', 'negotiation_tracks', 'status_changes')"
            )
        ).all()
    )
    assert estimates == {
        "milestones": 520,
        "negotiation_tracks": 50,
        "status_changes": 1000,
    }
