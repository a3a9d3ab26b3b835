"""The faults found from outside, one test each (the differential test covers their kind).

Each failed on main before the one-gate change: a restricted track's meeting listed on a
public body's page and counted in its series; action items of a restricted meeting shown
and mailed to who may not see it; an action item of a restricted track edited by posting
to its URL; area counts including restricted milestones; API PATCHes half saved or
silently ignored; `?agreement=` meaning two things; a missing version skipping the
lost-update check.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
import requests
import time_machine
from sqlalchemy import func, select

from tests.api.conftest import bearer
from tests.visibility.test_differential import masked
from tests.visibility.world import MARKER, add_restricted, build_public
from tracker.models import (
    ActionItem,
    AuditEvent,
    Classification,
    Milestone,
    MilestoneKind,
)
from tracker.orm import db
from tracker.services import tracks as track_service
from tracker.services.bodies import projected_meeting
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.milestones import create_milestone, update_milestone
from tracker.services.reminders import due_reminders


@pytest.fixture
def world():
    world = build_public()
    add_restricted(world)
    return world


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def test_a_restricted_meeting_of_a_public_body_is_listed_only_for_its_team(client, world) -> None:
    body = f"/bodies/{world.public['body_id']}"
    client.login(world.users["outsider"])
    page = text_of(client, body)
    assert "22nd Cooperation Council" in page
    assert MARKER not in page and "15 Dec 2025" not in page
    client.login(world.users["member"])
    assert f"{MARKER} restricted meeting" in text_of(client, body)


def test_the_series_and_its_projection_count_public_meetings_only(world) -> None:
    council = db.session.get(Milestone, world.public["meeting_id"]).body
    # The 22nd met on 20 Jan 2025; the restricted meeting of 15 Dec 2025 does not move
    # the 23rd, and takes no number of its own.
    projection = projected_meeting(council)
    assert (projection.number, projection.expected_on) == (23, date(2026, 1, 20))
    restricted = db.session.get(Milestone, world.hidden["meeting_id"])
    assert restricted.number is None
    # So the 23rd can be recorded with its number: nothing says "number already taken".
    public = create_milestone(
        {
            "body_id": council.id,
            "title": "23rd Cooperation Council",
            "kind": MilestoneKind.MEETING,
            "number": 23,
            "planned_on": date(2026, 1, 20),
        },
        actor=world.users["outsider"],
    )
    assert public.number == 23


def test_a_number_given_to_a_restricted_meeting_is_refused_with_the_reason(world) -> None:
    with pytest.raises(ServiceError) as refused:
        create_milestone(
            {
                "track_id": world.hidden["track_id"],
                "body_id": world.public["body_id"],
                "title": "Restricted meeting, 5 Feb",
                "kind": MilestoneKind.MEETING,
                "number": 24,
                "planned_on": date(2026, 2, 5),
            },
            actor=world.users["lead"],
        )
    assert refused.value.field == "number"
    assert "takes no number in the body's public series" in refused.value.message


def test_the_form_says_why_a_restricted_meeting_has_no_number(client, world) -> None:
    client.login(world.users["lead"])
    response = client.submit(
        "/milestones/new",
        {
            "track_id": world.hidden["track_id"],
            "body_id": world.public["body_id"],
            "title": "Restricted meeting, 5 Feb",
            "kind": "meeting",
            "number": "24",
            "planned_on": "2026-02-05",
            "date_precision": "day",
        },
    )
    assert response.status_code == 422
    assert "takes no number in the body&#39;s public series" in response.get_data(as_text=True)


def test_a_track_made_restricted_takes_its_meetings_out_of_the_public_series(world) -> None:
    visa = db.session.get(Milestone, world.public["milestone_id"]).track
    meeting = create_milestone(
        {
            "track_id": visa.id,
            "body_id": world.public["body_id"],
            "title": "23rd Cooperation Council",
            "kind": MilestoneKind.MEETING,
            "planned_on": date(2026, 1, 20),
        },
        actor=world.users["outsider"],
    )
    assert meeting.number == 23  # numbered in the series while the track is public
    track_service.update_track(
        visa,
        {"classification": Classification.RESTRICTED},
        counterpart_ids=[],
        actor=world.users["admin"],
        expected_version=visa.version,
    )
    db.session.expire_all()
    assert db.session.get(Milestone, meeting.id).number is None
    assert projected_meeting(db.session.get(Milestone, meeting.id).body).number == 23


def test_action_items_of_a_restricted_meeting_reach_only_who_may_see_it(client, world) -> None:
    outsider, lead = world.users["outsider"], world.users["lead"]
    client.login(outsider)
    assert MARKER not in text_of(client, "/")  # the outsider owns both items, still hidden
    assert "Send the draft on visas" in text_of(client, "/")
    # 12 Jan: all three items fall due within the outsider's lead days (7 and 1 days).
    told: set[tuple[int, int]] = set()
    for day in (12, 13):
        reminders = due_reminders(datetime(2026, 1, day, 7, 0, tzinfo=UTC))
        told |= {(r.user_id, int(r.key.split(":")[1])) for r in reminders if "action:" in r.key}
    assert (outsider.id, world.public["item_id"]) in told
    assert (outsider.id, world.hidden["item_id"]) not in told
    assert (outsider.id, world.hidden["linked_item_id"]) not in told
    # The lead may see them: the restricted meeting's page lists its item.
    client.login(lead)
    assert f"{MARKER} follow-up" in text_of(client, f"/milestones/{world.hidden['meeting_id']}")


def test_an_item_linked_to_a_hidden_track_cannot_be_edited_by_posting_to_it(client, world) -> None:
    item_id = world.hidden["linked_item_id"]
    url = f"/milestones/{world.public['meeting_id']}/action-items/{item_id}"
    client.login(world.users["outsider"])
    form = {
        f"item-{item_id}-title": "Taken over",
        f"item-{item_id}-due_on": "2026-03-01",
        f"item-{item_id}-status": "done",
        f"item-{item_id}-version": "1",
    }
    hidden = client.submit(url, form)
    missing = client.submit(f"/milestones/{world.public['meeting_id']}/action-items/999999", form)
    assert hidden.status_code == missing.status_code == 404
    # the same page, but for the CSRF tokens, which carry the second they were made in
    assert masked(hidden.get_data(as_text=True)) == masked(missing.get_data(as_text=True))
    db.session.expire_all()
    item = db.session.get(ActionItem, item_id)
    assert (item.title, item.status.value) == (f"{MARKER} linked item", "open")


def test_area_counts_leave_out_restricted_milestones(client, world) -> None:
    url = f"/agreements/{world.public['agreement_id']}"
    area = world.public["area_id"]
    client.login(world.users["outsider"])
    assert f'<a href="/milestones/?area={area}">1</a>' in text_of(client, url)
    client.login(world.users["lead"])
    assert f'<a href="/milestones/?area={area}">2</a>' in text_of(client, url)


def test_an_administrators_read_of_a_restricted_record_is_audited(client, world) -> None:
    admin = world.users["admin"]
    client.login(admin)
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get(f"/tracks/{world.hidden['track_id']}").status_code == 200
    assert client.get(f"/milestones/{world.hidden['meeting_id']}").status_code == 200
    reads = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "restricted.read", ~AuditEvent.id.in_(before))
    ).all()
    assert {(e.actor_id, e.object_type) for e in reads} == {
        (admin.id, "NegotiationTrack"),
        (admin.id, "Milestone"),
    }
    # The track's own team reads without a trace: they are entitled as members.
    client.login(world.users["member"])
    assert client.get(f"/tracks/{world.hidden['track_id']}").status_code == 200
    assert db.session.query(AuditEvent).filter_by(action="restricted.read").count() == 2


# --- writes without a version ------------------------------------------------------------


def test_a_form_without_the_version_is_refused_as_a_conflict(client, world) -> None:
    milestone_id = world.public["milestone_id"]
    client.login(world.users["outsider"])
    response = client.submit(
        f"/milestones/{milestone_id}/edit",
        {
            "track_id": world.public["track_id"],
            "title": "Round 1, renamed",
            "kind": "round",
            "planned_on": "2026-01-19",
            "date_precision": "day",
        },
    )
    assert response.status_code in (409, 422)
    assert "did not say which version" in html.unescape(response.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Milestone, milestone_id).title == "Round 1 on visas"


def test_a_service_call_without_a_version_is_a_conflict(world) -> None:
    milestone = db.session.get(Milestone, world.public["milestone_id"])
    with pytest.raises(ConflictError):
        update_milestone(
            milestone, {"title": "x"}, actor=world.users["outsider"], expected_version=None
        )


# --- the API -----------------------------------------------------------------------------


def _etag(server: str, milestone_id: int, headers: dict[str, str]) -> str:
    response = requests.get(
        f"{server}/api/v1/milestones/{milestone_id}", headers=headers, timeout=5
    )
    return response.headers["ETag"]


def test_api_patch_is_all_or_nothing(live_server, world) -> None:
    headers = bearer(world.users["outsider"])
    milestone_id = world.public["milestone_id"]
    url = f"{live_server}/api/v1/milestones/{milestone_id}"
    response = requests.patch(
        url,
        json={"title": "Renamed", "done_on": "2030-01-01"},
        headers={**headers, "If-Match": _etag(live_server, milestone_id, headers)},
        timeout=5,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "done_on"
    db.session.expire_all()
    milestone = db.session.get(Milestone, milestone_id)
    assert (milestone.title, milestone.done_on, milestone.version) == ("Round 1 on visas", None, 1)


def test_api_patch_of_the_outcome_alone_is_honoured_or_refused(live_server, world) -> None:
    headers = bearer(world.users["outsider"])
    meeting_id = world.public["meeting_id"]  # done on 20 Jan 2025
    url = f"{live_server}/api/v1/milestones/{meeting_id}"
    response = requests.patch(
        url,
        json={"outcome": "Joint press statement"},
        headers={**headers, "If-Match": _etag(live_server, meeting_id, headers)},
        timeout=5,
    )
    assert response.status_code == 200
    assert response.json()["outcome"] == "Joint press statement"
    db.session.expire_all()
    assert db.session.get(Milestone, meeting_id).outcome == "Joint press statement"

    open_id = world.public["milestone_id"]
    refused = requests.patch(
        f"{live_server}/api/v1/milestones/{open_id}",
        json={"outcome": "Too early"},
        headers={**headers, "If-Match": _etag(live_server, open_id, headers)},
        timeout=5,
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["name"] == "outcome"


def test_api_sets_a_milestones_area(live_server, world) -> None:
    headers = bearer(world.users["outsider"])
    created = requests.post(
        f"{live_server}/api/v1/milestones",
        json={
            "title": "Energy review",
            "kind": "review",
            "planned_on": "2026-03-02",
            "agreement_id": world.public["agreement_id"],
            "area_id": world.public["area_id"],
        },
        headers=headers,
        timeout=5,
    )
    assert created.status_code == 201, created.text
    assert created.json()["area_id"] == world.public["area_id"]
    moved = requests.patch(
        created.headers["Location"]
        if created.headers["Location"].startswith("http")
        else live_server + created.headers["Location"],
        json={"area_id": None},
        headers={**headers, "If-Match": created.headers["ETag"]},
        timeout=5,
    )
    assert moved.status_code == 200 and moved.json()["area_id"] is None


def test_agreement_means_framework_or_resulting_on_the_api_as_on_the_web(
    live_server, client, world, make
) -> None:
    epca = world.public["agreement_id"]
    make.track(name="Protocol on trade", resulting_agreement_id=epca)
    headers = bearer(world.users["outsider"])
    api = requests.get(f"{live_server}/api/v1/tracks?agreement={epca}", headers=headers, timeout=5)
    names = sorted(t["name"] for t in api.json()["items"])
    assert names == ["Protocol on trade", "Visa facilitation"]
    client.login(world.users["outsider"])
    page = text_of(client, f"/tracks/?agreement={epca}")
    assert all(name in page for name in names)


@pytest.mark.parametrize("state", ["", "open", "overdue", "done"])
def test_the_milestones_list_counts_what_each_reader_sees(world, state) -> None:
    """The list's total is counted as all less the hidden (bench: 5x faster for officers);
    it must equal the rows the reader is shown."""
    from tracker.services.overview import (
        MilestoneFilter,
        milestone_list_count,
        milestone_list_query,
    )

    today = date(2026, 1, 12)
    flt = MilestoneFilter(state=state)
    for name in ("outsider", "viewer", "lead", "member", "admin"):
        reader = world.users[name]
        shown = db.session.scalars(milestone_list_query(flt, today, reader)).all()
        assert milestone_list_count(flt, today, reader) == len(shown), (name, state)


def test_the_weekly_report_is_each_readers_own(client, world) -> None:
    """One stored snapshot; each reader and each recipient gets the restricted tracks they
    may see (the Decision of the one-gate issue), with totals that count just those."""
    from tracker.jobs import JOBS
    from tracker.models import OutboxMessage, WeeklyReport

    weekly = next(job for job in JOBS if job.id == "weekly-report")
    with time_machine.travel(datetime(2026, 1, 12, 7, 30, tzinfo=UTC), tick=False):
        weekly.run(datetime(2026, 1, 12, 7, 30, tzinfo=UTC))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(WeeklyReport)) == 1

    def mail_to(name: str) -> str:
        message = db.session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.to_address == world.users[name].email,
                OutboxMessage.kind == "weekly_report",
            )
        )
        return message.body_text + message.body_html

    for name in ("lead", "member", "admin"):
        client.login(world.users[name])
        page = text_of(client, "/reports/weekly/2026-W02")
        assert f"{MARKER} sanctions talks" in page, name  # its status change of 8 January
        assert f"{MARKER} follow-up" in page, name  # the restricted meeting's action item
        assert MARKER in client.get("/reports/weekly/2026-W02.csv").get_data(as_text=True)
        assert f"{MARKER} sanctions talks" in mail_to(name)
    for name in ("outsider", "viewer"):
        client.login(world.users[name])
        assert MARKER not in text_of(client, "/reports/weekly/2026-W02")
        assert MARKER not in mail_to(name)


def test_a_feed_of_a_track_made_restricted_no_longer_names_it(client, world, make) -> None:
    """Found by outside testing: /me/calendars listed a restricted track's current name."""
    from tracker.models import FeedScope, NegotiationTrack
    from tracker.services.calendar import create_feed

    outsider = world.users["outsider"]
    talks = make.track(name="Readmission talks")
    create_feed(outsider, FeedScope.TRACK, track=talks)
    db.session.commit()
    talks = db.session.get(NegotiationTrack, talks.id)
    talks.classification = Classification.RESTRICTED
    talks.name = f"{MARKER} renamed"
    db.session.commit()
    client.login(outsider)
    page = text_of(client, "/me/calendars")
    assert MARKER not in page and "a track you may no longer see" in page


def test_a_stored_report_hides_a_track_made_restricted_since(client, world) -> None:
    """Found by outside testing: a report stored while a track was public kept showing it
    to everyone after the track was made restricted."""
    from tracker.models import NegotiationTrack
    from tracker.services.reports import store_weekly_report

    visa = db.session.get(NegotiationTrack, world.public["track_id"])
    store_weekly_report("2026-W02")
    db.session.commit()
    client.login(world.users["viewer"])
    assert "Round 1 on visas" in text_of(client, "/reports/weekly/2026-W02")
    visa.classification = Classification.RESTRICTED
    db.session.commit()
    for name in ("viewer", "member"):
        client.login(world.users[name])
        page = text_of(client, "/reports/weekly/2026-W02")
        assert "Round 1 on visas" not in page and "Visa facilitation" not in page, name
    client.login(world.users["outsider"])  # the lead of the visa track still sees it
    assert "Round 1 on visas" in text_of(client, "/reports/weekly/2026-W02")


def test_an_administrators_read_is_audited_even_when_the_request_is_refused(client, world) -> None:
    """Found by outside testing: a refused form (422) rolled the read's audit back."""
    admin = world.users["admin"]
    client.login(admin)
    response = client.submit(
        f"/tracks/{world.hidden['track_id']}/status",
        {"to_status": "in_force", "effective_on": "2026-01-10", "expected_status": "negotiating"},
    )
    assert response.status_code == 422
    reads = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "restricted.read", AuditEvent.actor_id == admin.id
        )
    ).all()
    assert [(e.object_type, e.object_id) for e in reads] == [
        ("NegotiationTrack", world.hidden["track_id"])
    ]


def _listed(before: set[int]) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "restricted.listed", ~AuditEvent.id.in_(before))
            .order_by(AuditEvent.id)
        )
    )


def test_an_administrators_list_of_restricted_records_is_audited_once_per_view(
    client, world
) -> None:
    """The gate audits an administrator's read of one restricted record; a list that shows
    such records is a read of them too: one event per list view, naming those shown."""
    admin, hidden = world.users["admin"], world.hidden
    client.login(admin)
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get("/tracks/").status_code == 200
    assert client.get("/milestones/").status_code == 200
    tracks, milestones = _listed(before)
    assert (tracks.actor_id, tracks.object_type, tracks.object_id) == (
        admin.id,
        "NegotiationTrack",
        None,
    )
    assert tracks.after == {"ids": [hidden["track_id"]]}
    assert f"{hidden['track_id']} {MARKER} sanctions talks" in tracks.summary
    assert (milestones.actor_id, milestones.object_type) == (admin.id, "Milestone")
    assert {hidden["milestone_id"], hidden["meeting_id"]} <= set(milestones.after["ids"])
    assert world.public["milestone_id"] not in milestones.after["ids"]  # public: not named
    # A list showing no restricted record, and the track's own team, leave no trace.
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get("/tracks/?q=Visa").status_code == 200
    client.login(world.users["lead"])
    assert client.get("/tracks/").status_code == 200
    assert client.get("/milestones/").status_code == 200
    assert _listed(before) == []


def test_an_administrators_csv_export_of_restricted_records_is_audited(client, world) -> None:
    admin, hidden = world.users["admin"], world.hidden
    client.login(admin)
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get("/tracks/export.csv").status_code == 200
    assert client.get("/milestones/export.csv").status_code == 200
    tracks, milestones = _listed(before)
    assert (tracks.object_type, tracks.after) == ("NegotiationTrack", {"ids": [hidden["track_id"]]})
    assert milestones.object_type == "Milestone"
    assert {hidden["milestone_id"], hidden["meeting_id"]} <= set(milestones.after["ids"])
    client.login(world.users["member"])
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get("/tracks/export.csv").status_code == 200
    assert _listed(before) == []


def test_an_administrators_weekly_report_with_restricted_items_is_audited(client, world) -> None:
    """The weekly report's snapshot holds plain items, not records: an administrator's
    view of it (page or CSV) that shows restricted tracks' items not theirs is audited
    once per view, naming those tracks; their team's view and a viewer's leave no trace."""
    from tracker.services.reports import store_weekly_report

    store_weekly_report("2026-W02")
    db.session.commit()
    admin, hidden = world.users["admin"], world.hidden
    client.login(admin)
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get("/reports/weekly/2026-W02").status_code == 200
    assert client.get("/reports/weekly/2026-W02.csv").status_code == 200
    events = _listed(before)
    assert [(e.actor_id, e.object_type, e.object_id, e.after) for e in events] == [
        (admin.id, "WeeklyReport", None, {"ids": [hidden["track_id"]]})
    ] * 2
    assert f"{hidden['track_id']} {MARKER} sanctions talks" in events[0].summary
    for name in ("lead", "member", "viewer"):
        client.login(world.users[name])
        before = set(db.session.scalars(select(AuditEvent.id)))
        assert client.get("/reports/weekly/2026-W02").status_code == 200
        assert _listed(before) == [], name


def test_an_administrators_api_list_of_restricted_records_is_audited(live_server, world) -> None:
    admin = world.users["admin"]
    headers = bearer(admin)
    before = set(db.session.scalars(select(AuditEvent.id)))
    response = requests.get(f"{live_server}/api/v1/tracks", headers=headers, timeout=5)
    assert response.status_code == 200
    assert [(e.actor_id, e.object_type, e.after) for e in _listed(before)] == [
        (admin.id, "NegotiationTrack", {"ids": [world.hidden["track_id"]]})
    ]


def test_an_owner_is_an_officer_who_may_see_what_they_own(world) -> None:
    """Found by outside testing: the API and CSV took a viewer as owner, and a restricted
    milestone or action item could be given to an officer who may not see it."""
    from tracker.services.action_items import create_action_item

    base = {"title": "Briefing", "kind": MilestoneKind.DEADLINE, "planned_on": date(2026, 2, 2)}
    with pytest.raises(ServiceError, match="Choose an officer"):
        create_milestone(
            {**base, "track_id": world.public["track_id"], "owner_id": world.users["viewer"].id},
            actor=world.users["outsider"],
        )
    with pytest.raises(ServiceError, match="must be able to see this restricted track"):
        create_milestone(
            {**base, "track_id": world.hidden["track_id"], "owner_id": world.users["outsider"].id},
            actor=world.users["lead"],
        )
    meeting = db.session.get(Milestone, world.hidden["meeting_id"])
    with pytest.raises(ServiceError, match="must be able to see this restricted track"):
        create_action_item(
            meeting,
            {"title": "Note", "due_on": date(2026, 2, 2), "owner_id": world.users["outsider"].id},
            actor=world.users["lead"],
        )
    db.session.rollback()
    member = create_milestone(
        {**base, "track_id": world.hidden["track_id"], "owner_id": world.users["member"].id},
        actor=world.users["lead"],
    )
    assert member.owner_id == world.users["member"].id


def test_an_administrators_dashboard_showing_restricted_records_is_audited(client, world) -> None:
    """The dashboard lists tracks by status and the milestones due and overdue: for an
    administrator it is a read of the restricted ones shown, audited once per view like the
    lists (issue 13's decision); an officer's is not (the officer sees none)."""
    admin, hidden = world.users["admin"], world.hidden
    client.login(admin)
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get("/").status_code == 200
    listed = {event.object_type: event for event in _listed(before)}
    assert hidden["track_id"] in listed["NegotiationTrack"].after["ids"]
    assert listed["NegotiationTrack"].actor_id == admin.id
    client.login(world.users["outsider"])
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get("/").status_code == 200
    assert _listed(before) == []


def test_an_administrators_body_page_showing_a_restricted_meeting_is_audited(client, world) -> None:
    """A public body's page lists a restricted track's meeting to an administrator: a read
    of it, audited once per view like the lists."""
    admin, hidden = world.users["admin"], world.hidden
    client.login(admin)
    before = set(db.session.scalars(select(AuditEvent.id)))
    assert client.get(f"/bodies/{world.public['body_id']}").status_code == 200
    listed = [event for event in _listed(before) if event.object_type == "Milestone"]
    assert len(listed) == 1 and hidden["meeting_id"] in listed[0].after["ids"]
