"""Milestones: add from the track page, number rounds, edit, complete, reopen."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.models import AuditEvent, Milestone, MilestoneKind
from tracker.orm import db


def milestone_form(track_id: object = "", **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Round 1",
        "kind": "round",
        "track_id": str(track_id),
        "agreement_id": "",
        "body_id": "",
        "number": "",
        "planned_on": "2026-02-10",
        "date_precision": "day",
        "location": "Astana",
        "owner_id": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_track_page_links_to_the_milestone_form_for_that_track(client, officer, make) -> None:
    track = make.track()
    client.login(officer)
    assert f'href="/milestones/new?track={track.id}"' in client.get(f"/tracks/{track.id}").text
    form = client.get(f"/milestones/new?track={track.id}").text
    assert f'<option selected value="{track.id}">' in form


def test_rounds_are_numbered_per_track(client, officer, make) -> None:
    visa, readmission = make.track(), make.track()
    client.login(officer)
    rounds = ((visa, "Round 1", "2026-02-10"), (visa, "Round 2", "2026-03-10"))
    for track, title, planned_on in (*rounds, (readmission, "Round 1", "2026-02-10")):
        form = milestone_form(track.id, title=title, planned_on=planned_on)
        response = client.submit("/milestones/new", form)
        assert response.status_code == 302
        assert response.headers["Location"] == f"/tracks/{track.id}"
    numbers = db.session.execute(
        select(Milestone.track_id, Milestone.number).order_by(Milestone.id)
    ).all()
    assert numbers == [(visa.id, 1), (visa.id, 2), (readmission.id, 1)]
    response = client.submit(
        "/milestones/new", milestone_form(visa.id, title="Dup", number="2", planned_on="2026-04-10")
    )
    assert response.status_code == 422
    assert "Number 2 is already taken in this track&#39;s rounds." in response.text


def test_meetings_are_numbered_per_body_series(client, officer, make) -> None:
    council = make.body("Cooperation Council")
    make.milestone(
        None,
        body_id=council.id,
        kind=MilestoneKind.MEETING,
        number=22,
        title="22nd Cooperation Council",
    )
    client.login(officer)
    response = client.submit(
        "/milestones/new",
        milestone_form(title="Next council", kind="meeting", body_id=str(council.id)),
    )
    assert response.status_code == 302
    assert (
        db.session.scalar(select(Milestone.number).where(Milestone.title == "Next council")) == 23
    )


def test_a_milestone_on_a_track_that_does_not_exist_is_refused(client, officer) -> None:
    client.login(officer)
    response = client.submit("/milestones/new", milestone_form("9999", title="Kept"))
    assert response.status_code == 422
    assert '<a href="#track_id">Choose a track from the list.</a>' in response.text
    assert 'value="Kept"' in response.text
    assert db.session.scalar(select(Milestone)) is None


def test_invalid_milestone_input_lists_every_error(client, officer, make) -> None:
    track = make.track()
    client.login(officer)
    response = client.submit(
        "/milestones/new",
        milestone_form(
            track.id,
            title="",
            kind="picnic",
            planned_on="2026-02-30",
            number="-1",
            location="y" * 10_000,
            owner_id="abc",
        ),
    )
    assert response.status_code == 422
    text = response.text
    for message in (
        "Enter a title; only a round may be left untitled (it is called by its number).",
        "Choose a kind from the list.",
        "Not a valid date value.",
        "Enter a number from 1 to 10,000.",  # the schema says it; numbers read per language
        "At most 200 characters.",
        "Choose an officer from the list.",
    ):
        assert message in text


def test_a_milestone_needs_a_place_to_belong(client, officer) -> None:
    client.login(officer)
    response = client.submit("/milestones/new", milestone_form("", kind="deadline"))
    assert response.status_code == 422
    assert "A milestone belongs to a track, an agreement or a body" in response.text


def test_complete_and_reopen_a_milestone(client, officer, make) -> None:
    milestone = make.milestone(make.track(), planned_on=date(2026, 1, 8))
    client.login(officer)
    response = client.submit(
        f"/milestones/{milestone.id}/complete",
        {"done_on": "2026-01-20", "outcome": "", "version": "1"},
    )
    assert response.status_code == 422
    assert "A milestone cannot be done on a future date." in response.text

    response = client.submit(
        f"/milestones/{milestone.id}/complete",
        {"done_on": "2026-01-11", "outcome": "Agreed the agenda", "version": "1"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (milestone.done_on, milestone.outcome) == (date(2026, 1, 11), "Agreed the agenda")
    detail = client.get(f"/milestones/{milestone.id}").text
    assert "3 days late" in detail

    response = client.submit(f"/milestones/{milestone.id}/reopen", {"version": "2"})
    assert response.status_code == 302
    db.session.expire_all()
    assert milestone.done_on is None
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["milestone.completed", "milestone.reopened"]


def test_edit_a_milestone_moves_its_date(client, officer, make) -> None:
    track = make.track()
    milestone = make.milestone(track, title="Round 1", kind=MilestoneKind.ROUND, number=1)
    client.login(officer)
    form = client.get(f"/milestones/{milestone.id}/edit").text
    assert 'value="Round 1"' in form
    response = client.submit(
        f"/milestones/{milestone.id}/edit",
        milestone_form(track.id, number="1", planned_on="2026-03-01", version="1"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert milestone.planned_on == date(2026, 3, 1)
    event = db.session.scalar(select(AuditEvent))
    assert event.before["planned_on"] == "2026-01-15"
    assert event.after["planned_on"] == "2026-03-01"
