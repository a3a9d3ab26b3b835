"""Fill a database with a realistic, deterministic synthetic archive.

    python bench/generate.py --scale 1 [--database-url sqlite:///bench/scale-1.db]

Scale 1: 1,000 agreements, 5,000 tracks, 50,000 milestones, 100,000 status changes and
200 users; scale 10 is ten times that. One track in twenty is restricted, with its lead
officer and assigned officers (tracks have two on average). Bodies (10 at scale 1) meet in
numbered series: 2,000 meetings, two in five of them on a track (a restricted track's
meeting takes no number), with 5,000 action items and 1,000 documents (rows only, no
files). Rows go in with bulk INSERTs (Core, executemany) in chunks; the same seed gives
the same archive. Then the search index is rebuilt and, on PostgreSQL
(`--database-url postgresql+psycopg://…`), each id sequence is moved past the ids inserted
and every table is analysed.

Two logins, with BENCH_PASSWORD: the administrator ADMIN_EMAIL, and OFFICER_EMAIL, an
officer on no restricted track (lead of some public tracks, assigned to some, owner of
milestones and action items): the common reader, who sees every track but the restricted.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text, update  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from tracker import create_app  # noqa: E402
from tracker.database import upgrade_to_head  # noqa: E402
from tracker.domain.workflow import MAIN_LINE, TrackStatus  # noqa: E402
from tracker.models import (  # noqa: E402
    ActionItem,
    Agreement,
    AgreementArea,
    Body,
    Document,
    Milestone,
    NegotiationTrack,
    Party,
    PartyAction,
    Ratification,
    StatusChange,
    User,
    track_members,
    track_parties,
)
from tracker.models.activity import count_milestones  # noqa: E402
from tracker.models.folding import folded_values  # noqa: E402
from tracker.orm import db  # noqa: E402
from tracker.services import search_index  # noqa: E402

CHUNK = 5_000
TODAY = date(2026, 1, 12)
BENCH_PASSWORD = "bench-password-1234"  # noqa: S105  (a throw-away benchmark database)
ADMIN_EMAIL = "user1@bench.example"
#: an officer on no restricted track: neither its lead nor assigned to it
OFFICER_ID = 2
OFFICER_EMAIL = f"user{OFFICER_ID}@bench.example"


def chunks(rows: list[dict[str, Any]]) -> Any:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


#: tables whose models keep folded keys (tracker.models.folding): a Core insert fills them
FOLDED = {
    model.__table__: model
    for model in (Agreement, AgreementArea, Body, Milestone, NegotiationTrack, Party, User)
}


def bulk(table: Any, rows: list[dict[str, Any]]) -> None:
    model = FOLDED.get(table)
    if model is not None:
        rows = [folded_values(model, row) for row in rows]
    for part in chunks(rows):
        db.session.execute(insert(table), part)


def advance_sequences() -> None:
    """PostgreSQL: move each id sequence past the explicit ids inserted, or the first row
    the application adds collides with one of them (SQLite takes max(id) + 1 itself)."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.autoincrement is not False:
            highest = db.session.scalar(select(func.max(table.c.id)))
            if highest is not None:
                db.session.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                    {"t": table.name, "n": highest},
                )


def analyse() -> None:
    """PostgreSQL: gather the planner's statistics of every table now. Rows loaded in bulk
    have none until autovacuum comes by (a minute or more later), and until then the first
    pages are planned as if the tables were empty (nested loops over 500,000 rows)."""
    if db.engine.dialect.name != "postgresql":
        return
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def _other_than(user_id: int, excluded: int, n_users: int) -> int:
    return user_id if user_id != excluded else user_id % n_users + 1


def generate(scale: float, seed: int = 2015) -> dict[str, int]:
    rng = random.Random(seed)
    # Restricted tracks' members, bodies, meetings, action items and documents draw from
    # their own generator, so the rest of the archive is the one earlier runs measured.
    extra = random.Random(seed + 1)
    n_agreements = int(1_000 * scale)
    n_tracks = int(5_000 * scale)
    n_milestones = int(50_000 * scale)
    n_changes = int(100_000 * scale)
    n_users = max(int(200 * scale), 10)
    now = datetime(2026, 1, 12, 9, tzinfo=UTC)
    password_hash = generate_password_hash(BENCH_PASSWORD, method="scrypt")

    bulk(
        User.__table__,
        [
            {
                "id": i,
                "email": f"user{i}@bench.example",
                "name": f"Officer {i}",
                "role": "admin" if i == 1 else ("viewer" if i % 10 == 0 else "officer"),
                "password_hash": password_hash,
                "active": True,
                "created_at": now,
                "session_version": 1,
                "reminders_enabled": True,
                "reminder_lead_days": "30, 7, 1, 0",
                "weekly_report_enabled": i % 3 == 0,
            }
            for i in range(1, n_users + 1)
        ],
    )
    n_parties = 60
    bulk(
        Party.__table__,
        [
            {"id": i, "name": f"State {i}", "short_name": f"S{i}", "kind": "state"}
            for i in range(1, n_parties + 1)
        ],
    )
    agreements, ratifications, actions, areas = [], [], [], []
    for i in range(1, n_agreements + 1):
        signed = date(1995, 1, 1) + timedelta(days=rng.randrange(0, 11_000))
        in_force = signed + timedelta(days=rng.randrange(200, 1_500))
        agreements.append(
            {
                "id": i,
                "title": f"Agreement {i} on cooperation",
                "short_title": f"A{i}",
                "kind": "bilateral",
                "status": "in_force" if in_force < TODAY else "signed",
                "signed_on": signed,
                "signed_at": "Brussels",
                "in_force_on": in_force if in_force < TODAY else None,
                "summary": "",
                "reference_url": "",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        for party in rng.sample(range(1, n_parties + 1), 2):
            ratifications.append({"agreement_id": i, "party_id": party})
            if rng.random() < 0.8:
                actions.append(
                    {
                        "agreement_id": i,
                        "party_id": party,
                        "kind": "notification_of_completion",
                        "on": in_force,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        for position in range(1, rng.randrange(3, 10)):
            areas.append(
                {
                    "agreement_id": i,
                    "position": position,
                    "name": f"Area {position}",
                    "owner_id": rng.randrange(1, n_users + 1),
                    "status_note": "",
                }
            )
    bulk(Agreement.__table__, agreements)
    bulk(Ratification.__table__, ratifications)
    bulk(PartyAction.__table__, actions)
    bulk(AgreementArea.__table__, areas)

    tracks, links, members, changes = [], [], [], []
    change_id = 0
    for i in range(1, n_tracks + 1):
        # Spread what is left of the status-change budget over the tracks still to come.
        target = max((n_changes - change_id) // (n_tracks - i + 1), 1)
        closed = rng.random() < 0.1
        steps = len(MAIN_LINE) if closed else rng.randrange(3, 6)  # ends launched..initialled
        steps = min(steps, target) if not closed else steps
        day = TODAY - timedelta(days=rng.randrange(400, 6_000))
        history = []
        for step in range(steps):
            history.append((MAIN_LINE[step], day))
            day += timedelta(days=rng.randrange(1, 30))
        # Open tracks fill their share with suspensions and resumptions, as talks do.
        resume_to = history[-1][0]
        while not closed and len(history) < target:
            last = history[-1][0]
            history.append(
                (resume_to if last is TrackStatus.SUSPENDED else TrackStatus.SUSPENDED, day)
            )
            day += timedelta(days=rng.randrange(1, 20))
        status, since = history[-1]
        launches = [day for step, day in history if step is TrackStatus.LAUNCHED]
        restricted = i % 20 == 0
        framework_id = rng.randrange(1, n_agreements + 1)  # drawn in the order of old runs
        lead = rng.randrange(1, n_users + 1)
        if restricted:
            lead = _other_than(lead, OFFICER_ID, n_users)
        tracks.append(
            {
                "id": i,
                "name": f"Track {i} negotiations",
                "description": "",
                "framework_agreement_id": framework_id,
                "resulting_agreement_id": None,
                "lead_officer_id": lead,
                "status": status.value,
                "status_since": min(since, TODAY),
                "next_step": f"Step {i}",
                "target_date": TODAY + timedelta(days=rng.randrange(-100, 400)),
                "classification": "restricted" if restricted else "public",
                "version": 1,
                "created_at": now,
                "updated_at": now,
                # what tracker.models.activity keeps: every change was recorded at `now`
                "last_activity_at": now,
                "launched_on": min(launches[0], TODAY) if launches else None,
            }
        )
        links.append({"track_id": i, "party_id": rng.randrange(1, n_parties + 1)})
        assigned = set(extra.sample(range(1, n_users + 1), extra.randrange(1, 4)))
        if restricted:
            assigned.discard(OFFICER_ID)
        members.extend({"track_id": i, "user_id": user} for user in sorted(assigned - {lead}))
        previous = None
        for to_status, effective in history:
            change_id += 1
            changes.append(
                {
                    "id": change_id,
                    "track_id": i,
                    "from_status": previous.value if previous else None,
                    "to_status": to_status.value,
                    "effective_on": min(effective, TODAY),
                    "recorded_at": now,
                    "officer_id": rng.randrange(1, n_users + 1),
                    "comment": "",
                    "forced": False,
                }
            )
            previous = to_status
    bulk(NegotiationTrack.__table__, tracks)
    bulk(track_parties, links)
    bulk(track_members, members)
    bulk(StatusChange.__table__, changes)

    milestones = []
    rounds: dict[int, int] = {}
    for i in range(1, n_milestones + 1):
        track_id = rng.randrange(1, n_tracks + 1)
        planned = TODAY + timedelta(days=rng.randrange(-3_000, 200))
        done = planned if planned < TODAY and rng.random() < 0.97 else None
        kind = "round" if rng.random() < 0.3 else "deadline"
        number = None
        if kind == "round":
            rounds[track_id] = rounds.get(track_id, 0) + 1
            number = rounds[track_id]
        milestones.append(
            {
                "id": i,
                "track_id": track_id,
                "agreement_id": None,
                "body_id": None,
                "title": f"Milestone {i}",
                "kind": kind,
                "number": number,
                "planned_on": planned,
                "date_precision": "day",
                "done_on": done,
                "location": "",
                "owner_id": rng.randrange(1, n_users + 1),
                "outcome": "",
                "notes": "",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        if len(milestones) == CHUNK:  # streamed: scale 50's 2.5 million rows never all in memory
            bulk(Milestone.__table__, milestones)
            milestones.clear()
    bulk(Milestone.__table__, milestones)
    restricted_tracks = {t["id"] for t in tracks if t["classification"] == "restricted"}
    meetings = _meetings(extra, scale, n_milestones, n_tracks, n_agreements, n_users, now)
    for meeting in meetings["milestones"]:
        if meeting["track_id"] in restricted_tracks:
            meeting["number"] = None  # not in the body's public series
    bulk(Body.__table__, meetings["bodies"])
    bulk(Milestone.__table__, meetings["milestones"])
    items = _action_items(extra, scale, meetings["milestones"], n_tracks, n_users, now)
    bulk(ActionItem.__table__, items)
    documents = _documents(extra, scale, n_tracks, n_milestones, n_users, now)
    bulk(Document.__table__, documents)
    advance_sequences()
    # Bulk inserts pass no flush either: each milestone's liveness from its parents
    # (tracker.models.liveness keeps it for the ORM's writers).
    db.session.execute(update(Milestone.__table__).values(live=Milestone.parents_live()))
    count_milestones(db.session.connection(), None)
    # The rows went in by bulk Core inserts, which pass no flush: index them all at once
    # (issue 15 #1), as `flask --app tracker search rebuild` would.
    search_index.rebuild()
    db.session.commit()
    analyse()
    return {
        "agreements": n_agreements,
        "tracks": n_tracks,
        "restricted_tracks": len(restricted_tracks),
        "track_members": len(members),
        "milestones": n_milestones + len(meetings["milestones"]),
        "meetings": len(meetings["milestones"]),
        "action_items": len(items),
        "documents": len(documents),
        "status_changes": change_id,
        "users": n_users,
    }


def _meetings(
    rng: random.Random,
    scale: float,
    first_id: int,
    n_tracks: int,
    n_agreements: int,
    n_users: int,
    now: datetime,
) -> dict[str, list[dict[str, Any]]]:
    """Bodies and their meetings, numbered per body in date order; two in five meetings
    are also a track's (the caller takes the number off a restricted track's)."""
    n_bodies = max(int(10 * scale), 3)
    bodies = [
        {
            "id": b,
            "name": f"Cooperation Council {b}",
            "short_name": f"CC{b}",
            "agreement_id": rng.randrange(1, n_agreements + 1),
            "cadence_months": rng.choice((6, 12, 12, None)),
            "owner_id": rng.randrange(1, n_users + 1),
            "description": "",
            "version": 1,
        }
        for b in range(1, n_bodies + 1)
    ]
    planned = sorted(
        (rng.randrange(1, n_bodies + 1), TODAY + timedelta(days=rng.randrange(-6_000, 300)))
        for _ in range(int(2_000 * scale))
    )
    meetings, numbers = [], dict.fromkeys(range(1, n_bodies + 1), 0)
    for offset, (body_id, day) in enumerate(planned, start=1):
        numbers[body_id] += 1
        meetings.append(
            {
                "id": first_id + offset,
                "track_id": rng.randrange(1, n_tracks + 1) if rng.random() < 0.4 else None,
                "agreement_id": None,
                "body_id": body_id,
                "title": f"Council {body_id} meeting {numbers[body_id]}",
                "kind": "meeting",
                "number": numbers[body_id],
                "planned_on": day,
                "date_precision": "day",
                "done_on": day if day < TODAY else None,
                "location": "Astana",
                "owner_id": rng.randrange(1, n_users + 1),
                "outcome": "",
                "notes": "",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    return {"bodies": bodies, "milestones": meetings}


def _action_items(
    rng: random.Random,
    scale: float,
    meetings: list[dict[str, Any]],
    n_tracks: int,
    n_users: int,
    now: datetime,
) -> list[dict[str, Any]]:
    """What the meetings concluded: half linked to the meeting's track, some to another."""
    items = []
    for i in range(1, int(5_000 * scale) + 1):
        meeting = rng.choice(meetings)
        track_id = meeting["track_id"] if rng.random() < 0.5 else None
        if track_id is None and rng.random() < 0.2:
            track_id = rng.randrange(1, n_tracks + 1)
        due = meeting["planned_on"] + timedelta(days=rng.randrange(14, 120))
        items.append(
            {
                "id": i,
                "meeting_id": meeting["id"],
                "title": f"Action {i}",
                "owner_id": rng.randrange(1, n_users + 1),
                "due_on": due,
                "status": "done" if due < TODAY and rng.random() < 0.9 else "open",
                "track_id": track_id,
                "notes": "",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    return items


def _documents(
    rng: random.Random,
    scale: float,
    n_tracks: int,
    n_milestones: int,
    n_users: int,
    now: datetime,
) -> list[dict[str, Any]]:
    """Document rows on tracks and milestones (no files: no benchmarked page downloads)."""
    documents = []
    for i in range(1, int(1_000 * scale) + 1):
        on_track = rng.random() < 0.6
        documents.append(
            {
                "id": i,
                "stored_name": f"{i:064x}",
                "filename": f"document-{i}.pdf",
                "content_type": "application/pdf",
                "size": 1_000,
                "sha256": f"{i:064x}",
                "kind": "draft_text",
                "classification": "restricted" if rng.random() < 0.2 else "public",
                "title": f"Document {i}",
                "agreement_id": None,
                "track_id": rng.randrange(1, n_tracks + 1) if on_track else None,
                "milestone_id": None if on_track else rng.randrange(1, n_milestones + 1),
                "uploaded_by_id": rng.randrange(1, n_users + 1),
                "uploaded_at": now,
            }
        )
    return documents


#: a ministry sends anniversary alerts to its protocol desk, not to every officer (the
#: default, "officers", multiplies every anniversary by the number of officers)
PROTOCOL_DESK = ",".join(f"user{i}@bench.example" for i in range(2, 7))


def bench_app(database_url: str, **config: Any) -> Any:
    """The app on `database_url` with the bench's settings, and `config` over them."""
    return create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench",
            "TIMEZONE": "UTC",
            "BASE_URL": "http://bench.test",
            "ANNIVERSARY_RECIPIENTS": PROTOCOL_DESK,
            **config,
        }
    )


def build(scale: float, database_url: str) -> dict[str, int]:
    app = bench_app(database_url)
    with app.app_context():
        upgrade_to_head()
        return generate(scale)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url", default=os.environ.get("TRACKER_DATABASE_URL"))
    args = parser.parse_args()
    default = Path(__file__).resolve().parent / f"scale-{args.scale:g}.db"
    url = args.database_url or f"sqlite:///{default}"
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    started = time.perf_counter()
    counts = build(args.scale, url)
    print(f"{url}: {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
