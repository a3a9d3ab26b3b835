"""The JSON API's routes, on flask-openapi3: each takes its path, query, If-Match header and
body as pydantic models (the bodies are tracker.schemas' own), which the library validates
and documents, and answers with the models of tracker.api.outputs.

Thin like the web views: they load through the gate, call the same services (and so the
same workflow, refusals and audit), and commit once. Authentication, roles and the shared
helpers are in tracker.api.blueprint.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request, url_for
from flask_openapi3 import Tag

from tracker import clock
from tracker.api import outputs
from tracker.api.agreement_answer import agreement_response
from tracker.api.blueprint import (
    api,
    api_user,
    expected_version,
    needs,
    page,
    page_wanted,
    service_problem,
    with_etag,
)
from tracker.api.description import ERRORS, describe
from tracker.api.parameters import (
    ActionItemQuery,
    AgreementPath,
    AgreementQuery,
    BodyPath,
    BodyQuery,
    IfMatch,
    MilestonePath,
    MilestoneQuery,
    TrackPath,
    TrackQuery,
)
from tracker.api.problems import BODIES, ApiProblem, from_problem
from tracker.domain.workflow import IllegalMove
from tracker.models import Milestone, NegotiationTrack, Role
from tracker.schemas.milestones import MilestoneChanges, MilestoneInput
from tracker.schemas.tracks import StatusMove
from tracker.services import bodies as body_service
from tracker.services import gate, lists, transaction
from tracker.services import milestones as milestone_service
from tracker.services import tracks as track_service
from tracker.services.action_item_lists import action_item_rows
from tracker.services.errors import ServiceError

#: the bodies the routes take, so that validation_problem words their refusals
BODIES.update({model.__name__: model for model in (MilestoneInput, MilestoneChanges, StatusMove)})

AGREEMENTS = Tag(name="agreements", description="Agreements, their parties and areas")
TRACKS = Tag(name="tracks", description="Negotiation tracks and their workflow")
MILESTONES = Tag(name="milestones", description="Rounds, meetings, deadlines...")
ACTION_ITEMS = Tag(name="action items", description="What meetings concluded must be done")
BODIES_TAG = Tag(name="bodies", description="Councils and committees, and their meetings")


def api_error(status: int, title: str, detail: str) -> Response:
    """For the app's error handlers: an HTTP error under /api/ as a problem document."""
    return from_problem(ApiProblem(status, title, detail))


# --- the description ---------------------------------------------------------------------------


@api.route("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description, generated from the models of these routes."""
    return jsonify(describe(request.host_url.rstrip("/") + (api.url_prefix or "")))


# --- agreements --------------------------------------------------------------------------------


@api.get(
    "/agreements",
    tags=[AGREEMENTS],
    summary="Agreements",
    responses={200: outputs.AgreementPage, **ERRORS.read},
)
def agreements(query: AgreementQuery) -> Response:
    rows = lists.agreement_rows(query.status, query.q, page_wanted(query), query.archived)
    return page(rows, query, outputs.Agreement)


@api.get(
    "/agreements/<agreement_id>",
    tags=[AGREEMENTS],
    summary="One agreement",
    responses={200: outputs.Agreement, **ERRORS.item},
)
def agreement(path: AgreementPath) -> Response:
    # its ETag stands for the whole answer (tracker.api.agreement_answer): what an archive
    # or a bring-back sends as If-Match (tracker.api.tidy)
    return agreement_response(gate.get_agreement(api_user(), path.agreement_id))


# --- tracks ------------------------------------------------------------------------------------


@api.get(
    "/tracks",
    tags=[TRACKS],
    summary="Negotiation tracks you may see",
    responses={200: outputs.TrackPage, **ERRORS.read},
)
def tracks(query: TrackQuery) -> Response:
    # The web's filter: "agreement" means framework or resulting here as there.
    rows = lists.track_rows(api_user(), query.filter(), page_wanted(query))
    return page(rows, query, outputs.Track)


def _track(track_id: int) -> NegotiationTrack:
    # 404, not 403: a restricted track's existence is itself not for everyone.
    return gate.get_track(api_user(), track_id)


def _track_answer(track: NegotiationTrack) -> Response:
    history = [outputs.StatusChange.model_validate(c) for c in track.status_changes]
    return with_etag(outputs.Track.of(track, status_history=history), track)


@api.get(
    "/tracks/<track_id>",
    tags=[TRACKS],
    summary="One track, with its status history",
    responses={200: outputs.Track, **ERRORS.item},
)
def track(path: TrackPath) -> Response:
    return _track_answer(_track(path.track_id))


@api.post(
    "/tracks/<track_id>/status",
    tags=[TRACKS],
    summary="Move the track's status through the workflow (officers)",
    responses={200: outputs.Track, **ERRORS.write},
)
@needs(Role.OFFICER)
def move_track(path: TrackPath, header: IfMatch, body: StatusMove) -> Response:
    found = _track(path.track_id)
    expected_version(found, header)
    try:
        track_service.change_status(
            found,
            body.to_status,
            effective_on=body.effective_on,
            actor=api_user(),
            comment=body.comment,
            force=body.force,
            expected_status=found.status,
        )
        transaction.commit()
    except (ServiceError, IllegalMove) as error:
        transaction.roll_back()
        raise service_problem(error) from None
    return _track_answer(_track(path.track_id))


# --- milestones --------------------------------------------------------------------------------


@api.get(
    "/milestones",
    tags=[MILESTONES],
    summary="Milestones you may see, latest planned first",
    responses={200: outputs.MilestonePage, **ERRORS.read},
)
def milestones(query: MilestoneQuery) -> Response:
    # The web's filter object: each parameter means the same on both.
    rows = lists.milestone_rows(api_user(), query.filter(), clock.today(), page_wanted(query))
    return page(rows, query, outputs.Milestone)


@api.get(
    "/action-items",
    tags=[ACTION_ITEMS],
    summary="Action items you may see, soonest due first",
    responses={200: outputs.ActionItemPage, **ERRORS.read},
)
def action_items(query: ActionItemQuery) -> Response:
    # The web's filter object (/action-items/): each parameter means the same on both.
    rows = action_item_rows(api_user(), query.filter(), clock.today(), page_wanted(query))
    return page(rows, query, outputs.ActionItem)


def _milestone(milestone_id: int) -> Milestone:
    return gate.get_milestone(api_user(), milestone_id)


def _check_references(fields: dict[str, Any]) -> None:
    """Each record the body names exists, and a track is one the caller may see (422)."""
    name = gate.unknown_reference(api_user(), fields)
    if name is not None:
        raise ApiProblem(
            422,
            "Unprocessable Content",
            f"No such record for {name}.",
            errors=[{"name": name, "message": "no such record"}],
        )


@api.get(
    "/milestones/<milestone_id>",
    tags=[MILESTONES],
    summary="One milestone",
    responses={200: outputs.Milestone, **ERRORS.item},
)
def milestone(path: MilestonePath) -> Response:
    found = _milestone(path.milestone_id)
    return with_etag(outputs.Milestone.of(found), found)


@api.post(
    "/milestones",
    tags=[MILESTONES],
    summary="Add a milestone (officers)",
    responses={201: outputs.Milestone, **ERRORS.create},
)
@needs(Role.OFFICER)
def create_milestone(body: MilestoneInput) -> tuple[Response, int, dict[str, str]]:
    _check_references(body.model_dump())
    try:
        created = milestone_service.create_milestone(body, actor=api_user())
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    location = url_for(".milestone", milestone_id=created.id)
    return with_etag(outputs.Milestone.of(created), created), 201, {"Location": location}


#: what completes a milestone rather than changing its record
COMPLETION = ("done_on", "outcome")


@api.patch(
    "/milestones/<milestone_id>",
    tags=[MILESTONES],
    summary="Change a milestone, or mark it done (officers)",
    responses={200: outputs.Milestone, **ERRORS.write},
)
@needs(Role.OFFICER)
def update_milestone(path: MilestonePath, header: IfMatch, body: MilestoneChanges) -> Response:
    found = _milestone(path.milestone_id)
    version = expected_version(found, header)
    given = body.given()
    if not given:
        raise ApiProblem(
            422,
            "Unprocessable Content",
            "Send at least one field to change.",
            errors=[{"name": "(body)", "message": "Send at least one field to change."}],
        )
    fields = {name: value for name, value in given.items() if name not in COMPLETION}
    _check_references(fields)
    # One transaction: the fields and the completion are saved together, or neither is.
    try:
        if fields:
            milestone_service.update_milestone(
                found, fields, actor=api_user(), expected_version=version
            )
        if any(name in given for name in COMPLETION):
            if "done_on" not in given and found.done_on is None:
                raise ServiceError(
                    "An outcome is recorded when the milestone is done: send done_on with it.",
                    field="outcome",
                )
            milestone_service.complete_milestone(
                found,
                done_on=given.get("done_on", found.done_on),
                outcome=given.get("outcome", found.outcome),
                actor=api_user(),
                expected_version=found.version,
            )
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(error) from None
    updated = _milestone(path.milestone_id)
    return with_etag(outputs.Milestone.of(updated), updated)


# --- bodies ------------------------------------------------------------------------------------


@api.get(
    "/bodies",
    tags=[BODIES_TAG],
    summary="Bodies (councils, committees)",
    responses={200: outputs.BodyPage, **ERRORS.read},
)
def bodies(query: BodyQuery) -> Response:
    return page(lists.body_rows(page_wanted(query)), query, outputs.Body)


@api.get(
    "/bodies/<body_id>",
    tags=[BODIES_TAG],
    summary="One body, with its meetings and the next one projected",
    responses={200: outputs.Body, **ERRORS.item},
)
def body(path: BodyPath) -> Response:
    found = gate.get_body(api_user(), path.body_id)
    projected = body_service.projected_meeting(found)
    return jsonify(
        outputs.Body.of(
            found,
            meetings=[
                outputs.Milestone.model_validate(m)
                for m in body_service.meetings_of(found, api_user())
            ],
            projected_next_meeting=outputs.Meeting.model_validate(projected) if projected else None,
        )
    )
