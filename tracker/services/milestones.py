"""Milestones: rounds, meetings, deadlines... recorded against a track, an agreement or a body."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select

from tracker import clock
from tracker.domain.messages import N_, Message, MonthDate
from tracker.domain.rounds import shown_title
from tracker.models import (
    AgreementArea,
    Classification,
    DatePrecision,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    User,
)
from tracker.orm import db
from tracker.schemas.milestones import (
    UNTITLED,
    MilestoneChanges,
    MilestoneCompletion,
    MilestoneInput,
)
from tracker.services.archiving import check_not_placed_on_archived
from tracker.services.errors import ServiceError
from tracker.services.follows import record_event
from tracker.services.records import (
    apply_changes,
    check_version,
    detects_conflicts,
    record_audit,
    snapshot,
)
from tracker.services.text_versions import freeze_round, has_frozen_version
from tracker.services.visibility import owner_refusal, public_meeting

EDITABLE_FIELDS = MilestoneChanges.RECORD_FIELDS


def create_milestone(fields: MilestoneInput | Mapping[str, Any], *, actor: User) -> Milestone:
    """A new milestone from `fields` (validated by MilestoneInput, whatever door they came
    by). Raises ServiceError (SchemaRefusal for input that does not fit the schema)."""
    data = MilestoneInput.of(fields)
    milestone = Milestone()
    apply_changes(milestone, data.model_dump())
    check_placement(milestone)
    check_owner(milestone)
    _assign_number(milestone)
    db.session.add(milestone)
    record_audit(
        actor,
        "milestone.created",
        milestone,
        created_summary(milestone),
        after=snapshot(milestone, EDITABLE_FIELDS),
    )
    _tell_followers(milestone, "milestone.added", added_notice(milestone), actor)
    db.session.flush()
    return milestone


@detects_conflicts("milestone")
def update_milestone(
    milestone: Milestone,
    fields: Mapping[str, Any],
    *,
    actor: User,
    expected_version: int | None,
) -> Milestone:
    """Change the fields given (validated by MilestoneChanges). Raises ServiceError,
    ConflictError when `expected_version` is not the stored one (or is None)."""
    check_version(milestone, expected_version, "milestone")
    changes = MilestoneChanges.of(fields).given()
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise ServiceError("This field is not accepted here.", field=field)
    check_frozen_round(
        milestone,
        kind=changes.get("kind", milestone.kind),
        track_id=changes.get("track_id", milestone.track_id),
    )
    before, after = apply_changes(milestone, changes)
    if not after:
        return milestone
    check_placement(milestone)
    check_owner(milestone)
    _assign_number(milestone)
    if "number" in after:  # the audit keeps the number given, not the empty one asked for
        after["number"] = milestone.number
    record_audit(
        actor,
        "milestone.updated",
        milestone,
        f"Edited milestone {shown_name(milestone)}",
        before,
        after,
    )
    if moves(after):
        _tell_followers(milestone, "milestone.moved", moved_notice(milestone), actor)
    db.session.flush()
    return milestone


@detects_conflicts("milestone")
def complete_milestone(
    milestone: Milestone,
    *,
    done_on: date,
    outcome: str,
    actor: User,
    expected_version: int | None,
) -> Milestone:
    """Mark a milestone done on a date (not in the future) with its outcome."""
    check_version(milestone, expected_version, "milestone")
    completion = MilestoneCompletion.of({"done_on": done_on, "outcome": outcome})
    done_on, outcome = completion.done_on, completion.outcome
    if done_on > clock.today():
        raise ServiceError("A milestone cannot be done on a future date.", field="done_on")
    before, after = apply_changes(milestone, {"done_on": done_on, "outcome": outcome.strip()})
    record_audit(
        actor,
        "milestone.completed",
        milestone,
        f"Completed milestone {shown_name(milestone)} on {done_on.isoformat()}",
        before,
        after,
    )
    _tell_followers(milestone, "milestone.done", done_notice(milestone), actor)
    # A round's text is frozen as it stands now, once (issue 17).
    freeze_round(milestone)
    db.session.flush()
    return milestone


@detects_conflicts("milestone")
def reopen_milestone(
    milestone: Milestone, *, actor: User, expected_version: int | None
) -> Milestone:
    check_version(milestone, expected_version, "milestone")
    before, after = apply_changes(milestone, {"done_on": None})
    record_audit(
        actor,
        "milestone.reopened",
        milestone,
        f"Reopened milestone {shown_name(milestone)}",
        before,
        after,
    )
    db.session.flush()
    return milestone


def shown_name(milestone: Any) -> str:
    """How a milestone (or anything with its title, kind and number) is named in a message:
    its title, or for an untitled round "Round <number>" as a Message, said in each
    reader's language where the message is shown (tracker.domain.rounds, issue 15 #7)."""
    return shown_title(
        milestone.title or "",
        is_round=milestone.kind == MilestoneKind.ROUND,
        number=getattr(milestone, "number", None),
    )


def created_summary(milestone: Any) -> str:
    """The audit log's words for a new milestone (`milestone`: anything with its fields)."""
    return (
        f"Added milestone {shown_name(milestone)} ({milestone.kind.label.lower()}), "
        f"planned {milestone.planned_on.isoformat()}"
    )


def moves(after: Mapping[str, Any]) -> bool:
    """Whether changes (field -> new value) move a milestone, which its followers hear of."""
    return "planned_on" in after or "date_precision" in after


def added_notice(milestone: Any) -> Message:
    """What followers hear of a new milestone (`milestone`: anything with its fields)."""
    return Message(
        "New %(kind)s: %(title)s, planned %(date)s",
        kind=milestone.kind,
        title=shown_name(milestone),
        date=_planned(milestone),
    )


def moved_notice(milestone: Any) -> Message:
    return Message(
        "Moved: %(title)s, now planned %(date)s",
        title=shown_name(milestone),
        date=_planned(milestone),
    )


def done_notice(milestone: Any) -> Message:
    if milestone.outcome:
        return Message(
            "Done: %(title)s on %(date)s. %(outcome)s",
            title=shown_name(milestone),
            date=milestone.done_on,
            outcome=milestone.outcome,
        )
    return Message(
        "Done: %(title)s on %(date)s", title=shown_name(milestone), date=milestone.done_on
    )


def _planned(milestone: Any) -> date:
    if milestone.date_precision is DatePrecision.MONTH:
        return MonthDate.of(milestone.planned_on)
    return milestone.planned_on


def _tell_followers(milestone: Milestone, action: str, summary: Message, actor: User) -> None:
    if milestone.id is None:
        db.session.flush()
    record_event(
        action,
        summary,
        actor=actor,
        track_id=milestone.track_id,
        agreement_id=milestone.agreement_id,
        body_id=milestone.body_id,
        milestone_id=milestone.id,
    )


def check_owner(milestone: Any) -> None:
    with db.session.no_autoflush:
        track = db.session.get(NegotiationTrack, milestone.track_id) if milestone.track_id else None
        refusal = owner_refusal(milestone.owner_id, track)
    if refusal is not None:
        raise ServiceError(refusal, field="owner_id")


#: why a round whose text version is frozen keeps its kind and track (issue 17's decision:
#: such a round can only be cancelled)
ROUND_TEXT_FROZEN = N_(
    "%(round)s: its negotiating text is frozen. A round held keeps its kind and its "
    "track; if it did not take place as recorded, cancel it instead."
)


def frozen_round_refusal(stored: Milestone | None) -> str | None:
    """Why `stored` (a milestone as stored, or None for a new one) may not leave its
    track's rounds, or None when it may: only a round whose text version is frozen is held
    to them (issue 17: "a round milestone with a frozen version cannot be deleted, only
    cancelled"; a meeting or another track's round would lose its text)."""
    if stored is None or stored.kind is not MilestoneKind.ROUND or stored.id is None:
        return None
    if not has_frozen_version(stored):
        return None
    return Message(ROUND_TEXT_FROZEN, round=shown_name(stored) or f"#{stored.id}")


def check_frozen_round(stored: Milestone | None, *, kind: Any, track_id: Any) -> None:
    """Refuse to make a round whose text is frozen another kind of milestone, or move it to
    another track. Raises ServiceError on the field "kind" or "track_id"."""
    if stored is None or (kind is MilestoneKind.ROUND and track_id == stored.track_id):
        return
    refusal = frozen_round_refusal(stored)
    if refusal is not None:
        raise ServiceError(refusal, field="kind" if kind is not MilestoneKind.ROUND else "track_id")


def check_placement(milestone: Any) -> None:
    """Where it belongs, and its title: only a round may be untitled (issue #15 #7; the
    schema's rule_refusals say it for forms and files, this for an API body the door has
    already validated), and not newly on an archived track or agreement. Raises
    ServiceError naming the field."""
    if isinstance(milestone, Milestone):
        check_not_placed_on_archived(milestone)
    else:  # an import's plan of one: compared with the milestone as stored
        with db.session.no_autoflush:
            stored = db.session.get(Milestone, milestone.id) if milestone.id else None
        check_not_placed_on_archived(milestone, stored=stored)
    if not milestone.title and milestone.kind is not MilestoneKind.ROUND:
        raise ServiceError(UNTITLED, field="title")
    if not (milestone.track_id or milestone.agreement_id or milestone.body_id):
        raise ServiceError(
            "A milestone belongs to a track, an agreement or a body: choose at least one.",
            field="track_id",
        )
    if milestone.kind is MilestoneKind.ROUND and not milestone.track_id:
        raise ServiceError("A negotiating round belongs to a track.", field="track_id")
    if milestone.area_id is not None:
        area = db.session.get(AgreementArea, milestone.area_id)
        if area is None or area.agreement_id != milestone.agreement_id:
            raise ServiceError("Choose one of the agreement's areas.", field="area_id")


#: why a restricted track's meeting has no number in a body's series (visibility.public_meeting)
RESTRICTED_MEETING_UNNUMBERED = N_(
    "A meeting of a restricted track takes no number in the body's public series: leave "
    "the number empty and let the title say which meeting it is."
)


def restricted_meeting(milestone: Any) -> bool:
    if milestone.kind is not MilestoneKind.MEETING or not milestone.body_id:
        return False
    if not milestone.track_id:
        return False
    with db.session.no_autoflush:
        track = db.session.get(NegotiationTrack, milestone.track_id)
    return track is not None and track.classification is Classification.RESTRICTED


def _assign_number(milestone: Milestone) -> None:
    """Number rounds per track and meetings per body series; refuse a number already taken.

    A restricted track's meeting attached to a body is left out of the body's series (its
    number would tell that it exists), and a number given to it is refused.
    """
    if restricted_meeting(milestone):
        if milestone.number is not None:
            raise ServiceError(RESTRICTED_MEETING_UNNUMBERED, field="number")
        return
    series = series_filter(milestone)
    if series is None:
        return
    number_taken, condition = series
    if milestone.number is None:
        with db.session.no_autoflush:  # the next after the others (a cleared one: not itself)
            highest = db.session.scalar(
                select(func.max(Milestone.number)).where(
                    *condition, Milestone.id != (milestone.id or 0)
                )
            )
        milestone.number = (highest or 0) + 1
        return
    with db.session.no_autoflush:
        clash = db.session.scalar(
            select(Milestone.id).where(
                *condition,
                Milestone.number == milestone.number,
                Milestone.id != (milestone.id or 0),
            )
        )
    if clash is not None:
        raise ServiceError(number_taken, field="number", number=milestone.number)


#: a number given that another milestone of the series has
ROUND_NUMBER_TAKEN = N_("Number %(number)s is already taken in this track's rounds.")
MEETING_NUMBER_TAKEN = N_("Number %(number)s is already taken in this body's meeting series.")


def series_filter(milestone: Any) -> tuple[str, list[Any]] | None:
    if milestone.kind is MilestoneKind.ROUND and milestone.track_id:
        return ROUND_NUMBER_TAKEN, [
            Milestone.kind == MilestoneKind.ROUND,
            Milestone.track_id == milestone.track_id,
        ]
    if milestone.kind is MilestoneKind.MEETING and milestone.body_id:
        return MEETING_NUMBER_TAKEN, [
            Milestone.kind == MilestoneKind.MEETING,
            Milestone.body_id == milestone.body_id,
            public_meeting(),
        ]
    return None
