"""Tidy records (issue #15, item 7): a live track is given up through the workflow's
`abandoned`, with a reason; a closed track or an agreement is archived with a reason, by
whom and when: audited, left out of the default lists, the dashboard's counts and
reminders (for an agreement: its anniversaries, clocks and ratification chasing), reachable
through the lists' "Archived" filter, said on its page, and brought back only by an
administrator."""

from __future__ import annotations

import html
from datetime import date

import time_machine
from sqlalchemy import select

from tracker.domain.workflow import TrackStatus
from tracker.models import (
    Agreement,
    AgreementStatus,
    AuditEvent,
    Milestone,
    NegotiationTrack,
    Ratification,
    StatusChange,
)
from tracker.orm import db
from tracker.services import overview
from tracker.services.anniversaries import count_upcoming_anniversaries, upcoming_anniversaries
from tracker.services.reminders.ratifications import ratification_reminders

TODAY = date(2026, 1, 20)
REASON = "Superseded by the enhanced partnership talks"


def _version(model: type, record_id: int) -> str:
    db.session.expire_all()
    return str(db.session.get(model, record_id).version)


def _page(client, url: str) -> str:  # noqa: ANN001
    return html.unescape(client.get(url).text)


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_live_track_is_abandoned_through_the_workflow_with_a_reason(
    client, officer, make
) -> None:
    track = make.track(status=TrackStatus.NEGOTIATING, lead=officer, name="Readmission")
    client.login(officer)
    move = {"to_status": "abandoned", "effective_on": "2026-01-19"}
    refused = client.submit(
        f"/tracks/{track.id}/status", {**move, "expected_status": "negotiating"}
    )
    assert refused.status_code == 422
    assert "Say why the negotiations are abandoned." in html.unescape(refused.text)
    db.session.expire_all()
    assert db.session.get(NegotiationTrack, track.id).status is TrackStatus.NEGOTIATING
    done = client.submit(
        f"/tracks/{track.id}/status",
        {**move, "expected_status": "negotiating", "comment": "The partner withdrew."},
    )
    assert done.status_code == 302
    change = db.session.scalars(
        select(StatusChange).where(StatusChange.to_status == TrackStatus.ABANDONED)
    ).one()
    assert change.comment == "The partner withdrew." and change.officer_id == officer.id
    # a live track is not archived by the flag: the page offers it only once closed
    assert "/archive" in _page(client, f"/tracks/{track.id}")


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_a_closed_track_is_archived_hidden_from_lists_and_counts_and_brought_back(
    client, officer, admin, make
) -> None:
    live = make.track(status=TrackStatus.NEGOTIATING, lead=officer, name="Visa facilitation")
    track = make.track(status=TrackStatus.ABANDONED, lead=officer, name="Old readmission")
    client.login(officer)
    assert "/archive" not in _page(client, f"/tracks/{live.id}")
    client.submit(
        f"/tracks/{live.id}/archive",
        {"reason": REASON, "version": _version(NegotiationTrack, live.id)},
    )
    assert "Only a closed track can be archived" in _page(client, f"/tracks/{live.id}")
    assert db.session.get(NegotiationTrack, live.id).archived_on is None

    counts = dict(overview.status_counts(officer))
    assert counts[TrackStatus.ABANDONED] == 1
    url = f"/tracks/{track.id}/archive"
    client.submit(url, {"reason": "", "version": _version(NegotiationTrack, track.id)})
    assert "Say why it is archived." in _page(client, f"/tracks/{track.id}")
    assert (
        client.submit(
            url, {"reason": REASON, "version": _version(NegotiationTrack, track.id)}
        ).status_code
        == 302
    )
    db.session.expire_all()
    archived = db.session.get(NegotiationTrack, track.id)
    assert (archived.archived_on, archived.archive_reason, archived.archived_by_id) == (
        TODAY,
        REASON,
        officer.id,
    )
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "track.archived")
    ).one()
    assert event.after["archive_reason"] == REASON and event.actor_id == officer.id

    page = _page(client, f"/tracks/{track.id}")
    assert "Archived on 20 Jan 2026 by" in page and REASON in page
    assert dict(overview.status_counts(officer))[TrackStatus.ABANDONED] == 0
    assert track.id not in [t.id for ts in overview.tracks_by_status(officer).values() for t in ts]
    assert "Old readmission" not in _page(client, "/tracks/")
    assert "Old readmission" not in _page(client, "/")
    shown = _page(client, "/tracks/?archived=1")
    assert "Old readmission" in shown and REASON in shown and "Visa facilitation" not in shown
    assert "Old readmission" in client.get("/tracks/export.csv?archived=1").text
    # an archived track does not move, even for an administrator forcing it
    client.login(admin)
    forced = client.submit(
        f"/tracks/{track.id}/status",
        {
            "to_status": "negotiating",
            "effective_on": "2026-01-20",
            "expected_status": "abandoned",
            "force": "y",
            "comment": "Reopened",
        },
    )
    assert forced.status_code == 422
    assert "An archived track does not move" in html.unescape(forced.text)
    db.session.expire_all()
    assert db.session.get(NegotiationTrack, track.id).status is TrackStatus.ABANDONED

    client.login(officer)
    undo = f"/tracks/{track.id}/unarchive"
    assert client.submit(undo, {"version": _version(NegotiationTrack, track.id)}).status_code == 403
    client.login(admin)
    assert "Bring back from the archive" in _page(client, f"/tracks/{track.id}")
    assert client.submit(undo, {"version": _version(NegotiationTrack, track.id)}).status_code == 302
    db.session.expire_all()
    back = db.session.get(NegotiationTrack, track.id)
    assert (back.archived_on, back.archive_reason, back.archived_by_id) == (None, "", None)
    assert "Old readmission" in _page(client, "/tracks/")
    assert (
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "track.unarchived"))
        .one()
        .actor_id
        == admin.id
    )


@time_machine.travel("2026-01-20 09:00:00+00:00", tick=False)
def test_an_archived_agreement_is_not_chased_counted_or_listed_until_brought_back(
    client, officer, admin, make
) -> None:
    party = make.party("Kazakhstan")
    agreement = make.agreement(
        [party],
        title="Air services agreement",
        status=AgreementStatus.SIGNED,
        signed_on=date(2016, 1, 25),  # a 10th anniversary in the window
        owner_id=officer.id,
    )
    ratification = db.session.scalars(select(Ratification)).one()
    ratification.expected_by = date(2025, 12, 1)
    milestone = make.milestone(agreement_id=agreement.id, planned_on=date(2026, 1, 10))
    db.session.commit()
    window = (TODAY, date(2026, 2, 20))

    def anniversaries() -> list[str]:
        return [a.event.object_type for a in upcoming_anniversaries(*window)]

    assert anniversaries() == ["Agreement"] and count_upcoming_anniversaries(*window) == 1
    assert list(ratification_reminders(TODAY, {officer.id: officer}))
    assert db.session.get(Milestone, milestone.id).is_overdue(TODAY)

    client.login(officer)
    url = f"/agreements/{agreement.id}/archive"
    assert "Archive this agreement" in _page(client, f"/agreements/{agreement.id}")
    client.submit(url, {"reason": REASON, "version": _version(Agreement, agreement.id)})
    db.session.expire_all()
    archived = db.session.get(Agreement, agreement.id)
    assert archived.archived_on == TODAY and archived.archived_by_id == officer.id
    assert not archived.is_live
    assert anniversaries() == [] and count_upcoming_anniversaries(*window) == 0
    assert list(ratification_reminders(TODAY, {officer.id: officer})) == []
    # its own milestone is not live any more (the stored flag follows), so not overdue
    assert not db.session.get(Milestone, milestone.id).is_overdue(TODAY)
    assert db.session.scalar(select(Milestone.id).where(Milestone.is_overdue(TODAY))) is None
    page = _page(client, f"/agreements/{agreement.id}")
    assert "Archived on 20 Jan 2026 by" in page and REASON in page
    assert "Air services agreement" not in _page(client, "/agreements/")
    assert "Air services agreement" in _page(client, "/agreements/?archived=1")
    assert db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "agreement.archived")
    ).one()

    undo = f"/agreements/{agreement.id}/unarchive"
    assert client.submit(undo, {"version": _version(Agreement, agreement.id)}).status_code == 403
    client.login(admin)
    assert client.submit(undo, {"version": _version(Agreement, agreement.id)}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).archived_on is None
    assert anniversaries() == ["Agreement"]
    assert db.session.get(Milestone, milestone.id).is_overdue(TODAY)
    assert "Air services agreement" in _page(client, "/agreements/")
