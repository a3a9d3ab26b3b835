"""The negotiating text on the JSON API (issue 17): the text now or after a round, a
provision added, a provision changed with If-Match (the provision's ETag), the whole text
reordered and renumbered with If-Match (the text's ETag), and the comparison of two
rounds. The bodies are the web forms' schemas and go through the same services (same
refusals, same audit). Positions are not on the API: they are the track's team's only,
on the web pages that audit each read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from flask import Response, jsonify, url_for
from flask_openapi3 import Tag
from pydantic import BaseModel, ConfigDict, Field

from tracker.api.blueprint import api, api_user, needs, service_problem
from tracker.api.description import ERRORS
from tracker.api.parameters import IfMatch, Path, Query, optional
from tracker.api.problems import BODIES, ApiProblem
from tracker.domain.provisions import (
    ProvisionKind,
    ProvisionStatus,
    brackets_remaining,
    merge_texts,
)
from tracker.domain.redline import Change
from tracker.models import Milestone, NegotiationTrack, Provision, Role
from tracker.schemas.base import RecordId
from tracker.schemas.provisions import ProvisionChanges, ProvisionInput, TextOrder
from tracker.services import gate, text_rounds, transaction
from tracker.services import positions as position_service
from tracker.services import provisions as provision_service
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.text_rounds import ProvisionState

BODIES[ProvisionChanges.__name__] = ProvisionChanges
BODIES[ProvisionInput.__name__] = ProvisionInput
BODIES[TextOrder.__name__] = TextOrder

TEXTS = Tag(name="negotiating text", description="A track's provisions, per round")


class ProvisionPath(Path):
    noun: ClassVar[str] = "provision"
    track_id: RecordId = Field(description="The track's id")
    provision_id: RecordId = Field(description="The provision's id")


class TextTrackPath(Path):
    noun: ClassVar[str] = "track"
    track_id: RecordId = Field(description="The track's id")


class TextQuery(Query):
    round: RecordId = optional("A round (milestone) of the track: the text as it stood after it")


class CompareQuery(Query):
    before: RecordId = optional("The earlier round (left out: the text now)", alias="from")
    after: RecordId = optional("The later round (left out: the text now)", alias="to")


class ProvisionOut(BaseModel):
    """A provision as it stands (or stood after a round). `key` never changes."""

    model_config = ConfigDict(from_attributes=True)

    provision_id: int
    key: str
    kind: ProvisionKind
    number: str
    position: int
    title: str
    texts: dict[str, str]
    bracket_count: int
    status: ProvisionStatus
    status_round_id: int | None
    status_reached_on: date | None = Field(
        None,
        description="The day the status was reached, if known (a status reached between "
        "rounds with none planned carries no round, only this day)",
    )


class TextOut(BaseModel):
    track_id: int
    round_id: int | None = Field(description="The round shown; null: the text now")
    brackets_remaining: int = Field(
        description="Bracketed passages remaining in the text (a deleted provision's are not)"
    )
    provisions: list[ProvisionOut]


def _in_body_terms(error: ServiceError) -> ServiceError:
    """The refusal on the field the body has: a language version's text, which the web
    form calls "text_ru", is `texts.ru` in the body (fc17c #4)."""
    if error.field and error.field.startswith("text_"):
        error.field = "texts." + error.field.removeprefix("text_")
    return error


def text_out(track: NegotiationTrack, round_: Milestone | None) -> TextOut:
    """The text now (`round_` None) or after a round, as the API gives it."""
    states = text_rounds.text_at(track, round_)
    return TextOut(
        track_id=track.id,
        round_id=round_.id if round_ else None,
        brackets_remaining=brackets_remaining((s.status, s.bracket_count) for s in states),
        provisions=[ProvisionOut.model_validate(s) for s in states],
    )


class Piece(BaseModel):
    change: Change
    text: str


class ComparedOut(BaseModel):
    provision_id: int
    key: str
    before: ProvisionOut | None
    after: ProvisionOut | None
    text_changed: bool
    status_changed: bool
    brackets_changed: bool = Field(
        description="Its bracketed passages differ in some language: their number, their "
        "words, or the Party proposing them (a bracket settled and another opened is a change)"
    )
    renumbered: bool = Field(description="Its kind or number changed (its key did not)")
    open_since_round_id: int | None
    redline: dict[str, list[Piece]] = Field(description="Per language: the word-level redline")


class ComparisonOut(BaseModel):
    track_id: int
    from_round_id: int | None
    to_round_id: int | None
    provisions: list[ComparedOut]


def _out(state: ProvisionState | None) -> ProvisionOut | None:
    return ProvisionOut.model_validate(state) if state else None


def _etag(provision: Provision) -> str:
    return f'"provision-{provision.id}-v{provision.version}"'


def _text_etag(track: NegotiationTrack) -> str:
    """The text's ETag: changes whenever any provision is added, changed or moved (each
    change moves that provision's version on)."""
    return f'"text-{track.id}-{provision_service.text_fingerprint(track)}"'


def _check_if_match(
    header: IfMatch, current: str, stale: Callable[[], ApiProblem] | None = None
) -> None:
    """428 without a usable If-Match, 412 when it is not the current ETag (`stale`: makes
    the 412 to answer, with the record as it now stands)."""
    sent = header.if_match.strip()
    if not sent or sent == "*":
        raise ApiProblem(
            428,
            "Precondition Required",
            "Send If-Match with the ETag you read, so a change made meanwhile is not overwritten.",
        )
    if sent != current:
        if stale is not None:
            raise stale()
        raise ApiProblem(
            412,
            "Precondition Failed",
            "The record changed since you read it: read it again, then retry.",
            code="stale_etag",
        )


def _provision_now(track_id: int, provision_id: int) -> tuple[dict[str, Any], str]:
    """The provision as it stands (JSON) and its ETag."""
    found = provision_service.get_provision(api_user(), track_id, provision_id)
    [state] = [s for s in text_rounds.text_at(found.track, None) if s.provision_id == found.id]
    return ProvisionOut.model_validate(state).model_dump(mode="json"), _etag(found)


def _provision_answer(track_id: int, provision_id: int) -> Response:
    body, etag = _provision_now(track_id, provision_id)
    response = jsonify(body)
    response.headers["ETag"] = etag
    return response


def _stale_provision(track_id: int, provision_id: int) -> ApiProblem:
    """412 for a change made on a provision read before someone else's change: with the
    provision as it now stands and its ETag, so the client can retry on top of it."""
    current, etag = _provision_now(track_id, provision_id)
    return ApiProblem(
        412,
        "Precondition Failed",
        "The provision changed since you read it: it is given as it now stands, with its "
        "ETag; make your change on top of it and retry.",
        code="stale_etag",
        current=current,
        headers={"ETag": etag},
    )


def _text_now(track_id: int) -> tuple[dict[str, Any], str]:
    """The text as it stands (JSON, as GET .../text answers) and its ETag."""
    track = gate.get_track(api_user(), track_id)
    return text_out(track, None).model_dump(mode="json"), _text_etag(track)


def _stale_text(track_id: int) -> ApiProblem:
    """412 for a reordering of a text read before someone else's change: with the text as
    it now stands (its order, numbers and keys) and its ETag, as _stale_provision answers
    for a provision, so the client can redo its order on top of it and retry."""
    current, etag = _text_now(track_id)
    return ApiProblem(
        412,
        "Precondition Failed",
        "The text changed since you read it: it is given as it now stands, with its ETag; "
        "make your order on top of it and retry.",
        code="stale_etag",
        current=current,
        headers={"ETag": etag},
    )


def _round(track: NegotiationTrack, round_id: int | None) -> Milestone | None:
    """The round asked for (None: now): a round of the track whose text is frozen; 404
    for another round, saying so for one not yet held."""
    round_ = position_service.get_round(track, round_id) if round_id else None
    try:
        return text_rounds.held(round_)
    except text_rounds.RoundNotHeld as error:
        raise ApiProblem(404, "Not Found", str(error.message), code="round_not_held") from None


@api.get(
    "/tracks/<track_id>/text",
    tags=[TEXTS],
    summary="The negotiating text now, or as it stood after a round",
    responses={200: TextOut, **ERRORS.item},
)
def text(path: TextTrackPath, query: TextQuery) -> Response:
    track = gate.get_track(api_user(), path.track_id)
    round_ = _round(track, query.round)
    response = jsonify(text_out(track, round_).model_dump(mode="json"))
    if round_ is None:  # the ETag to send with a reordering
        response.headers["ETag"] = _text_etag(track)
    return response


@api.post(
    "/tracks/<track_id>/text",
    tags=[TEXTS],
    summary="Add a provision at the end of the text (officers)",
    responses={201: ProvisionOut, **ERRORS.create},
)
@needs(Role.OFFICER)
def create_provision(path: TextTrackPath, body: ProvisionInput) -> tuple[Response, int, dict]:
    track = gate.get_track(api_user(), path.track_id)
    try:
        created = provision_service.create_provision(track, body.model_dump(), actor=api_user())
        transaction.commit()
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(_in_body_terms(error)) from None
    location = url_for(".provision", track_id=track.id, provision_id=created.id)
    return _provision_answer(track.id, created.id), 201, {"Location": location}


@api.put(
    "/tracks/<track_id>/text/order",
    tags=[TEXTS],
    summary=(
        "Reorder and renumber the text (officers): every provision once, first to last; "
        "If-Match: the ETag of the text read"
    ),
    responses={200: TextOut, **ERRORS.write},
)
@needs(Role.OFFICER)
def reorder(path: TextTrackPath, header: IfMatch, body: TextOrder) -> Response:
    track = gate.get_track(api_user(), path.track_id)
    _check_if_match(header, _text_etag(track), lambda: _stale_text(path.track_id))
    try:
        provision_service.reorder_provisions(track, body, actor=api_user())
        transaction.commit()
    except ConflictError:
        # changed by another client between the If-Match check and the write
        transaction.roll_back()
        raise _stale_text(path.track_id) from None
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(_in_body_terms(error)) from None
    answer, etag = _text_now(path.track_id)
    response = jsonify(answer)
    response.headers["ETag"] = etag
    return response


@api.patch(
    "/tracks/<track_id>/text/<provision_id>",
    tags=[TEXTS],
    summary="Change a provision (officers); If-Match: the ETag of the provision read",
    responses={200: ProvisionOut, **ERRORS.write},
)
@needs(Role.OFFICER)
def update_provision(path: ProvisionPath, header: IfMatch, body: ProvisionChanges) -> Any:
    provision = provision_service.get_provision(api_user(), path.track_id, path.provision_id)
    _check_if_match(
        header,
        _etag(provision),
        lambda: _stale_provision(path.track_id, path.provision_id),
    )
    try:
        changes = body.given()
        if "texts" in changes:  # merged into the texts there are (RFC 7396)
            changes["texts"] = merge_texts(provision.texts or {}, changes["texts"] or {})
        provision_service.update_provision(
            provision, changes, actor=api_user(), expected_version=provision.version
        )
        transaction.commit()
    except ConflictError:
        # changed by another client between the If-Match check and the write
        transaction.roll_back()
        raise _stale_provision(path.track_id, path.provision_id) from None
    except ServiceError as error:
        transaction.roll_back()
        raise service_problem(_in_body_terms(error)) from None
    return _provision_answer(path.track_id, path.provision_id)


@api.get(
    "/tracks/<track_id>/text/<provision_id>",
    tags=[TEXTS],
    summary="One provision as it stands, with its ETag",
    responses={200: ProvisionOut, **ERRORS.item},
)
def provision(path: ProvisionPath) -> Response:
    return _provision_answer(path.track_id, path.provision_id)


@api.get(
    "/tracks/<track_id>/text/compare",
    tags=[TEXTS],
    summary="Two states of the text compared: redline, changes, open since which round",
    responses={200: ComparisonOut, **ERRORS.item},
)
def compare(path: TextTrackPath, query: CompareQuery) -> Response:
    track = gate.get_track(api_user(), path.track_id)
    before, after = _round(track, query.before), _round(track, query.after)
    comparison = text_rounds.compare(track, before, after)
    body = ComparisonOut(
        track_id=track.id,
        from_round_id=before.id if before else None,
        to_round_id=after.id if after else None,
        provisions=[
            ComparedOut(
                provision_id=p.current.provision_id,
                key=p.current.key,
                before=_out(p.before),
                after=_out(p.after),
                text_changed=p.text_changed,
                status_changed=p.status_changed,
                brackets_changed=p.brackets_changed,
                renumbered=p.renumbered,
                open_since_round_id=p.open_since.id if p.open_since else None,
                redline={
                    r.language: [Piece(change=x.change, text=x.text) for x in r.pieces]
                    for r in p.redlines
                },
            )
            for p in comparison.provisions
        ],
    )
    return jsonify(body.model_dump(mode="json"))
