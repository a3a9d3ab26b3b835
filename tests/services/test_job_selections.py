"""The jobs' selections at scale (issue 19 #4, h19c): the weekly report's "consent to be
bound pending" and action-item sections, and the reminder scan, read set-based in SQL
instead of loading every candidate's rows into Python. Each rule twin checks that the new
selection equals the rule (the models' Python predicates, as the old code applied them)
on a varied fixture; the statement counts check that the work no longer grows with the
rows read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, event, select
from sqlalchemy import literal as sa_literal

from tracker.domain.workflow import TrackStatus
from tracker.models import (
    ActionItem,
    ActionStatus,
    Agreement,
    AgreementStatus,
    Body,
    Classification,
    ClockRule,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Party,
    PartyAction,
    PartyKind,
    Ratification,
    StatusChange,
)
from tracker.orm import db
from tracker.services.reminders.reminder import resumed_on, resumed_on_if_ahead
from tracker.services.reports import sections, treaty
from tracker.services.visibility import may_see_action_item

AS_OF = date(2026, 1, 11)
LATE = AS_OF - timedelta(days=10)


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    seen: list[str] = []

    def record(conn, cursor, statement, params, context, executemany) -> None:  # noqa: ANN001, PLR0913
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _clear() -> None:
    db.session.rollback()
    for model in (
        PartyAction,
        Ratification,
        ClockRule,
        ActionItem,
        Milestone,
        StatusChange,
        Agreement,
        Party,
        Body,
        NegotiationTrack,
    ):
        db.session.execute(delete(model))
    db.session.commit()


# --- consent to be bound pending ---------------------------------------------------------


def _agreement(title: str, acts: list[list[tuple[str, date | None, date | None]]], **kw) -> None:  # noqa: ANN003
    """An agreement with one Party per list of acts (kind, on, effective_on); a Party named
    "group" in kw's `groups` positions is a group shown as one."""
    groups = kw.pop("groups", ())
    clause = kw.pop("clause", False)
    kw.setdefault("status", AgreementStatus.SIGNED)
    agreement = Agreement(title=title, **kw)
    _names.append(title)
    if clause:
        agreement.clock_rules.append(
            ClockRule(
                purpose="denunciation_effect",
                mode="after",
                anchor="notification",
                offset=1,
                unit="years",
            )
        )
    for n, party_acts in enumerate(acts):
        kind = PartyKind.GROUP if n in groups else PartyKind.STATE
        row = Ratification(party=Party(name=f"{title} ({len(_names)}): party {n}", kind=kind))
        for act_kind, on, effective_on in party_acts:
            row.actions.append(PartyAction(kind=act_kind, on=on, effective_on=effective_on))
        agreement.ratifications.append(row)
    db.session.add(agreement)


#: the agreements made so far (the Parties' names must differ)
_names: list[str] = []
RATIFIED = ("ratification", date(2020, 1, 15), None)


def _consent_fixture() -> None:
    _clear()
    later = AS_OF + timedelta(days=20)
    _agreement("A one of two", [[RATIFIED], []])
    _agreement("B all bound", [[RATIFIED], [("accession", date(2021, 3, 1), None)]])
    _agreement("C consent after the day", [[("ratification", later, None)]])
    _agreement("D undated consent", [[("approval", None, None)], []])
    _agreement("E a group not bound", [[RATIFIED], []], groups=(1,))
    _agreement("F only a group", [[]], groups=(0,))
    _agreement("G terminated", [[]], status=AgreementStatus.TERMINATED)
    _agreement("H suspended", [[]], status=AgreementStatus.SUSPENDED)
    _agreement("I archived", [[]], archived_on=LATE)
    _agreement("J left before", [[RATIFIED], [RATIFIED, ("denunciation", LATE, LATE)]])
    _agreement(
        "K leaving later, a third waiting",
        [[RATIFIED], [RATIFIED, ("withdrawal", LATE, later)], []],
    )
    _agreement("L left, undated", [[RATIFIED], [RATIFIED, ("withdrawal", None, None)]])
    _agreement(
        "M notified, day from the clause",
        [[], [RATIFIED, ("denunciation", date(2025, 6, 1), None)]],
        clause=True,
    )
    _agreement(
        "N all left: ended by its Parties",
        [[RATIFIED, ("denunciation", LATE, LATE)], [RATIFIED, ("withdrawal", LATE, LATE)]],
        status=AgreementStatus.IN_FORCE,
    )
    _agreement("O definitive signature", [[("signature", date(2019, 1, 1), None)], []])
    _agreement(
        "P signed subject to ratification", [[("signature_subject_to_ratification", LATE, None)]]
    )
    _agreement("Q no Parties", [])
    _agreement("A one of two", [[], []], short_title="Same title, a later id")
    db.session.commit()
    db.session.expire_all()


def _consent_by_the_rule(as_of: date) -> list[tuple[int, str, int, int]]:
    """What pending_consent listed, worked out the old way: every agreement loaded, by
    title, with the Python rules of its rows (Ratification.is_ratified_by, the Parties'
    steps, the agreement ended by its Parties' denunciations)."""
    found = []
    for agreement in db.session.scalars(select(Agreement).order_by(Agreement.title, Agreement.id)):
        rows = agreement.counted_ratifications
        if not agreement.is_live:
            continue
        if not any(treaty._waiting(r, as_of) for r in rows) or treaty._ended_by(agreement, as_of):
            continue
        ratified = sum(1 for r in rows if r.is_ratified_by(as_of))
        found.append((agreement.id, agreement.short_title or agreement.title, ratified, len(rows)))
    return found


@pytest.mark.parametrize("as_of", [AS_OF, date(2019, 6, 1), date(2027, 1, 1)])
def test_consent_pending_equals_the_rule(as_of: date) -> None:
    _consent_fixture()
    want = _consent_by_the_rule(as_of)
    db.session.expire_all()
    found, total = treaty.pending_consent(as_of, 100)
    assert [(r.agreement_id, r.title, r.ratified, r.parties) for r in found] == want
    assert total == len(want)
    assert want  # the fixture lists some
    limited, total_limited = treaty.pending_consent(as_of, 2)
    assert [r.agreement_id for r in limited] == [w[0] for w in want[:2]]
    assert total_limited == len(want)
    _clear()


def test_consent_pending_reads_one_statement_whatever_the_agreements() -> None:
    """Without a Party leaving (no denunciation or withdrawal recorded), the section is one
    statement: the counts are taken in SQL, not by loading each agreement's rows and acts
    (3,998 agreements, 20,000 rows and 15,883 acts at bench scale 10: 1.5 s of 2.2)."""
    _clear()
    for n in range(12):
        _agreement(f"Agreement {n:02}", [[RATIFIED], [], [("acceptance", None, None)]])
    db.session.commit()
    db.session.expire_all()
    with statements() as seen:
        found, total = treaty.pending_consent(AS_OF, 100)
    assert total == 12 and all((r.ratified, r.parties) == (2, 3) for r in found)
    assert len(seen) == 1
    _clear()


# --- the report's action items -----------------------------------------------------------


def _track(name: str, status: TrackStatus, restricted: bool = False) -> NegotiationTrack:
    track = NegotiationTrack(
        name=name,
        status=status,
        status_since=LATE,
        classification=Classification.RESTRICTED if restricted else Classification.PUBLIC,
    )
    db.session.add(track)
    return track


def _meeting(title: str, track: NegotiationTrack | None = None) -> Milestone:
    body = None if track else Body(name=f"Body of {title}")
    meeting = Milestone(
        title=title, kind=MilestoneKind.MEETING, planned_on=LATE, track=track, body=body
    )
    db.session.add(meeting)
    return meeting


def _items_fixture(copies: int = 1) -> None:
    """`copies` times the same cases, each with its own tracks and meetings."""
    _clear()
    for n in range(copies):
        _items(n)
    db.session.commit()
    db.session.expire_all()


def _items(n: int) -> None:
    public = _track(f"Public {n}", TrackStatus.NEGOTIATING)
    secret = _track(f"Restricted {n}", TrackStatus.NEGOTIATING, restricted=True)
    paused = _track(f"Restricted, suspended {n}", TrackStatus.SUSPENDED, restricted=True)
    meetings = {
        "public": _meeting(f"Public track's {n}", public),
        "secret": _meeting(f"Restricted track's {n}", secret),
        "paused": _meeting(f"Suspended restricted track's {n}", paused),
        "body": _meeting(f"Body's {n}"),
    }
    cases = [
        (public, "public", {}),
        (public, "secret", {}),
        (secret, "public", {}),
        (secret, "secret", {}),
        (None, "secret", {}),
        (None, "body", {}),
        (None, "public", {"due_on": AS_OF + timedelta(days=3)}),
        (None, "paused", {}),
        (paused, "body", {}),
        (secret, "body", {"status": ActionStatus.DONE}),
        (public, "body", {"cancelled_on": LATE}),
        (public, "public", {"due_on": AS_OF + timedelta(days=90)}),
    ]
    for k, (track, meeting, more) in enumerate(cases):
        db.session.add(
            ActionItem(
                title=f"Item {n}-{k}",
                meeting=meetings[meeting],
                track=track,
                **{"due_on": LATE + timedelta(days=k), "status": ActionStatus.OPEN, **more},
            )
        )


def _items_by_the_rule(horizon: date, restricted: bool) -> list[tuple[int, int | None, tuple]]:
    items = db.session.scalars(select(ActionItem).order_by(ActionItem.due_on, ActionItem.id))
    return [
        (
            item.id,
            (AS_OF - item.due_on).days if item.is_overdue(AS_OF) else None,
            tuple(sorted({t for t in (item.track_id, item.meeting.track_id) if t})),
        )
        for item in items
        if item.is_open
        and item.is_live
        and item.due_on <= horizon
        and may_see_action_item(None, item) is not restricted
    ]


@pytest.mark.parametrize("restricted", [False, True])
def test_report_action_items_equal_the_rule(restricted: bool) -> None:
    _items_fixture()
    horizon = AS_OF + timedelta(days=28)
    want = _items_by_the_rule(horizon, restricted)
    db.session.expire_all()
    found, total = sections.action_items(AS_OF, horizon, restricted=restricted)
    assert [(i.id, i.days_late, i.track_ids) for i in found] == want
    assert total == len(want) and want
    _clear()


def test_report_action_items_read_the_same_statements_whatever_the_items() -> None:
    counts = []
    for copies in (1, 4):
        _items_fixture(copies)
        with statements() as seen:
            sections.action_items(AS_OF, AS_OF + timedelta(days=28))
            sections.action_items(AS_OF, AS_OF + timedelta(days=28), restricted=True)
        counts.append(len(seen))
    assert counts[0] == counts[1]
    _clear()


# --- the reminders' "resumed on" ---------------------------------------------------------


def test_resumed_on_is_the_last_move_out_of_a_suspension() -> None:
    """resumed_on: per track, the latest effective date of a change from a paused status;
    a track never suspended has none (the grouped subquery it replaced said the same on this
    fixture). resumed_on_if_ahead asks it only for a date not yet passed."""
    _clear()
    tracks = [_track(f"Track {n}", TrackStatus.NEGOTIATING) for n in range(4)]
    db.session.flush()
    moves = [
        (0, TrackStatus.SUSPENDED, date(2024, 1, 1)),
        (0, TrackStatus.SUSPENDED, date(2025, 3, 1)),
        (0, TrackStatus.NEGOTIATING, date(2025, 9, 1)),  # not out of a suspension
        (1, TrackStatus.NEGOTIATING, date(2025, 1, 1)),
        (2, TrackStatus.SUSPENDED, date(2023, 5, 5)),
        (3, None, date(2022, 1, 1)),
    ]
    for n, from_status, on in moves:
        db.session.add(
            StatusChange(
                track_id=tracks[n].id,
                from_status=from_status,
                to_status=TrackStatus.NEGOTIATING,
                effective_on=on,
            )
        )
    db.session.commit()
    want = {tracks[0].id: date(2025, 3, 1), tracks[2].id: date(2023, 5, 5)}
    found = dict(
        db.session.execute(
            select(NegotiationTrack.id, resumed_on(NegotiationTrack.id)).where(
                NegotiationTrack.id.in_([t.id for t in tracks])
            )
        ).all()
    )
    assert found == {t.id: want.get(t.id) for t in tracks}
    for day, expected in ((AS_OF, want[tracks[0].id]), (AS_OF + timedelta(days=1), None)):
        asked = resumed_on_if_ahead(sa_literal(AS_OF), NegotiationTrack.id, day)
        got = db.session.scalar(select(asked).where(NegotiationTrack.id == tracks[0].id))
        assert got == expected
    _clear()
