"""Tidy records through the JSON API (issue #15, item 7): a milestone or an action item
cancelled with a reason, a track or an agreement archived with one, and an administrator's
restoring or bringing back, as on the pages. The same services (tracker.services.
cancellations, tracker.services.archiving: the same refusals, the reason required, audited)
and the house rules of the API's writes: If-Match with the ETag read (428 without, 412 when
stale), the role before anything else (officers set aside; administrators undo), and a
record the caller may not see answers 404, as a missing one does.

A live track is given up through the workflow (POST /tracks/{id}/status, to abandoned,
with a comment); only a closed one is archived."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response

from tracker.api import outputs
from tracker.api.agreement_answer import agreement_response, answer_version
from tracker.api.blueprint import api, api_user, expected_version, needs, service_problem, with_etag
from tracker.api.description import ERRORS
from tracker.api.parameters import ActionItemPath, AgreementPath, IfMatch, MilestonePath, TrackPath
from tracker.api.problems import BODIES
from tracker.api.views import ACTION_ITEMS, AGREEMENTS, MILESTONES, TRACKS, _track_answer
from tracker.models import Agreement, Role
from tracker.schemas.reasons import ReasonInput
from tracker.services import archiving, cancellations, gate, transaction
from tracker.services.errors import ServiceError

BODIES.update({ReasonInput.__name__: ReasonInput})

#: the undo's body: nothing to say but the version, which If-Match carries
UNDO_BODY = "Send an empty JSON object ({}) as the body."


def _save(record: Any, change: Callable[..., Any], header: IfMatch, **values: Any) -> None:
    """`change` (a service) on `record` at the version If-Match names (an agreement's: its
    whole answer's ETag, tracker.api.agreement_answer), committed; a refusal rolled back
    and answered as a problem (422, or 409 on a conflict)."""
    if isinstance(record, Agreement):
        version = answer_version(record, header)
    else:
        version = expected_version(record, header)
    try:
        change(record, actor=api_user(), expected_version=version, **values)
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None


# --- milestones --------------------------------------------------------------------------------


def _milestone_answer(milestone_id: int) -> Response:
    found = gate.get_milestone(api_user(), milestone_id)
    return with_etag(outputs.Milestone.of(found), found)


@api.post(
    "/milestones/<milestone_id>/cancel",
    tags=[MILESTONES],
    summary="Cancel a milestone that will not happen, saying why (officers)",
    description="A cancelled milestone is neither open nor overdue: it leaves reminders, "
    "counts and lists of open work. A done one is reopened first.",
    responses={200: outputs.Milestone, **ERRORS.write},
)
@needs(Role.OFFICER)
def cancel_milestone(path: MilestonePath, header: IfMatch, body: ReasonInput) -> Response:
    found = gate.get_milestone(api_user(), path.milestone_id)
    _save(found, cancellations.cancel_milestone, header, reason=body.reason)
    return _milestone_answer(path.milestone_id)


@api.post(
    "/milestones/<milestone_id>/restore",
    tags=[MILESTONES],
    summary="Undo a milestone's cancellation (administrators)",
    description=UNDO_BODY,
    responses={200: outputs.Milestone, **ERRORS.write},
)
@needs(Role.ADMIN)
def restore_milestone(path: MilestonePath, header: IfMatch) -> Response:
    found = gate.get_milestone(api_user(), path.milestone_id)
    _save(found, cancellations.restore_milestone, header)
    return _milestone_answer(path.milestone_id)


# --- action items ------------------------------------------------------------------------------


def _item_answer(item_id: int) -> Response:
    found = gate.get_action_item(api_user(), item_id)
    return with_etag(outputs.ActionItem.of(found), found)


@api.get(
    "/action-items/<item_id>",
    tags=[ACTION_ITEMS],
    summary="One action item (its ETag is what a cancel or restore sends as If-Match)",
    responses={200: outputs.ActionItem, **ERRORS.item},
)
def action_item(path: ActionItemPath) -> Response:
    return _item_answer(path.item_id)


@api.post(
    "/action-items/<item_id>/cancel",
    tags=[ACTION_ITEMS],
    summary="Cancel an open action item that will not be done, saying why (officers)",
    description="Its status stays as it was, so that a restore gives it back; a cancelled "
    "item is neither open nor overdue.",
    responses={200: outputs.ActionItem, **ERRORS.write},
)
@needs(Role.OFFICER)
def cancel_action_item(path: ActionItemPath, header: IfMatch, body: ReasonInput) -> Response:
    found = gate.get_action_item(api_user(), path.item_id)
    _save(found, cancellations.cancel_action_item, header, reason=body.reason)
    return _item_answer(path.item_id)


@api.post(
    "/action-items/<item_id>/restore",
    tags=[ACTION_ITEMS],
    summary="Undo an action item's cancellation (administrators)",
    description=UNDO_BODY,
    responses={200: outputs.ActionItem, **ERRORS.write},
)
@needs(Role.ADMIN)
def restore_action_item(path: ActionItemPath, header: IfMatch) -> Response:
    found = gate.get_action_item(api_user(), path.item_id)
    _save(found, cancellations.restore_action_item, header)
    return _item_answer(path.item_id)


# --- tracks ------------------------------------------------------------------------------------


@api.post(
    "/tracks/<track_id>/archive",
    tags=[TRACKS],
    summary="Archive a closed track, saying why (officers)",
    description="Only a closed track (abandoned, or in force) is archived; a live one is "
    "given up through POST /tracks/{track_id}/status to abandoned, with a comment.",
    responses={200: outputs.Track, **ERRORS.write},
)
@needs(Role.OFFICER)
def archive_track(path: TrackPath, header: IfMatch, body: ReasonInput) -> Response:
    found = gate.get_track(api_user(), path.track_id)
    _save(found, archiving.archive_track, header, reason=body.reason)
    return _track_answer(gate.get_track(api_user(), path.track_id))


@api.post(
    "/tracks/<track_id>/unarchive",
    tags=[TRACKS],
    summary="Bring an archived track back (administrators)",
    description=UNDO_BODY,
    responses={200: outputs.Track, **ERRORS.write},
)
@needs(Role.ADMIN)
def unarchive_track(path: TrackPath, header: IfMatch) -> Response:
    found = gate.get_track(api_user(), path.track_id)
    _save(found, archiving.unarchive_track, header)
    return _track_answer(gate.get_track(api_user(), path.track_id))


# --- agreements --------------------------------------------------------------------------------


def _agreement_answer(agreement_id: int) -> Response:
    return agreement_response(gate.get_agreement(api_user(), agreement_id))


@api.post(
    "/agreements/<agreement_id>/archive",
    tags=[AGREEMENTS],
    summary="Archive an agreement no longer worked on, saying why (officers)",
    description="An archived agreement is not chased (ratifications, clocks, milestones), "
    "counted or listed by default (list it with archived=true). If-Match: the ETag of "
    "the agreement's answer (GET), which changes with anything in it. Answers the "
    "agreement as GET does.",
    responses={200: outputs.Agreement, **ERRORS.write},
)
@needs(Role.OFFICER)
def archive_agreement(path: AgreementPath, header: IfMatch, body: ReasonInput) -> Response:
    found = gate.get_agreement(api_user(), path.agreement_id)
    _save(found, archiving.archive_agreement, header, reason=body.reason)
    return _agreement_answer(path.agreement_id)


@api.post(
    "/agreements/<agreement_id>/unarchive",
    tags=[AGREEMENTS],
    summary="Bring an archived agreement back (administrators)",
    description=UNDO_BODY,
    responses={200: outputs.Agreement, **ERRORS.write},
)
@needs(Role.ADMIN)
def unarchive_agreement(path: AgreementPath, header: IfMatch) -> Response:
    found = gate.get_agreement(api_user(), path.agreement_id)
    _save(found, archiving.unarchive_agreement, header)
    return _agreement_answer(path.agreement_id)
