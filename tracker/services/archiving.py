"""Tidy records (issue #15, item 7): a closed track or an agreement no longer worked on is
archived with a reason, by whom and when, rather than deleted or given a status by hand.

A live track is not archived here: it is abandoned through the workflow, with a reason
(tracker.domain.workflow.check_move); only a track already closed (abandoned or in force)
gets the archived flag, and an archived track does not move until it is brought back. An
archived agreement is not live (Agreement.is_live, in Python and SQL alike), so its
ratifications, clocks and milestones are not chased; it is left out of the anniversaries,
the default lists and the dashboard's counts, and stays reachable through the lists'
"archived" filter. Archiving and bringing back are audited; only an administrator brings
back.

Services: they flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from tracker.domain.messages import N_, Message
from tracker.models import Agreement, NegotiationTrack, User
from tracker.orm import db
from tracker.services.errors import ServiceError
from tracker.services.records import check_version, detects_conflicts
from tracker.services.set_aside import SetAsideKind, bring_back, set_aside


def _archived(action: str) -> SetAsideKind:
    return SetAsideKind(
        action=action,
        state="archived",
        summary_name=str,
        no_reason=N_("Say why it is archived."),
        already=N_("This record is archived already."),
        not_set_aside=N_("This record is not archived."),
        admin_only=N_("Only an administrator can bring back an archived record."),
    )


TRACK = _archived("track")
AGREEMENT = _archived("agreement")

#: the columns that place a record on a track or an agreement, and why an archived one is
#: refused there
_PLACES: dict[str, tuple[type[Any], Message]] = {
    "track_id": (
        NegotiationTrack,
        N_(
            "This track is archived: it takes no new work. Choose another track, or ask an "
            "administrator to bring it back."
        ),
    ),
    "agreement_id": (
        Agreement,
        N_(
            "This agreement is archived: it takes no new work. Choose another agreement, or "
            "ask an administrator to bring it back."
        ),
    ),
}
_PLACES["framework_agreement_id"] = _PLACES["agreement_id"]


def check_not_placed_on_archived(record: Any, *, stored: Any | None = None) -> None:
    """Refuse to place `record` (a milestone, track or body, new or edited) on an archived
    track or agreement: an archived record takes no new work, whatever the door (a form
    posted by hand, the API, a file). Only a value being set now counts, so a record that
    already points to an archived one keeps it when edited.

    `record` is an ORM record, whose changes not yet flushed say what is set now (call this
    before the session flushes), or a plan of one with the same attributes (an import's
    preview), then compared with `stored`, the record as stored (None for a new one).
    Raises ServiceError naming the field."""
    state = inspect(record, raiseerr=False)
    for field, (model, refusal) in _PLACES.items():
        if state is not None:
            if field not in state.attrs:
                continue
            added = state.attrs[field].history.added
            value = added[0] if added else None
        else:
            value = getattr(record, field, None)
            if value == getattr(stored, field, None):
                continue
        if value is None:
            continue
        with db.session.no_autoflush:
            target = db.session.get(model, value)
        if target is not None and target.archived_on is not None:
            raise ServiceError(refusal, field=field)


@detects_conflicts("track")
def archive_track(
    track: NegotiationTrack, *, reason: str, actor: User, expected_version: int | None
) -> NegotiationTrack:
    """Archive a closed track today, saying why (`reason`, required, at most REASON_MAX
    characters). Raises ServiceError when the track is not closed (abandon it through the
    workflow first), is archived already, or the reason is missing; ConflictError when
    `expected_version` is not the stored one."""
    check_version(track, expected_version, "track")
    if not track.is_closed:
        raise ServiceError(
            "Only a closed track can be archived: to give up negotiations, move the track "
            "to abandoned, saying why."
        )
    set_aside(track, TRACK, reason=reason, actor=actor)
    return track


@detects_conflicts("track")
def unarchive_track(
    track: NegotiationTrack, *, actor: User, expected_version: int | None
) -> NegotiationTrack:
    """Bring an archived track back to the lists (administrators only). Raises
    ServiceError for another user or a track not archived; ConflictError on a stale
    `expected_version`."""
    check_version(track, expected_version, "track")
    bring_back(track, TRACK, actor=actor)
    return track


@detects_conflicts("agreement")
def archive_agreement(
    agreement: Agreement, *, reason: str, actor: User, expected_version: int | None
) -> Agreement:
    """Archive an agreement today, saying why (`reason`, required, at most REASON_MAX
    characters): it is no longer chased, counted or listed by default. Raises ServiceError
    when it is archived already or the reason is missing; ConflictError on a stale
    `expected_version`."""
    check_version(agreement, expected_version, "agreement")
    set_aside(agreement, AGREEMENT, reason=reason, actor=actor)
    return agreement


@detects_conflicts("agreement")
def unarchive_agreement(
    agreement: Agreement, *, actor: User, expected_version: int | None
) -> Agreement:
    """Bring an archived agreement back (administrators only). Raises ServiceError for
    another user or an agreement not archived; ConflictError on a stale
    `expected_version`."""
    check_version(agreement, expected_version, "agreement")
    bring_back(agreement, AGREEMENT, actor=actor)
    return agreement
