"""Tracks: open, edit, and move through the workflow from the track page."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.domain.workflow import TrackStatus
from tracker.models import AuditEvent, NegotiationTrack, StatusChange
from tracker.orm import db


def test_officer_opens_a_track(client, officer, make) -> None:
    epca = make.agreement(short_title="EPCA")
    kz = make.party("Kazakhstan")
    client.login(officer)
    response = client.submit(
        "/tracks/new",
        {
            "name": "Visa facilitation",
            "status": "launched",
            "status_since": "2025-12-02",
            "framework_agreement_id": str(epca.id),
            "resulting_agreement_id": "",
            "counterpart_ids": [str(kz.id)],
            "lead_officer_id": str(officer.id),
            "classification": "public",
            "next_step": "Round 1",
        },
    )
    assert response.status_code == 302
    track = db.session.scalar(select(NegotiationTrack))
    assert (track.status, track.status_since) == (TrackStatus.LAUNCHED, date(2025, 12, 2))
    assert [c.to_status for c in track.status_changes] == [TrackStatus.LAUNCHED]
    assert track.counterparts == [kz]
    assert db.session.scalar(select(AuditEvent.action)) == "track.created"


def test_invalid_track_input_is_refused_with_reasons(client, officer) -> None:
    client.login(officer)
    response = client.submit(
        "/tracks/new",
        {
            "name": "",
            "status": "wandering",
            "status_since": "2099-01-01",
            "framework_agreement_id": "9999",
            "lead_officer_id": "-3",
            "classification": "secret",
            "next_step": "<i>soon</i>",
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for message in (
        "Enter the track's name.",
        "Choose a status from the list.",
        "Choose an agreement from the list.",
        "Choose an officer from the list.",
        "Choose public or restricted.",
    ):
        assert message in page
    assert 'value="&lt;i&gt;soon&lt;/i&gt;"' in page
    assert db.session.scalar(select(NegotiationTrack)) is None


def test_a_track_cannot_start_in_the_future(client, officer) -> None:
    client.login(officer)
    response = client.submit(
        "/tracks/new",
        {
            "name": "Future",
            "status": "exploratory",
            "status_since": "2026-02-01",
            "classification": "public",
        },
    )
    assert response.status_code == 422
    assert "The date cannot be in the future." in response.get_data(as_text=True)


def move(client, track, to_status, **extra):
    data = {
        "to_status": to_status,
        "effective_on": "2026-01-10",
        "expected_status": track.status.value,
        "comment": "",
    }
    data.update(extra)
    return client.submit(f"/tracks/{track.id}/status", data)


def test_officer_moves_a_track_forward(client, officer, make) -> None:
    track = make.track(status=TrackStatus.LAUNCHED, lead=officer)
    client.login(officer)
    response = move(client, track, "negotiating", comment="First round agreed")
    assert response.status_code == 302
    db.session.expire_all()
    assert track.status is TrackStatus.NEGOTIATING
    assert track.status_since == date(2026, 1, 10)
    change = track.status_changes[-1]
    assert (change.from_status, change.to_status, change.officer_id, change.comment) == (
        TrackStatus.LAUNCHED,
        TrackStatus.NEGOTIATING,
        officer.id,
        "First round agreed",
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "track.status_changed"))
    assert event.before == {"status": "launched"}
    assert event.after["status"] == "negotiating"
    page = client.get(f"/tracks/{track.id}").get_data(as_text=True)
    assert "First round agreed" in page
    assert 'class="timeline"' in page


def test_a_refused_move_shows_its_reason_and_writes_nothing(client, officer, make) -> None:
    track = make.track(status=TrackStatus.LAUNCHED)
    client.login(officer)
    response = move(client, track, "signed")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Skipping steps is not allowed: the next step after launched is negotiating." in page
    assert '<a href="#to_status">' in page
    db.session.expire_all()
    assert track.status is TrackStatus.LAUNCHED
    assert db.session.query(StatusChange).count() == 1
    assert db.session.query(AuditEvent).count() == 0


def test_a_future_effective_date_is_refused_on_its_field(client, officer, make) -> None:
    track = make.track()
    client.login(officer)
    response = move(client, track, "negotiating", effective_on="2026-02-01")
    assert response.status_code == 422
    assert '<a href="#effective_on">The effective date cannot be in the future' in (
        response.get_data(as_text=True)
    )


def test_only_an_admin_can_force_and_only_with_a_comment(client, officer, admin, make) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, since=date(2026, 1, 2))
    client.login(officer)
    response = move(client, track, "launched", force="y", comment="undo")
    assert "Only an administrator can force a move." in response.get_data(as_text=True)

    client.login(admin)
    response = move(client, track, "launched", force="y")
    assert response.status_code == 422
    assert "needs a comment saying why" in response.get_data(as_text=True)

    response = move(client, track, "launched", force="y", comment="Recorded by mistake")
    assert response.status_code == 302
    db.session.expire_all()
    assert track.status is TrackStatus.LAUNCHED
    assert track.status_changes[-1].forced is True
    page = client.get(f"/tracks/{track.id}").get_data(as_text=True)
    assert "forced" in page


def test_hostile_status_form_values_never_cause_a_500(client, officer, make) -> None:
    track = make.track()
    client.login(officer)
    for data in (
        {"to_status": "x' OR 1=1 --", "effective_on": "2026-01-10", "expected_status": "launched"},
        {"to_status": "negotiating", "effective_on": "10/01/2026", "expected_status": "launched"},
        {"to_status": "negotiating", "effective_on": "2026-01-10", "expected_status": "<b>"},
        {
            "to_status": "negotiating",
            "effective_on": "2026-01-10",
            "expected_status": "launched",
            "comment": "x" * 10_000,
        },
        {},
    ):
        response = client.submit(f"/tracks/{track.id}/status", data)
        assert response.status_code == 422, data
    assert client.submit("/tracks/99999/status", {}).status_code == 404
    db.session.expire_all()
    assert track.status is TrackStatus.LAUNCHED


def test_status_form_without_csrf_token_is_refused(client, officer, make) -> None:
    track = make.track()
    client.login(officer)
    response = client.post(
        f"/tracks/{track.id}/status",
        data={
            "to_status": "negotiating",
            "effective_on": "2026-01-10",
            "expected_status": "launched",
        },
    )
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    db.session.expire_all()
    assert track.status is TrackStatus.LAUNCHED


def test_control_characters_are_refused_not_stored(client, officer) -> None:
    client.login(officer)
    response = client.submit(
        "/tracks/new",
        {
            "name": "Visa\x00facilitation",
            "status": "exploratory",
            "status_since": "2026-01-10",
            "classification": "public",
            "next_step": "bell\x07",
        },
    )
    assert response.status_code == 422
    # two fields, each named in the summary and beside the field
    assert response.text.count("Remove the control characters from this text.") == 4
    assert db.session.scalar(select(NegotiationTrack)) is None
