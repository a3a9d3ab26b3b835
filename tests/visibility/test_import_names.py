"""A CSV import names tracks by name, and names are not unique: a restricted track that
the importing officer may not see must not stand in for a public track of the same name
(issue 13: a hidden record answers exactly as a missing one, on every door). Otherwise
the officer's row naming the public track is refused as "no such track", which tells them
that a restricted track of that name exists (and the import fails for no reason of theirs).
"""

from __future__ import annotations

import io

from sqlalchemy import select

from tracker.models import Classification, Milestone
from tracker.orm import db


def _preview(client, data: bytes):
    return client.post(
        "/import/milestones",
        data={"csrf_token": client.csrf_token, "file": (io.BytesIO(data), "file.csv")},
        content_type="multipart/form-data",
    )


def test_an_import_finds_the_public_track_not_a_hidden_one_of_the_same_name(
    client, make, officer
) -> None:
    # The restricted track is the older one (the lower id), as when a restricted track
    # was opened first and a public one of the same name followed.
    make.track(name="Readmission talks", classification=Classification.RESTRICTED)
    public = make.track(name="Readmission talks")
    client.login(officer)
    response = _preview(
        client, b"title,track,kind,planned_on\nRound 5,Readmission talks,round,2026-03-02\n"
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200, text
    assert "1 row: 1 to add, 0 to change, 0 unchanged." in text
    confirmed = client.submit(
        "/import/milestones/confirm",
        {"content": "title,track,kind,planned_on\nRound 5,Readmission talks,round,2026-03-02\n"},
    )
    assert confirmed.status_code == 302
    db.session.expire_all()
    added = db.session.scalar(select(Milestone).where(Milestone.title == "Round 5"))
    assert added is not None and added.track_id == public.id
