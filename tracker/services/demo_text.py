"""The demo's negotiating text (issue 17 #8): a short illustrative text on the visa
facilitation track, clearly labelled as a demo example, over two demo rounds.

It invents no position of either side: the text is generic wording of the kind such
agreements use, its numbers are placeholders, and no positions are recorded. To show how
a bracket names the side that proposes it, Article 2's period is a figure each side
proposes, "[EU: N] [KZ: M] calendar days", each only a placeholder letter (no figure of
either side's); the other brackets are plain (attributed to no Party). Running it twice
changes nothing: the text is written only to a track that has none.

It is recorded as the services record a text (tracker.services.provisions): each
provision added at Round 1 and each change at Round 2 is in the audit log, and the status
change a follow event naming the provision, each stamped on the day of its round (so the
weekly report of that week lists it; no one followed then, so no one is told of it now).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from tracker import clock
from tracker.domain import brackets
from tracker.domain.messages import N_, Message
from tracker.domain.provisions import ProvisionKind, ProvisionStatus, status_notice
from tracker.domain.workflow import TrackStatus
from tracker.models import (
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Provision,
    StatusChange,
    User,
)
from tracker.orm import db
from tracker.services.follows import record_event
from tracker.services.provisions import EDITABLE
from tracker.services.records import plain, record_audit
from tracker.services.text_versions import freeze_round

LABEL = (
    "DEMO EXAMPLE: an illustrative text for trying out the tracker. It is not the text "
    "under negotiation and states no Party's position."
)

#: (kind, number, title, text after round 1, text after round 2, status after round 2)
PROVISIONS = (
    (
        ProvisionKind.PREAMBLE,
        "",
        "Preamble (demo example)",
        f"{LABEL}\nTHE PARTIES, desiring to facilitate the issuance of visas to their citizens "
        "on a reciprocal basis, [building on the Enhanced Partnership and Cooperation "
        "Agreement,] HAVE AGREED AS FOLLOWS:",
        f"{LABEL}\nTHE PARTIES, desiring to facilitate the issuance of visas to their citizens "
        "on a reciprocal basis, building on the Enhanced Partnership and Cooperation "
        "Agreement, HAVE AGREED AS FOLLOWS:",
        ProvisionStatus.AGREED_AD_REFERENDUM,
    ),
    (
        ProvisionKind.ARTICLE,
        "1",
        "Purpose and scope (demo example)",
        "The purpose of this Agreement is to facilitate the issuance of visas for intended "
        "stays of [no more than N days in any period of M days].",
        "The purpose of this Agreement is to facilitate the issuance of visas for intended "
        "stays of [no more than N days in any period of M days].",
        ProvisionStatus.OPEN,
    ),
    (
        ProvisionKind.ARTICLE,
        "2",
        "Duration of procedures (demo example)",
        "A decision on a visa application shall be taken within [EU: N] [KZ: M] calendar "
        "days of the date of receipt of a [complete] application.",
        "A decision on a visa application shall be taken within [EU: N] [KZ: M] calendar "
        "days of the date of receipt of a complete application. [In individual cases the "
        "period may be extended.]",
        ProvisionStatus.OPEN,
    ),
    (
        ProvisionKind.ARTICLE,
        "3",
        "Final provisions (demo example)",
        "This Agreement shall enter into force on the first day of the second month "
        "following the date on which the Parties notify each other that their procedures "
        "have been completed.",
        "This Agreement shall enter into force on the first day of the second month "
        "following the date on which the Parties notify each other that their procedures "
        "have been completed.",
        ProvisionStatus.OPEN,
    ),
)


def _round(track: NegotiationTrack, number: int, on: date, officer: User) -> Milestone:
    found = db.session.scalar(
        select(Milestone).filter_by(track_id=track.id, kind=MilestoneKind.ROUND, number=number)
    )
    if found is None:
        found = Milestone(
            track_id=track.id,
            kind=MilestoneKind.ROUND,
            number=number,
            title=f"Round {number} (demo example)",
            planned_on=on,
            done_on=on,
            owner_id=officer.id,
        )
        db.session.add(found)
        db.session.flush()
    return found


def seed_demo_text(track: NegotiationTrack, officer: User, today: date) -> tuple[int, int]:
    """Write the demo text and its two rounds on `track` (only if it has no text yet).
    Returns (records created, records found already there)."""
    if db.session.scalar(select(Provision.id).filter_by(track_id=track.id).limit(1)):
        return 0, 2 + len(PROVISIONS)
    round_1 = _round(track, 1, max(today - timedelta(days=40), track.status_since), officer)
    round_2 = _round(track, 2, max(today - timedelta(days=10), round_1.planned_on), officer)
    rows = []
    for position, (kind, number, title, first, _second, _status) in enumerate(PROVISIONS, 1):
        provision = Provision(
            track_id=track.id,
            key=uuid.uuid4().hex,
            kind=kind,
            number=number,
            title=title,
            position=position,
            texts={"en": first},
            bracket_count=brackets.count(first),
            # open since the draft was tabled at round 1
            status=ProvisionStatus.OPEN,
            status_round_id=round_1.id,
            status_reached_on=round_1.planned_on,
        )
        db.session.add(provision)
        rows.append(provision)
    db.session.flush()
    for provision in rows:
        _audited(
            officer,
            "provision.created",
            provision,
            f"Added {provision.heading} to the text of {track.name}",
            round_1.planned_on,
            after={**_fields(provision), "key": provision.key},
        )
    freeze_round(round_1)
    for provision, (_k, _n, _t, _first, second, status) in zip(rows, PROVISIONS, strict=True):
        before = _fields(provision) | {"status_reached_on": plain(provision.status_reached_on)}
        provision.texts = {"en": second}
        provision.bracket_count = brackets.count(second)
        if status is not ProvisionStatus.OPEN:
            provision.status, provision.status_round_id = status, round_2.id
            provision.status_reached_on = round_2.planned_on
            _told(officer, provision, round_2.planned_on)
        after = _fields(provision) | {"status_reached_on": plain(provision.status_reached_on)}
        changed = [name for name in after if after[name] != before[name]]
        if changed:
            _audited(
                officer,
                "provision.updated",
                provision,
                f"Edited {provision.heading} of {track.name}",
                round_2.planned_on,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
            )
    db.session.flush()
    freeze_round(round_2)
    _negotiating_since(track, round_1, officer)
    return 2 + len(rows), 0


def _fields(provision: Provision) -> dict[str, Any]:
    """The provision's editable fields as the audit log holds them (update_provision)."""
    return {name: plain(getattr(provision, name)) for name in EDITABLE}


def _moment(day: date) -> datetime:
    """When a demo round's change is stamped: mid-morning of its day, local time."""
    return datetime.combine(day, time(10, 0), tzinfo=clock.zone())


def _audited(
    officer: User,
    action: str,
    provision: Provision,
    summary: str,
    day: date,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """An audit row as the services write it (create_provision, update_provision), on
    `day`: the weekly report reads the text's changes from these."""
    record_audit(officer, action, provision, summary, before, after).created_at = _moment(day)


def _told(officer: User, provision: Provision, day: date) -> None:
    """The follow event of a status change, as update_provision records it, on `day`."""
    change = status_notice(provision.kind, provision.number or provision.title, provision.status)
    record_event(
        "provision.status",
        Message(N_("Negotiating text: %(change)s"), change=change),
        actor=officer,
        track_id=provision.track_id,
        provision_id=provision.id,
    ).occurred_at = _moment(day)


def _negotiating_since(track: NegotiationTrack, round_1: Milestone, officer: User) -> None:
    """A track whose rounds have been held is negotiating, not just launched: the demo's
    status, history and next step say so (a fresh check saw "Launched · Hold the first
    negotiating round" beside two rounds held)."""
    if track.status is not TrackStatus.LAUNCHED:
        return
    track.status, track.status_since = TrackStatus.NEGOTIATING, round_1.planned_on
    track.next_step = "Prepare Round 3"
    track.status_changes.append(
        StatusChange(
            from_status=TrackStatus.LAUNCHED,
            to_status=TrackStatus.NEGOTIATING,
            effective_on=round_1.planned_on,
            officer_id=officer.id,
            comment="Round 1 held: the Parties tabled the draft.",
        )
    )
    db.session.flush()
