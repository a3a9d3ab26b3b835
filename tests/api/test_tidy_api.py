"""Tidy records through every door (issue #15, item 7): the JSON API cancels a milestone or
an action item and archives a closed track or an agreement, with a reason, and an
administrator restores or brings back, as the pages do: If-Match with the ETag read (428
without it, 412 when stale), officers set aside and administrators undo (403 otherwise),
the reason required (422, in the service's words), audited; a record the caller may not
see answers exactly as a missing one, and nothing changes."""

from __future__ import annotations

from datetime import date
from typing import Any

import time_machine
from sqlalchemy import select

from tests.api.conftest import bearer
from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionItem,
    Agreement,
    AuditEvent,
    Classification,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
)
from tracker.orm import db

REASON = "The partners settled it at the plenary"
MISSING = 999_999


def _records(make, officer) -> dict[str, tuple[type, int, str]]:  # noqa: ANN001
    """kind -> (model, id, the record's API address)."""
    track = make.track(name="Readmission", lead=officer)
    milestone = make.milestone(track, title="Round 3", planned_on=date(2026, 1, 10))
    meeting = make.milestone(track, kind=MilestoneKind.MEETING, planned_on=date(2026, 1, 5))
    item = ActionItem(
        meeting_id=meeting.id, title="Send the annex", due_on=date(2026, 1, 15), owner_id=officer.id
    )
    db.session.add(item)
    closed = make.track(status=TrackStatus.ABANDONED, lead=officer, name="Old readmission")
    agreement = make.agreement(title="Air services agreement", owner_id=officer.id)
    db.session.commit()
    return {
        "milestone": (Milestone, milestone.id, f"/api/v1/milestones/{milestone.id}"),
        "action item": (ActionItem, item.id, f"/api/v1/action-items/{item.id}"),
        "track": (NegotiationTrack, closed.id, f"/api/v1/tracks/{closed.id}"),
        "agreement": (Agreement, agreement.id, f"/api/v1/agreements/{agreement.id}"),
    }


VERBS = {
    "milestone": ("cancel", "restore", "cancelled_on", "cancel_reason"),
    "action item": ("cancel", "restore", "cancelled_on", "cancel_reason"),
    "track": ("archive", "unarchive", "archived_on", "archive_reason"),
    "agreement": ("archive", "unarchive", "archived_on", "archive_reason"),
}
NO_REASON = {
    "milestone": "Say why the milestone is cancelled.",
    "action item": "Say why the action item is cancelled.",
    "track": "Say why it is archived.",
    "agreement": "Say why it is archived.",
}


def _post(client, url: str, token: dict, body: Any, etag: str | None = None):  # noqa: ANN001, ANN202
    headers = {**token, **({"If-Match": etag} if etag is not None else {})}
    return client.post(url, json=body, headers=headers)


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_every_kind_is_set_aside_and_brought_back_through_the_api(
    client, officer, admin, viewer, make
) -> None:
    records = _records(make, officer)
    as_officer, as_admin, as_viewer = bearer(officer), bearer(admin), bearer(viewer)
    for kind, (model, record_id, url) in records.items():
        verb, undo, on_field, reason_field = VERBS[kind]
        read = client.get(url, headers=as_officer)
        assert read.status_code == 200, kind
        etag = read.headers["ETag"]
        # the role first, then If-Match, then the reason
        assert (
            _post(client, f"{url}/{verb}", as_viewer, {"reason": REASON}, etag).status_code == 403
        )
        assert _post(client, f"{url}/{verb}", as_officer, {"reason": REASON}).status_code == 428
        stale = etag.replace(f"-v{read.json['version']}", "-v0")
        refused = _post(client, f"{url}/{verb}", as_officer, {"reason": REASON}, stale)
        assert refused.status_code == 412, kind
        assert _post(client, f"{url}/{verb}", as_officer, {}, etag).status_code == 422, kind
        empty = _post(client, f"{url}/{verb}", as_officer, {"reason": "   "}, etag)
        assert empty.status_code == 422, kind
        assert empty.json["errors"] == [{"name": "reason", "message": NO_REASON[kind]}], kind
        too_long = _post(client, f"{url}/{verb}", as_officer, {"reason": "x" * 2001}, etag)
        assert too_long.status_code == 422, kind
        db.session.expire_all()
        assert getattr(db.session.get(model, record_id), on_field) is None, kind

        done = _post(client, f"{url}/{verb}", as_officer, {"reason": REASON}, etag)
        assert done.status_code == 200, (kind, done.json)
        assert (done.json[on_field], done.json[reason_field]) == ("2026-01-20", REASON), kind
        assert done.headers["ETag"] != etag
        db.session.expire_all()
        stored = db.session.get(model, record_id)
        assert (getattr(stored, on_field), getattr(stored, reason_field)) == (
            date(2026, 1, 20),
            REASON,
        )
        prefix = {"action item": "action_item"}.get(kind, kind)
        event = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == f"{prefix}.{'cancelled' if verb == 'cancel' else 'archived'}",
                AuditEvent.object_id == record_id,
            )
        ).one()
        assert event.actor_id == officer.id and event.after[reason_field] == REASON
        # again: refused in words, nothing changes
        twice = _post(client, f"{url}/{verb}", as_officer, {"reason": REASON}, done.headers["ETag"])
        assert twice.status_code == 422, kind

        # only an administrator undoes it, at the version read
        current = done.headers["ETag"]
        assert _post(client, f"{url}/{undo}", as_officer, {}, current).status_code == 403, kind
        assert _post(client, f"{url}/{undo}", as_admin, {}, etag).status_code == 412, kind
        back = _post(client, f"{url}/{undo}", as_admin, {}, current)
        assert back.status_code == 200, (kind, back.json)
        assert (back.json[on_field], back.json[reason_field]) == (None, ""), kind
        db.session.expire_all()
        assert getattr(db.session.get(model, record_id), on_field) is None, kind


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_live_track_is_abandoned_not_archived(client, officer, make) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, lead=officer, name="Visa facilitation")
    token = bearer(officer)
    url = f"/api/v1/tracks/{track.id}"
    etag = client.get(url, headers=token).headers["ETag"]
    refused = _post(client, f"{url}/archive", token, {"reason": REASON}, etag)
    assert refused.status_code == 422
    assert "Only a closed track can be archived" in refused.json["detail"]


def test_a_hidden_record_answers_as_a_missing_one(client, officer, admin, make) -> None:
    secret = make.track(
        status=TrackStatus.ABANDONED, name="Secret talks", classification=Classification.RESTRICTED
    )
    milestone = make.milestone(secret, title="Secret round", planned_on=date(2026, 2, 11))
    meeting = make.milestone(secret, kind=MilestoneKind.MEETING, planned_on=date(2026, 1, 5))
    item = ActionItem(meeting_id=meeting.id, title="Secret item", due_on=date(2026, 1, 15))
    db.session.add(item)
    db.session.commit()
    token = bearer(officer)  # not on the restricted track
    for path, record_id in (
        ("milestones", milestone.id),
        ("action-items", item.id),
        ("tracks", secret.id),
    ):
        for verb in ("cancel", "restore", "archive", "unarchive"):
            hidden = _post(
                client, f"/api/v1/{path}/{record_id}/{verb}", token, {"reason": REASON}, '"x"'
            )
            missing = _post(
                client, f"/api/v1/{path}/{MISSING}/{verb}", token, {"reason": REASON}, '"x"'
            )
            assert hidden.status_code == missing.status_code, (path, verb)
            assert hidden.get_data(as_text=True).replace(str(record_id), "ID") == (
                missing.get_data(as_text=True).replace(str(MISSING), "ID")
            ), (path, verb)
        hidden_get = client.get(f"/api/v1/{path}/{record_id}", headers=token)
        assert hidden_get.status_code == 404, path
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).cancelled_on is None
    assert db.session.get(ActionItem, item.id).cancelled_on is None
    assert db.session.get(NegotiationTrack, secret.id).archived_on is None
