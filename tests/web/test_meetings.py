"""Bodies and meeting series end to end: the 23rd Cooperation Council projected from the
22nd, its action items on the owner's dashboard, in the weekly report and in reminders."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

from sqlalchemy import select

from tracker.models import ActionItem, ActionStatus, Body, Classification, MilestoneKind
from tracker.orm import db
from tracker.services.reminders import due_reminders
from tracker.services.reports import build_weekly_report


def council_with_the_22nd(make, officer):
    epca = make.agreement(short_title="EPCA", title="EU–Kazakhstan EPCA")
    council = make.body(
        "EU–Kazakhstan Cooperation Council",
        short_name="Cooperation Council",
        cadence_months=12,
        owner_id=officer.id,
        agreement_id=epca.id,
    )
    meeting = make.milestone(
        body_id=council.id,
        agreement_id=epca.id,
        title="22nd Cooperation Council",
        kind=MilestoneKind.MEETING,
        number=22,
        planned_on=date(2025, 12, 3),
        done_on=date(2025, 12, 3),
        location="Brussels",
    )
    return council, meeting


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def test_an_officer_adds_a_body_with_a_yearly_cadence(client, officer) -> None:
    client.login(officer)
    response = client.submit(
        "/bodies/new",
        {
            "name": "EU–Kazakhstan Cooperation Council",
            "short_name": "Cooperation Council",
            "cadence_months": "12",
            "owner_id": str(officer.id),
        },
    )
    assert response.status_code == 302
    body = db.session.scalar(select(Body))
    assert (body.cadence_months, body.owner_id) == (12, officer.id)

    duplicate = client.submit("/bodies/new", {"name": "eu–kazakhstan cooperation council"})
    assert duplicate.status_code == 422
    assert "There is already a body with this name." in duplicate.get_data(as_text=True)


def test_the_23rd_council_is_projected_from_the_22nd_until_its_date_is_set(
    client, make, officer
) -> None:
    council, _ = council_with_the_22nd(make, officer)
    client.login(officer)
    text = page(client, f"/bodies/{council.id}")
    assert "Next meeting: 23rd Cooperation Council" in text
    assert "Expected around <strong>3 Dec 2026</strong>" in text

    # "Set its date" opens the milestone form filled in for the 23rd.
    form = page(
        client,
        f"/milestones/new?body={council.id}&kind=meeting&number=23&planned_on=2026-12-03",
    )
    assert 'value="23rd Cooperation Council"' in form and 'value="23"' in form
    response = client.submit(
        "/milestones/new",
        {
            "title": "23rd Cooperation Council",
            "kind": "meeting",
            "body_id": str(council.id),
            "number": "23",
            "planned_on": "2026-11-24",
            "date_precision": "day",
            "location": "Astana",
        },
    )
    assert response.status_code == 302
    text = page(client, f"/bodies/{council.id}")
    assert "Next meeting: 24th" in text  # the 23rd has a date; the series moves on
    assert "Expected around <strong>24 Nov 2027</strong>" in text


def test_the_projected_meeting_is_reminded_to_the_bodys_officer(make, officer) -> None:
    council, _ = council_with_the_22nd(make, officer)
    due = [
        r
        for r in due_reminders(datetime(2026, 11, 3, 8, tzinfo=UTC))
        if r.kind == "meeting_projected"
    ]
    assert [(r.user_id, str(r.subject)) for r in due] == [
        (
            officer.id,
            "Set a date: 23rd meeting of the EU–Kazakhstan Cooperation Council, "
            "expected around 3 Dec 2026",
        )
    ]
    assert due[0].key == f"body:{council.id}:meeting-23:lead-30:2026-12-03:user:{officer.id}"


def test_an_action_item_of_the_council_reaches_its_owner_everywhere(client, make, officer) -> None:
    _, meeting = council_with_the_22nd(make, officer)
    owner = make.user(role="officer", name="Aigerim Officer", email="aigerim@test.example")
    client.login(officer)
    response = client.submit(
        f"/milestones/{meeting.id}/action-items",
        {
            "new-item-title": "Send the draft roadmap on connectivity",
            "new-item-owner_id": str(owner.id),
            "new-item-due_on": "2026-01-20",
            "new-item-status": "open",
        },
    )
    assert response.status_code == 302
    item = db.session.scalar(select(ActionItem))
    assert (item.owner_id, item.due_on, item.status) == (
        owner.id,
        date(2026, 1, 20),
        ActionStatus.OPEN,
    )
    assert "Send the draft roadmap on connectivity" in page(client, f"/milestones/{meeting.id}")

    # On the owner's dashboard, and not on someone else's.
    client.login(owner)
    assert "Send the draft roadmap on connectivity" in page(client, "/")
    client.login(officer)
    dashboard = page(client, "/")
    assert "Send the draft roadmap on connectivity" not in dashboard
    assert "No open action items of yours." in dashboard

    # In the weekly report of the week before it is due.
    report = build_weekly_report("2026-W02")
    assert [(i.title, i.owner, i.meeting) for i in report.action_items] == [
        ("Send the draft roadmap on connectivity", "Aigerim Officer", "22nd Cooperation Council")
    ]
    client.login(owner)
    assert "Send the draft roadmap on connectivity" in page(client, "/reports/weekly/2026-W02")

    # Reminded to the owner before it is due, then weekly once overdue.
    due = [r for r in due_reminders(datetime(2026, 1, 13, 8, tzinfo=UTC)) if r.user_id == owner.id]
    assert [str(r.subject) for r in due] == [
        "Action item due in 7 days: Send the draft roadmap on connectivity"
    ]
    late = [r for r in due_reminders(datetime(2026, 1, 25, 8, tzinfo=UTC)) if r.user_id == owner.id]
    assert [r.kind for r in late] == ["action_item_overdue"]


def test_done_action_items_leave_the_dashboard_and_a_stale_form_is_refused(
    client, make, officer
) -> None:
    _, meeting = council_with_the_22nd(make, officer)
    item = ActionItem(
        meeting_id=meeting.id,
        title="Prepare the brief",
        owner_id=officer.id,
        due_on=date(2026, 1, 20),
    )
    db.session.add(item)
    db.session.commit()
    client.login(officer)
    fields = {
        "title": "Prepare the brief",
        "owner_id": str(officer.id),
        "due_on": "2026-01-20",
        "status": "done",
        "version": "1",
    }
    url = f"/milestones/{meeting.id}/action-items/{item.id}"
    assert (
        client.submit(url, {f"item-{item.id}-{k}": v for k, v in fields.items()}).status_code == 302
    )
    assert "Prepare the brief" not in page(client, "/")
    stale = client.submit(
        url, {f"item-{item.id}-{k}": v for k, v in {**fields, "status": "open"}.items()}
    )
    assert stale.status_code == 422
    assert "changed by someone else" in stale.get_data(as_text=True)


def test_action_items_are_only_for_meetings_and_restricted_links_stay_hidden(
    client, make, officer, viewer
) -> None:
    deadline = make.milestone(make.track(), title="Comments due")
    client.login(officer)
    response = client.submit(
        f"/milestones/{deadline.id}/action-items",
        {"new-item-title": "x", "new-item-due_on": "2026-01-20", "new-item-status": "open"},
    )
    assert response.status_code == 404
    assert db.session.scalar(select(ActionItem)) is None

    _, meeting = council_with_the_22nd(make, officer)
    secret = make.track(name="Secret talks", classification=Classification.RESTRICTED)
    db.session.add(
        ActionItem(
            meeting_id=meeting.id,
            title="Sound out the secret partner",
            due_on=date(2026, 1, 20),
            track_id=secret.id,
        )
    )
    db.session.commit()
    client.login(viewer)
    assert "Sound out the secret partner" not in page(client, f"/milestones/{meeting.id}")
    assert all(
        i.title != "Sound out the secret partner"
        for i in build_weekly_report("2026-W02").action_items
    )
