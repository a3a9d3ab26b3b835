"""The visibility rule is written once as SQL and once in Python: the two must agree.

Hypothesis builds small worlds (tracks public or restricted, with or without a lead and
assigned officers; milestones and meetings on them or not; action items with their own
track and their meeting's; documents on tracks and milestones, public or restricted) and
every reader (each user, and None for the public) gets the same records from the SQL
condition as from the Python predicate. The readers' map used by jobs agrees too.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select

from tests.factories import PDF
from tracker.models import (
    ActionItem,
    Body,
    Classification,
    Document,
    DocumentKind,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Role,
    User,
)
from tracker.orm import db
from tracker.services import visibility

ROLES = st.sampled_from([Role.ADMIN, Role.OFFICER, Role.OFFICER, Role.VIEWER])
CLASSIFICATIONS = st.sampled_from(list(Classification))


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, list]:
    roles = draw(st.lists(ROLES, min_size=1, max_size=4))
    n = len(roles)
    who = st.one_of(st.none(), st.integers(0, n - 1))
    tracks = draw(
        st.lists(
            st.tuples(CLASSIFICATIONS, who, st.sets(st.integers(0, n - 1))),
            min_size=1,
            max_size=4,
        )
    )
    t = st.one_of(st.none(), st.integers(0, len(tracks) - 1))
    milestones = draw(st.lists(st.tuples(t, st.booleans()), min_size=1, max_size=6))
    meetings = [i for i, (_, is_meeting) in enumerate(milestones) if is_meeting]
    items = draw(st.lists(st.tuples(st.sampled_from(meetings), t), max_size=5)) if meetings else []
    m = st.one_of(st.none(), st.integers(0, len(milestones) - 1))
    # A document hangs on a track or a milestone (or both: the check allows it).
    documents = [
        d
        for d in draw(st.lists(st.tuples(t, m, CLASSIFICATIONS), max_size=5))
        if d[0] is not None or d[1] is not None
    ]
    return {
        "roles": roles,
        "tracks": tracks,
        "milestones": milestones,
        "items": items,
        "documents": documents,
    }


def _clear() -> None:
    db.session.rollback()
    for model in (Document, ActionItem, Milestone, Body, NegotiationTrack, User):
        db.session.execute(delete(model))
    db.session.commit()


def _build(world: dict[str, list]) -> None:
    users = [
        User(email=f"u{i}@twins.example", name=f"U{i}", role=role, password_hash="x")
        for i, role in enumerate(world["roles"])
    ]
    db.session.add_all(users)
    tracks = []
    for i, (classification, lead, members) in enumerate(world["tracks"]):
        track = NegotiationTrack(
            name=f"T{i}",
            status="launched",
            status_since=date(2026, 1, 1),
            classification=classification,
            lead_officer=users[lead] if lead is not None else None,
        )
        track.members = [users[j] for j in members]
        tracks.append(track)
    db.session.add_all(tracks)
    db.session.flush()
    milestones = [
        Milestone(
            title=f"M{i}",
            kind=MilestoneKind.MEETING if is_meeting else MilestoneKind.DEADLINE,
            planned_on=date(2026, 1, 1),
            track_id=tracks[track].id if track is not None else None,
            agreement_id=None,
            body_id=None,
        )
        for i, (track, is_meeting) in enumerate(world["milestones"])
    ]
    # A milestone must belong somewhere: those without a track hang on a body.
    body = Body(name="Council")
    db.session.add(body)
    db.session.flush()
    for milestone in milestones:
        if milestone.track_id is None:
            milestone.body_id = body.id
    db.session.add_all(milestones)
    db.session.flush()
    db.session.add_all(
        ActionItem(
            meeting_id=milestones[meeting].id,
            track_id=tracks[track].id if track is not None else None,
            title=f"A{i}",
            due_on=date(2026, 2, 1),
        )
        for i, (meeting, track) in enumerate(world["items"])
    )
    db.session.add_all(
        Document(
            stored_name=f"doc{i}",
            filename="x.pdf",
            content_type="application/pdf",
            size=len(PDF),
            sha256="0" * 64,
            kind=DocumentKind.MANDATE,
            classification=classification,
            track_id=tracks[track].id if track is not None else None,
            milestone_id=milestones[milestone].id if milestone is not None else None,
        )
        for i, (track, milestone, classification) in enumerate(world["documents"])
    )
    db.session.commit()


def _agree(model: type, condition, predicate, reader) -> None:  # noqa: ANN001
    records = db.session.scalars(select(model)).all()
    by_sql = set(db.session.scalars(select(model.id).where(condition(reader))))
    by_python = {r.id for r in records if predicate(reader, r)}
    assert by_sql == by_python, f"{model.__name__} for {reader and reader.role}"


@given(worlds())
def test_sql_and_python_agree_on_who_sees_what(world: dict[str, list]) -> None:
    _clear()
    _build(world)
    readers = [None, *db.session.scalars(select(User))]
    for reader in readers:
        _agree(NegotiationTrack, visibility.track_is_visible, visibility.may_see_track, reader)
        _agree(Milestone, visibility.milestone_is_visible, visibility.may_see_milestone, reader)
        _agree(
            ActionItem, visibility.action_item_is_visible, visibility.may_see_action_item, reader
        )
        _agree(Document, visibility.document_is_visible, visibility.may_see_document, reader)
    # The track page's documents (issue 19): for a track the reader may see, the rule
    # without the track's own test is the whole rule; for one they may not, nothing.
    for track in db.session.scalars(select(NegotiationTrack)):
        on_track = select(Document.id).where(Document.track_id == track.id)
        for reader in readers:
            shortcut = set(
                db.session.scalars(
                    on_track.where(visibility.document_on_track_is_visible(reader, track))
                )
            )
            whole = set(db.session.scalars(on_track.where(visibility.document_is_visible(reader))))
            if visibility.may_see_track(reader, track):
                assert shortcut == whole, f"documents of {track.name} for {reader and reader.role}"
            else:
                assert shortcut == set()
    # The jobs' map of readers says the same as the predicate, user by user.
    readers_of = visibility.restricted_track_readers()
    for track in db.session.scalars(select(NegotiationTrack)):
        if track.classification is Classification.RESTRICTED:
            allowed = {u.id for u in readers[1:] if visibility.may_see_track(u, track)}
            assert readers_of[track.id] == allowed
        else:
            assert track.id not in readers_of
    _clear()
