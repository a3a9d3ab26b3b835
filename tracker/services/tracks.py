"""Negotiation tracks: create, edit, and move through the workflow."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from tracker import clock
from tracker.domain.messages import N_, Message
from tracker.domain.names import OfficialName
from tracker.domain.planning import first_reached
from tracker.domain.sides import is_short_name, side_on_track
from tracker.domain.workflow import IllegalMove, Move, TrackStatus, check_move
from tracker.models import (
    Classification,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Party,
    StageTarget,
    StatusChange,
    User,
)
from tracker.orm import db
from tracker.schemas import check_dates
from tracker.schemas.tracks import TrackInput
from tracker.services.archiving import check_not_placed_on_archived
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.follows import follow_as_lead, record_event
from tracker.services.owners import check_track_owners
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    snapshot,
    validated_update,
)
from tracker.services.track_relations import follow_result

EDITABLE_FIELDS = TrackInput.FIELDS


def create_track(
    fields: Mapping[str, Any],
    *,
    status: TrackStatus,
    status_since: date,
    counterpart_ids: list[int],
    member_ids: list[int] | None = None,
    actor: User,
) -> NegotiationTrack:
    """Open a track in its first status, with that status as the first history row."""
    check_dates(status_since=status_since)
    if status_since > clock.today():
        raise ServiceError("The date cannot be in the future.", field="status_since")
    data = TrackInput.of(fields)
    parties = _parties(counterpart_ids)
    _check_our_side(data.our_side, parties)
    track = NegotiationTrack(status=status, status_since=status_since)
    apply_changes(track, data.model_dump())
    check_not_placed_on_archived(track)
    track.counterparts = parties
    track.members = _users(member_ids or [])
    track.status_changes.append(
        StatusChange(
            from_status=None,
            to_status=status,
            effective_on=status_since,
            officer_id=actor.id,
            comment="Track opened",
        )
    )
    db.session.add(track)
    follow_as_lead(track)
    record_audit(
        actor,
        "track.created",
        track,
        f"Opened track {track.name} as {status.label.lower()}",
        after=snapshot(track, (*EDITABLE_FIELDS, "status", "status_since")),
    )
    db.session.flush()
    follow_result(track, actor=actor)  # the framework for its result (h16m #1)
    return track


@detects_conflicts("track")
def update_track(
    track: NegotiationTrack,
    fields: Mapping[str, Any],
    *,
    counterpart_ids: list[int],
    member_ids: list[int] | None = None,
    actor: User,
    expected_version: int | None,
) -> NegotiationTrack:
    check_version(track, expected_version, "track")
    changes, _ = validated_update(track, fields, TrackInput, EDITABLE_FIELDS)
    _check_our_side(changes.get("our_side", track.our_side or ""), _parties(counterpart_ids))
    before, after = apply_changes(track, changes)
    check_not_placed_on_archived(track)  # before the parties' query flushes the changes
    old_parties = sorted(p.id for p in track.counterparts)
    if old_parties != sorted(counterpart_ids):
        track.counterparts = _parties(counterpart_ids)
        before["counterpart_ids"], after["counterpart_ids"] = old_parties, sorted(counterpart_ids)
    old_members = sorted(u.id for u in track.members)
    if member_ids is not None and old_members != sorted(set(member_ids)):
        track.members = _users(member_ids)
        before["member_ids"], after["member_ids"] = old_members, sorted(set(member_ids))
    if after:
        # Collections alone change no column here; the version must still move on.
        flag_modified(track, "name")
    if not after:
        return track  # nothing to save (the boundary decides the transaction)
    for name in ("lead_officer_id", "member_ids", "classification"):
        if name in after:  # an owner of open work on the track must still see it
            check_track_owners(track, field=name)
            break
    if "lead_officer_id" in after:
        follow_as_lead(track)
    record_audit(actor, "track.updated", track, f"Edited track {track.name}", before, after)
    if after.get("classification") == Classification.RESTRICTED.value:
        _leave_public_series(track, actor)
    db.session.flush()
    if {"framework_agreement_id", "resulting_agreement_id"} & after.keys():
        follow_result(track, actor=actor)  # the framework for its result (h16m #1)
    return track


def _check_our_side(value: str, parties: list[Party]) -> None:
    """Our side on a track is a Party's short name as brackets name it (issue 17), and
    one of the track's `parties` (issue 17 re-check, h17c #3: a side not on the track made
    every Party's brackets "the other side's"); empty: the installation's setting. The one
    check of every door that sets it (the track forms; no API or import sets it). Raises
    ServiceError on the field "our_side"."""
    if not value:
        return
    if not is_short_name(value):
        raise ServiceError(
            N_(
                "Give our side as a Party's short name in capitals, as brackets name it "
                "(e.g. KZ or EU), or leave it empty for the installation's setting."
            ),
            field="our_side",
        )
    if not side_on_track(value, [p.short_name for p in parties]):
        raise ServiceError(
            N_(
                "%(side)s is not a Party on this track: give the short name of one of its "
                "Parties (%(names)s), or leave it empty for the installation's setting."
            ),
            field="our_side",
            side=value,
            names=", ".join(p.short_name for p in parties if p.short_name) or "—",
        )


def suspended_from(track: NegotiationTrack) -> TrackStatus | None:
    """The status a suspended track left, read from its history.

    From the history already loaded (the track page loads it for its timeline) when it
    is: reading it again cost the track page one statement more for a suspended track
    than for any other (bench's track 1 at scale 10, issue 19 #2)."""
    if track.status is not TrackStatus.SUSPENDED:
        return None
    if "status_changes" not in sa_inspect(track).unloaded:
        # ordered by (effective_on, id), as the query below reads it backwards
        suspensions = [c for c in track.status_changes if c.to_status == TrackStatus.SUSPENDED]
        return suspensions[-1].from_status if suspensions else None
    last = db.session.scalar(
        select(StatusChange)
        .where(StatusChange.track_id == track.id, StatusChange.to_status == TrackStatus.SUSPENDED)
        .order_by(StatusChange.effective_on.desc(), StatusChange.id.desc())
        .limit(1)
    )
    return last.from_status if last else None


@detects_conflicts("track")
def change_status(
    track: NegotiationTrack,
    to_status: TrackStatus,
    *,
    effective_on: date,
    actor: User,
    comment: str = "",
    force: bool = False,
    expected_status: TrackStatus | None = None,
) -> StatusChange:
    """Apply one workflow move: StatusChange, track status and AuditEvent in one transaction.

    `expected_status` is the status the officer saw; if the track has moved since,
    the move is refused as a conflict rather than applied to a state they never saw.
    Raises IllegalMove with the reason when the workflow refuses the move.
    """
    if expected_status is not None and track.status is not expected_status:
        raise ConflictError(
            "The track moved to %(status)s while you were looking at it. "
            "Check its history, then choose the move again.",
            status=track.status,
        )
    if track.archived_on is not None:
        raise ServiceError(
            "An archived track does not move; an administrator can bring it back first."
        )
    check_dates(effective_on=effective_on)
    if force and not actor.is_admin:
        raise IllegalMove("Only an administrator can force a move.", field="force")
    move = check_move(
        track.status,
        to_status,
        effective_on=effective_on,
        today=clock.today(),
        status_since=track.status_since,
        suspended_from=suspended_from(track),
        force=force,
        comment=comment,
    )
    change = StatusChange(
        track_id=track.id,
        from_status=move.from_status,
        to_status=move.to_status,
        effective_on=move.effective_on,
        officer_id=actor.id,
        comment=comment.strip(),
        forced=move.forced,
    )
    db.session.add(change)
    track.status = move.to_status
    track.status_since = move.effective_on
    verb = "Forced" if move.forced else "Moved"
    record_audit(
        actor,
        "track.status_changed",
        track,
        f"{verb} {track.name} from {move.from_status.label.lower()} to "
        f"{move.to_status.label.lower()} on {move.effective_on.isoformat()}",
        before={"status": move.from_status.value},
        after={
            "status": move.to_status.value,
            "effective_on": move.effective_on.isoformat(),
            "comment": change.comment,
            "forced": move.forced,
        },
    )
    record_event(
        "track.status_changed",
        _moved_summary(track, move, change.comment),
        actor=actor,
        track_id=track.id,
    )
    db.session.flush()
    return change


def _leave_public_series(track: NegotiationTrack, actor: User) -> None:
    """A track made restricted takes its meetings out of their bodies' public series: a
    number kept there would show the series' readers that the meeting exists
    (visibility.public_meeting). The title keeps saying which meeting it was."""
    meetings = db.session.scalars(
        select(Milestone).where(
            Milestone.track_id == track.id,
            Milestone.kind == MilestoneKind.MEETING,
            Milestone.body_id.is_not(None),
            Milestone.number.is_not(None),
        )
    ).all()
    for meeting in meetings:
        record_audit(
            actor,
            "milestone.updated",
            meeting,
            f"Took {meeting.title} out of its body's public series (its track is restricted)",
            {"number": meeting.number},
            {"number": None},
        )
        meeting.number = None


def _parties(ids: list[int]) -> list[Party]:
    if not ids:
        return []
    parties = list(db.session.scalars(select(Party).where(Party.id.in_(ids))))
    if len(parties) != len(set(ids)):
        raise ServiceError("Choose parties from the list.", field="counterpart_ids")
    return parties


def _users(ids: list[int]) -> list[User]:
    if not ids:
        return []
    users = list(db.session.scalars(select(User).where(User.id.in_(set(ids)))))
    if len(users) != len(set(ids)):
        raise ServiceError("Choose officers from the list.", field="member_ids")
    return users


@detects_conflicts("track")
def set_stage_targets(
    track: NegotiationTrack,
    targets: Mapping[TrackStatus, date | None],
    *,
    actor: User,
    expected_version: int | None,
) -> None:
    """Set, move or clear the target dates of the track's workflow stages (audited).

    The targets are part of the track: saving them moves its version, so two officers
    planning at once, or planning while another edits the track, are told, not overwritten.
    """
    check_version(track, expected_version, "track")
    check_dates(**{f"target_{status.value}": on for status, on in targets.items()})
    current = {t.status: t for t in track.stage_targets}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for status, target_on in targets.items():
        existing = current.get(status)
        old = existing.target_on if existing else None
        if old == target_on:
            continue
        before[status.value] = old.isoformat() if old else None
        after[status.value] = target_on.isoformat() if target_on else None
        if target_on is None and existing is not None:
            track.stage_targets.remove(existing)
        elif existing is not None and target_on is not None:
            existing.target_on = target_on
        elif target_on is not None:
            track.stage_targets.append(StageTarget(status=status, target_on=target_on))
    if not after:
        return
    flag_modified(track, "name")  # the targets are rows of their own; the version must move
    record_audit(
        actor, "track.targets_updated", track, f"Set stage targets of {track.name}", before, after
    )
    db.session.flush()


def stage_history(
    track: NegotiationTrack,
) -> tuple[dict[TrackStatus, date], dict[TrackStatus, date]]:
    """(targets, first reached) of a track, for tracker.domain.planning."""
    targets = {t.status: t.target_on for t in track.stage_targets}
    reached = first_reached([(c.to_status, c.effective_on) for c in track.status_changes])
    return targets, reached


def _moved_summary(track: NegotiationTrack, move: Move, comment: str) -> Message:
    values = {
        "track": OfficialName.of_track(track.name, track.official_name_ru, track.official_name_kk),
        "from_status": move.from_status,
        "to_status": move.to_status,
        "date": move.effective_on,
    }
    if comment:
        return Message(
            "%(track)s moved from %(from_status)s to %(to_status)s on %(date)s (%(comment)s)",
            comment=comment,
            **values,
        )
    return Message("%(track)s moved from %(from_status)s to %(to_status)s on %(date)s", **values)
