"""Two officers edit the same record: the second save is refused, their input kept."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.workflow import TrackStatus
from tracker.models import MilestoneKind
from tracker.orm import db
from tracker.services.errors import ConflictError
from tracker.services.tracks import update_track

from .page_forms import carried_version, edit_form


def track_form(name: str, version: str) -> dict[str, str]:
    return {"name": name, "classification": "public", "next_step": name, "version": version}


def test_second_track_save_is_refused_and_keeps_its_input(app, client, officer, make) -> None:
    track = make.track(name="Visa facilitation")
    other = app.test_client()
    alice, bob = client, other
    alice.login(officer)
    bob.login(make.user(role="officer"))
    # Both open the edit form at version 1.
    assert carried_version(edit_form(alice.get(f"/tracks/{track.id}/edit").text)) == 1
    assert carried_version(edit_form(bob.get(f"/tracks/{track.id}/edit").text)) == 1

    assert (
        alice.submit(f"/tracks/{track.id}/edit", track_form("Alice's name", "1")).status_code == 302
    )
    response = bob.submit(f"/tracks/{track.id}/edit", track_form("Bob's name", "1"))

    assert response.status_code == 422
    page = response.text
    assert "changed by someone else while you were editing it" in page
    assert 'value="Bob&#39;s name"' in page  # Bob's input kept
    assert "Alice&#39;s name" in page  # and what Alice saved is shown
    assert carried_version(edit_form(page)) == 2  # a deliberate re-save may win
    db.session.expire_all()
    assert track.name == "Alice's name"
    assert track.version == 2


def test_second_milestone_save_is_refused(app, client, officer, make) -> None:
    track = make.track()
    milestone = make.milestone(track, title="Round 1", kind=MilestoneKind.ROUND, number=1)
    bob = app.test_client()
    client.login(officer)
    bob.login(make.user(role="officer"))
    form = {
        "title": "Round 1",
        "kind": "round",
        "track_id": str(track.id),
        "number": "1",
        "planned_on": "2026-02-01",
        "date_precision": "day",
        "version": "1",
    }
    assert client.submit(f"/milestones/{milestone.id}/edit", form).status_code == 302
    response = bob.submit(f"/milestones/{milestone.id}/edit", {**form, "planned_on": "2026-03-01"})
    assert response.status_code == 422
    assert 'value="2026-03-01"' in response.text
    db.session.expire_all()
    assert milestone.planned_on == date(2026, 2, 1)


def test_completing_a_milestone_someone_just_edited_is_refused(app, client, officer, make) -> None:
    milestone = make.milestone(make.track(), planned_on=date(2026, 1, 5))
    client.login(officer)
    page = client.get(f"/milestones/{milestone.id}").text
    assert 'name="version" type="hidden" value="1"' in page
    milestone.location = "Brussels"
    db.session.commit()  # someone else saved meanwhile
    response = client.submit(
        f"/milestones/{milestone.id}/complete",
        {"done_on": "2026-01-10", "outcome": "Done", "version": "1"},
    )
    assert response.status_code == 422
    assert "changed by someone else" in response.text
    db.session.expire_all()
    assert milestone.done_on is None


def test_two_officers_moving_the_same_track_conflict(app, client, officer, make) -> None:
    track = make.track(status=TrackStatus.LAUNCHED)
    bob = app.test_client()
    client.login(officer)
    bob.login(make.user(role="officer"))
    data = {"to_status": "negotiating", "effective_on": "2026-01-10", "expected_status": "launched"}
    assert client.submit(f"/tracks/{track.id}/status", data).status_code == 302
    response = bob.submit(f"/tracks/{track.id}/status", data)
    assert response.status_code == 422
    assert "The track moved to negotiating while you were looking at it." in response.text
    db.session.expire_all()
    assert [c.to_status for c in track.status_changes] == [
        TrackStatus.LAUNCHED,
        TrackStatus.NEGOTIATING,
    ]


def test_a_save_racing_past_the_version_check_is_caught_at_commit(app, officer, make) -> None:
    """The form check passed, but another process committed first: version_id_col catches it."""
    track = make.track(name="Before")
    loaded_version = track.version
    with app.app_context():  # another process, with its own session
        other = db.session.get(type(track), track.id)
        other.name = "Theirs"
        db.session.commit()
    with pytest.raises(ConflictError):
        update_track(
            track,
            {"name": "Mine"},
            counterpart_ids=[],
            actor=officer,
            expected_version=loaded_version,
        )
    db.session.expire_all()
    assert track.name == "Theirs"


def test_a_second_officer_marking_done_is_told_and_sees_the_whole_page(
    client, app, make, officer
) -> None:
    """Found by outside testing: the refused page lost the meeting's action items and
    documents, and a second completion was refused without a word."""
    from tracker.models import MilestoneKind

    body = make.body("Cooperation Council")
    meeting = make.milestone(body_id=body.id, kind=MilestoneKind.MEETING, title="22nd Council")
    make.document(officer, milestone_id=meeting.id)
    other = make.user(role="officer")
    client.login(other)
    done = client.submit(
        f"/milestones/{meeting.id}/complete", {"done_on": "2026-01-10", "version": "1"}
    )
    assert done.status_code == 302
    client.login(officer)
    late = client.submit(
        f"/milestones/{meeting.id}/complete",
        {"done_on": "2026-01-11", "outcome": "Mine", "version": "1"},
    )
    assert late.status_code == 422
    page = late.get_data(as_text=True)
    assert "changed by someone else" in page
    assert "mandate.pdf" in page  # the documents are still listed
    assert 'id="action-items"' in page
