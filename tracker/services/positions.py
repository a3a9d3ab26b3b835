"""Positions on a negotiating text (issue 17): ours, our red line and fallback from the
mandate, the counterpart's, and notes, per provision and round.

The track's team only (tracker.services.visibility.may_see_positions), whatever the
track's classification: anyone else is answered as if there were none (gate.NotFound for
a page of positions). Every read writes an audit row ("position.read"), kept even when
the request is refused. Services flush; the boundary commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from tracker.models import Milestone, MilestoneKind, NegotiationTrack, Position, Provision, User
from tracker.orm import db
from tracker.schemas.provisions import PositionInput
from tracker.services import gate
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.provisions import heading_kept, rounds_of
from tracker.services.records import (
    CHANGED_WHILE_EDITING,
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
)
from tracker.services.sides import sides_of
from tracker.services.visibility import Reader, may_see_positions

FIELDS = ("ours", "red_line", "fallback", "theirs", "notes")


def require_team(reader: Reader, track: NegotiationTrack) -> User:
    """The reader, if on the track's team; raises gate.NotFound otherwise."""
    if reader is None or not may_see_positions(reader, track):
        raise gate.NotFound("position")
    return reader


def get_round(track: NegotiationTrack, round_id: int) -> Milestone:
    """A round of the track. Raises gate.NotFound."""
    found = db.session.get(Milestone, round_id)
    if found is None or found.track_id != track.id or found.kind is not MilestoneKind.ROUND:
        raise gate.NotFound("round")
    return found


def _latest(
    track: NegotiationTrack, round_: Milestone, provision_ids: list[int] | None = None
) -> dict[int, Position]:
    """Provision id -> the positions recorded for it at `round_` or, failing that, at the
    latest earlier round of the track (rounds_of order): what stands until the team
    records anew."""
    rounds = rounds_of(track)
    ids = [r.id for r in rounds]
    upto = ids[: ids.index(round_.id) + 1] if round_.id in ids else [round_.id]
    order = {round_id: i for i, round_id in enumerate(upto)}
    query = (
        select(Position)
        .join(Provision, Provision.id == Position.provision_id)
        .where(Provision.track_id == track.id, Position.round_id.in_(upto))
    )
    if provision_ids is not None:
        query = query.where(Position.provision_id.in_(provision_ids))
    found: dict[int, Position] = {}
    for position in db.session.scalars(query):
        kept = found.get(position.provision_id)
        if kept is None or order[position.round_id] > order[kept.round_id]:
            found[position.provision_id] = position
    return found


def positions_at(reader: Reader, track: NegotiationTrack, round_: Milestone) -> dict[int, Position]:
    """Provision id -> the positions standing at the round, for the team: those recorded
    for it, else the latest recorded at an earlier round (Position.round says which; issue
    17: positions carry forward until the team records anew). Audited: one event per read,
    naming the positions shown and their provisions' headings of the time (_shown).
    Raises gate.NotFound for anyone else."""
    member = require_team(reader, track)
    found = _latest(track, round_)
    gate.audited_read(
        member,
        "position.read",
        round_,
        f"Read the positions on the text of {track.name} at {round_.display_title}",
        **_shown(found),
    )
    return found


def positions_now(reader: Reader, track: NegotiationTrack) -> dict[int, Position]:
    """Provision id -> the latest positions recorded on it at any round of the track (the
    last in rounds_of order; Position.round says which): what stands as the text is now,
    for the comparative table "as it stands" (issue 17 #6). Audited: one event per read,
    on the track, naming the positions shown and their provisions' headings (_shown).
    Raises gate.NotFound for anyone else."""
    member = require_team(reader, track)
    rounds = rounds_of(track)
    found = _latest(track, rounds[-1]) if rounds else {}
    gate.audited_read(
        member,
        "position.read",
        track,
        f"Read the positions on the text of {track.name} as it stands now",
        **_shown(found),
    )
    return found


def _shown(found: Mapping[int, Position]) -> dict[str, list[Any]]:
    """What a read of many provisions' positions keeps in its audit row: the positions'
    ids, in order, and beside each its provision's heading of the time (heading_kept), as
    a read of one provision's keeps it (h17e #1; h19g1 #4): after a renumbering the row
    still says which provisions were read. One statement for the provisions."""
    ids = sorted(p.id for p in found.values())
    provision_of = {p.id: p.provision_id for p in found.values()}
    provisions = (
        {
            p.id: p
            for p in db.session.scalars(
                select(Provision).where(Provision.id.in_(set(provision_of.values())))
            )
        }
        if ids
        else {}
    )
    return {"ids": ids, "headings": [heading_kept(provisions[provision_of[i]]) for i in ids]}


def positions_on(
    reader: Reader, provision: Provision, round_: Milestone
) -> tuple[Position | None, Position | None]:
    """(the positions on one provision recorded at `round_`, else None; those carried from
    the latest earlier round, when none are recorded at `round_`, else None): what the
    positions form shows and starts from (nothing is saved until the team submits).

    One read, one audit row (h17e #2: the form's page wrote two, one for the round's and
    one for the carried), naming the positions shown and keeping the provision's heading
    of the time (heading_kept), as a save does. Raises gate.NotFound for anyone not on
    the team."""
    member = require_team(reader, provision.track)
    latest = _latest(provision.track, round_, [provision.id]).get(provision.id)
    saved = latest if latest is not None and latest.round_id == round_.id else None
    carried = latest if saved is None else None
    summary = (
        f"Read the positions on {provision.heading} carried to {round_.display_title}"
        if carried is not None
        else f"Read the positions on {provision.heading} at {round_.display_title}"
    )
    gate.audited_read(
        member,
        "position.read",
        provision,
        summary,
        round_id=round_.id,
        position_id=latest.id if latest is not None else None,
        heading=heading_kept(provision),
    )
    return saved, carried


def position_of(reader: Reader, provision: Provision, round_: Milestone) -> Position | None:
    """The positions on one provision recorded at a round, or None; audited (with the
    provision's heading of the time, heading_kept). Raises gate.NotFound for anyone not
    on the team."""
    member = require_team(reader, provision.track)
    found = db.session.scalar(
        select(Position).where(
            Position.provision_id == provision.id, Position.round_id == round_.id
        )
    )
    gate.audited_read(
        member,
        "position.read",
        provision,
        f"Read the positions on {provision.heading} at {round_.display_title}",
        round_id=round_.id,
        position_id=found.id if found else None,
        heading=heading_kept(provision),
    )
    return found


@detects_conflicts("position")
def save_position(
    provision: Provision,
    round_: Milestone,
    fields: Mapping[str, Any],
    *,
    actor: User,
    expected_version: int | None,
) -> Position | None:
    """Record the positions on a provision at a round (validated by PositionInput).
    `expected_version`: the version loaded (0 when there was none yet). Returns the
    positions saved, or None when nothing changed (h17e #3): the same as those recorded
    at the round, or, with none recorded there yet, as those carried from an earlier
    round (or all empty with none carried); nothing is then recorded and no audit row
    written, and what stood still stands. Raises gate.NotFound for anyone not on the
    team, ConflictError, ServiceError."""
    require_team(actor, provision.track)
    if round_.track_id != provision.track_id:
        raise ServiceError("Choose a round of this track.", field="round_id")
    data = PositionInput.of(fields)
    position = db.session.scalar(
        select(Position).where(
            Position.provision_id == provision.id, Position.round_id == round_.id
        )
    )
    wanted = {name: getattr(data, name) for name in FIELDS}
    if position is None:
        if expected_version not in (0, None):
            raise ConflictError(CHANGED_WHILE_EDITING["position"])
        # A first save at a round starts from the positions carried from an earlier round
        # (or from nothing): the fields changed are those that differ from them.
        carried = _latest(provision.track, round_, [provision.id]).get(provision.id)
        changed = [
            name
            for name in FIELDS
            if ((getattr(carried, name) if carried is not None else "") or "") != wanted[name]
        ]
        if not changed:  # the carried positions (or none) as they were: nothing to record
            return None
        position = Position(provision_id=provision.id, round_id=round_.id, updated_by_id=actor.id)
        db.session.add(position)
        for name in FIELDS:
            setattr(position, name, wanted[name])
        db.session.flush()
    else:
        check_version(position, expected_version, "position")
        _, after = apply_changes(position, wanted)
        if not after:
            return None
        changed = [name for name in FIELDS if name in after]
        position.updated_by_id = actor.id
    # The audit names the fields that changed, not the words (the log is read more widely
    # than the team), and the provision by its heading as it is now (issue 17, part 2).
    sides = sides_of(provision.track)
    record_audit(
        actor,
        "position.saved",
        position,
        f"Saved the positions on {provision.heading} at {round_.display_title}",
        None,
        {
            "changed": changed,
            "round_id": round_.id,
            "provision_id": provision.id,
            "heading": heading_kept(provision),
            # the sides as the form names them then ("Their position (EU)", h17e #4)
            "sides": {"ours": sides.ours, "theirs": sides.their_label},
        },
    )
    db.session.flush()
    return position
