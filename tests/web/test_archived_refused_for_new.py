"""Issue 15 (left from the fresh check): new work cannot be placed on an archived track or
agreement by any door, though the pickers no longer offer them: a form posted by hand, an
API body or an edit that moves a record there is refused with a reason on the field, and
nothing is written. A record that already points to one keeps it when edited otherwise
(tests/web/test_archived_not_offered.py)."""

from __future__ import annotations

from datetime import date

from tests.api.conftest import bearer
from tests.web.test_spreadsheets import preview
from tracker.domain.workflow import TrackStatus
from tracker.models import Body, Milestone, NegotiationTrack
from tracker.orm import db

ARCHIVED = "archived: it takes no new work"


def _archived_pair(make):
    old_track = make.track(TrackStatus.ABANDONED, name="Old talks", archived_on=date(2026, 1, 2))
    old = make.agreement(title="Old agreement", archived_on=date(2026, 1, 2))
    return old_track, old


def test_a_new_milestone_on_an_archived_track_or_agreement_is_refused_by_form_and_api(
    client, officer, make
) -> None:
    old_track, old = _archived_pair(make)
    db.session.commit()
    client.login(officer)
    before = db.session.query(Milestone).count()
    for field, value in (("track_id", old_track.id), ("agreement_id", old.id)):
        fields = {"title": "Crafted meeting", "kind": "meeting", "planned_on": "2026-03-02"}
        response = client.submit(
            "/milestones/new", {**fields, "date_precision": "day", field: str(value)}
        )
        assert response.status_code == 422, (field, response.status_code)
        assert ARCHIVED in response.text, field
        answer = client.post(
            "/api/v1/milestones", json={**fields, field: value}, headers=bearer(officer)
        )
        assert answer.status_code == 422, (field, answer.status_code)
        assert ARCHIVED in answer.text, field
    assert db.session.query(Milestone).count() == before


def test_an_edit_cannot_move_a_milestone_onto_an_archived_track_but_keeps_its_own(
    client, officer, make
) -> None:
    old_track, _ = _archived_pair(make)
    live = make.track(name="Live talks")
    moving = make.milestone(live, title="Round on live talks")
    db.session.commit()
    headers = bearer(officer)
    url = f"/api/v1/milestones/{moving.id}"
    etag = client.get(url, headers=headers).headers["ETag"]
    response = client.patch(
        url, json={"track_id": old_track.id}, headers={**headers, "If-Match": etag}
    )
    assert response.status_code == 422, response.status_code
    assert ARCHIVED in response.text
    db.session.expire_all()
    assert db.session.get(Milestone, moving.id).track_id == live.id


def test_a_track_or_body_is_not_placed_on_an_archived_agreement(client, officer, make) -> None:
    _, old = _archived_pair(make)
    kz = make.party("Kazakhstan")
    db.session.commit()
    client.login(officer)
    response = client.submit(
        "/tracks/new",
        {
            "name": "Crafted track",
            "status": "launched",
            "status_since": "2025-12-02",
            "framework_agreement_id": str(old.id),
            "counterpart_ids": [str(kz.id)],
            "lead_officer_id": str(officer.id),
            "classification": "public",
        },
    )
    assert response.status_code == 422
    assert ARCHIVED in response.text
    assert db.session.query(NegotiationTrack).filter_by(name="Crafted track").count() == 0
    response = client.submit(
        "/bodies/new", {"name": "Crafted committee", "agreement_id": str(old.id)}
    )
    assert response.status_code == 422
    assert ARCHIVED in response.text
    assert db.session.query(Body).filter_by(name="Crafted committee").count() == 0


def test_a_file_cannot_place_a_new_milestone_on_an_archived_track(client, officer, make) -> None:
    make.track(TrackStatus.ABANDONED, name="Old talks", archived_on=date(2026, 1, 2))
    db.session.commit()
    client.login(officer)
    data = "title,kind,planned_on,track\r\nBriefing,meeting,2026-03-01,Old talks\r\n"
    response = preview(client, "milestones", data.encode("utf-8-sig"))
    assert response.status_code == 422
    assert ARCHIVED in response.text
    assert "Confirm the import" not in response.text
