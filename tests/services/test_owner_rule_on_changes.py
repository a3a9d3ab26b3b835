"""An owner must see what they own (the rule action items and handovers keep,
tracker.services.visibility.owner_refusal): a track edit that takes an owner of open work
off a restricted track, and a role change that leaves an owner unable to own or see it,
are refused, naming the open work (found by an outside check; issue #15)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.models import ActionItem, Classification, MilestoneKind, Role
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.tracks import update_track
from tracker.services.users import update_user


def _restricted_track(make, lead, *members):
    track = make.track(name="Secret talks", lead=lead, classification=Classification.RESTRICTED)
    track.members = list(members)
    db.session.commit()
    return track


def _fields(track, **changes):
    fields = {
        "name": track.name,
        "classification": track.classification,
        "lead_officer_id": track.lead_officer_id,
    }
    return fields | changes


def test_changing_the_lead_away_from_an_owner_of_open_work_is_refused(make, admin) -> None:
    lead = make.user(role="officer", name="Aliya Lead")
    successor = make.user(role="officer", name="Next Lead")
    track = _restricted_track(make, lead)
    make.milestone(track, title="Round 4 brief", owner_id=lead.id)
    with pytest.raises(ServiceError) as refused:
        update_track(
            track,
            _fields(track, lead_officer_id=successor.id),
            counterpart_ids=[],
            member_ids=[],
            actor=admin,
            expected_version=track.version,
        )
    assert refused.value.field == "lead_officer_id"
    assert "Aliya Lead" in str(refused.value) and "Round 4 brief" in str(refused.value)


def test_removing_a_member_who_owns_an_open_action_item_is_refused(make, admin) -> None:
    lead = make.user(role="officer")
    member = make.user(role="officer", name="Member Owner")
    track = _restricted_track(make, lead, member)
    meeting = make.milestone(track, title="Round 5", kind=MilestoneKind.ROUND)
    db.session.add(
        ActionItem(
            meeting_id=meeting.id,
            title="Send the draft",
            owner_id=member.id,
            due_on=date(2026, 2, 1),
        )
    )
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        update_track(
            track,
            _fields(track),
            counterpart_ids=[],
            member_ids=[],
            actor=admin,
            expected_version=track.version,
        )
    assert refused.value.field == "member_ids"
    assert "Send the draft" in str(refused.value)


def test_a_done_milestone_does_not_hold_the_lead(make, admin) -> None:
    lead = make.user(role="officer")
    successor = make.user(role="officer")
    track = _restricted_track(make, lead)
    make.milestone(track, owner_id=lead.id, done_on=date(2026, 1, 2))
    update_track(
        track,
        _fields(track, lead_officer_id=successor.id),
        counterpart_ids=[],
        member_ids=[],
        actor=admin,
        expected_version=track.version,
    )
    assert track.lead_officer_id == successor.id


def test_demoting_an_owner_of_open_work_to_viewer_is_refused(make, admin) -> None:
    lead = make.user(role="officer", name="Aliya Lead")
    track = _restricted_track(make, lead)
    make.milestone(track, title="Round 4 brief", owner_id=lead.id)
    data = {"name": lead.name, "email": lead.email, "role": Role.VIEWER, "active": True}
    with pytest.raises(ServiceError) as refused:
        update_user(lead, data, expected_version=lead.version, actor=admin)
    assert refused.value.field == "role"
    assert "Round 4 brief" in str(refused.value)


def test_an_administrator_made_officer_must_see_the_restricted_work_they_own(make, admin) -> None:
    other_admin = make.user(role="admin", name="Second Admin")
    track = _restricted_track(make, make.user(role="officer"))
    make.milestone(track, title="Round 4 brief", owner_id=other_admin.id)
    data = {
        "name": other_admin.name,
        "email": other_admin.email,
        "role": Role.OFFICER,
        "active": True,
    }
    with pytest.raises(ServiceError) as refused:
        update_user(other_admin, data, expected_version=other_admin.version, actor=admin)
    assert "Round 4 brief" in str(refused.value)


def test_demoting_an_officer_with_no_open_work_is_allowed(make, admin) -> None:
    officer = make.user(role="officer")
    data = {"name": officer.name, "email": officer.email, "role": Role.VIEWER, "active": True}
    update_user(officer, data, expected_version=officer.version, actor=admin)
    assert officer.role is Role.VIEWER
