"""ActionItem.is_live and is_overdue, case by case (issue 19 #1: the SQL side was rewritten
for speed; the rule must not move). Its own track decides; without one, its meeting's
stored liveness does (the meeting's track, else its agreement); cancelling the item or
its meeting does not change whether it is live, only whether it is open."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select

from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionItem,
    ActionStatus,
    Agreement,
    AgreementStatus,
    Body,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
)
from tracker.orm import db
from tracker.services.reports.sections import action_items

TODAY = date(2026, 1, 12)
LATE = TODAY - timedelta(days=3)


def _clear() -> None:
    db.session.rollback()
    for model in (ActionItem, Milestone, Agreement, Body, NegotiationTrack):
        db.session.execute(delete(model))
    db.session.commit()


def _track(name: str, status: TrackStatus, archived: bool = False) -> NegotiationTrack:
    track = NegotiationTrack(
        name=name, status=status, status_since=TODAY, archived_on=TODAY if archived else None
    )
    db.session.add(track)
    return track


def _meeting(title: str, *, track=None, agreement=None, cancelled: bool = False) -> Milestone:  # noqa: ANN001
    body = None
    if track is None and agreement is None:
        body = Body(name=f"Body of {title}")
        db.session.add(body)
    meeting = Milestone(
        title=title,
        kind=MilestoneKind.MEETING,
        planned_on=LATE,
        track=track,
        agreement=agreement,
        body=body,
        cancelled_on=LATE if cancelled else None,
    )
    db.session.add(meeting)
    return meeting


#: item title -> (live, overdue as of TODAY)
EXPECTED = {
    "on a live track": (True, True),
    "on a live track, at a suspended track's meeting": (True, True),
    "on a suspended track, at a live track's meeting": (False, False),
    "on an abandoned track": (False, False),
    "on an archived track (in force)": (False, False),
    "none, at a live track's meeting": (True, True),
    "none, at a suspended track's meeting": (False, False),
    "none, at an in-force track's meeting": (False, False),
    "none, at an archived track's meeting": (False, False),
    "none, at a live agreement's meeting": (True, True),
    "none, at a terminated agreement's meeting": (False, False),
    "none, at a suspended agreement's meeting": (False, False),
    "none, at an archived agreement's meeting": (False, False),
    "none, at a body's meeting": (True, True),
    "none, at a cancelled meeting of a live track": (True, True),
    "none, at a cancelled meeting of a suspended track": (False, False),
    "cancelled, on a live track": (True, False),
    "cancelled, at a live track's meeting": (True, False),
    "done, on a live track": (True, False),
    "dropped, at a body's meeting": (True, False),
    "not yet due, on a live track": (True, False),
}


def test_an_action_items_liveness_case_by_case() -> None:
    _clear()
    live = _track("Live", TrackStatus.NEGOTIATING)
    suspended = _track("Suspended", TrackStatus.SUSPENDED)
    abandoned = _track("Abandoned", TrackStatus.ABANDONED)
    archived = _track("Archived", TrackStatus.IN_FORCE, archived=True)
    in_force = _track("In force", TrackStatus.IN_FORCE)
    agreements = {
        status: Agreement(title=f"Agreement {status}", status=status)
        for status in (AgreementStatus.IN_FORCE, AgreementStatus.TERMINATED)
    }
    suspended_agreement = Agreement(title="Suspended agreement", status=AgreementStatus.SUSPENDED)
    archived_agreement = Agreement(
        title="Archived agreement", status=AgreementStatus.IN_FORCE, archived_on=TODAY
    )
    db.session.add_all([*agreements.values(), suspended_agreement, archived_agreement])
    meetings = {
        "live": _meeting("Live track's", track=live),
        "suspended": _meeting("Suspended track's", track=suspended),
        "in force": _meeting("In-force track's", track=in_force),
        "archived": _meeting("Archived track's", track=archived),
        "agreement": _meeting("Live agreement's", agreement=agreements[AgreementStatus.IN_FORCE]),
        "terminated": _meeting(
            "Terminated agreement's", agreement=agreements[AgreementStatus.TERMINATED]
        ),
        "suspended agreement": _meeting("Suspended agreement's", agreement=suspended_agreement),
        "archived agreement": _meeting("Archived agreement's", agreement=archived_agreement),
        "body": _meeting("Body's"),
        "cancelled live": _meeting("Cancelled, live track's", track=live, cancelled=True),
        "cancelled suspended": _meeting(
            "Cancelled, suspended track's", track=suspended, cancelled=True
        ),
    }
    items = {
        "on a live track": (live, "live", {}),
        "on a live track, at a suspended track's meeting": (live, "suspended", {}),
        "on a suspended track, at a live track's meeting": (suspended, "live", {}),
        "on an abandoned track": (abandoned, "live", {}),
        "on an archived track (in force)": (archived, "live", {}),
        "none, at a live track's meeting": (None, "live", {}),
        "none, at a suspended track's meeting": (None, "suspended", {}),
        "none, at an in-force track's meeting": (None, "in force", {}),
        "none, at an archived track's meeting": (None, "archived", {}),
        "none, at a live agreement's meeting": (None, "agreement", {}),
        "none, at a terminated agreement's meeting": (None, "terminated", {}),
        "none, at a suspended agreement's meeting": (None, "suspended agreement", {}),
        "none, at an archived agreement's meeting": (None, "archived agreement", {}),
        "none, at a body's meeting": (None, "body", {}),
        "none, at a cancelled meeting of a live track": (None, "cancelled live", {}),
        "none, at a cancelled meeting of a suspended track": (None, "cancelled suspended", {}),
        "cancelled, on a live track": (live, "live", {"cancelled_on": LATE}),
        "cancelled, at a live track's meeting": (None, "live", {"cancelled_on": LATE}),
        "done, on a live track": (live, "live", {"status": ActionStatus.DONE}),
        "dropped, at a body's meeting": (None, "body", {"status": ActionStatus.DROPPED}),
        "not yet due, on a live track": (live, "live", {"due_on": TODAY}),
    }
    for title, (track, meeting, more) in items.items():
        db.session.add(
            ActionItem(
                title=title,
                meeting=meetings[meeting],
                track=track,
                **{"due_on": LATE, "status": ActionStatus.OPEN, **more},
            )
        )
    db.session.commit()
    db.session.expire_all()
    assert set(items) == set(EXPECTED)

    def titles(condition) -> set[str]:  # noqa: ANN001
        return set(db.session.scalars(select(ActionItem.title).where(condition)))

    records = db.session.scalars(select(ActionItem)).all()
    want_live = {title for title, (is_live, _) in EXPECTED.items() if is_live}
    want_overdue = {title for title, (_, overdue) in EXPECTED.items() if overdue}
    assert {r.title for r in records if r.is_live} == want_live
    assert titles(ActionItem.is_live) == want_live
    assert titles(~ActionItem.is_live) == set(EXPECTED) - want_live
    assert {r.title for r in records if r.is_overdue(TODAY)} == want_overdue
    assert titles(ActionItem.is_overdue(TODAY)) == want_overdue
    # the weekly report's section lists the open, live ones (all tracks here are public)
    listed, total = action_items(TODAY, TODAY + timedelta(days=7))
    open_live = want_live - {
        "cancelled, on a live track",
        "cancelled, at a live track's meeting",
        "done, on a live track",
        "dropped, at a body's meeting",
    }
    assert {item.title for item in listed} == open_live
    assert total == len(open_live)
    _clear()
