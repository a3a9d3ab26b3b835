"""The JSON API's routes. Thin like the web views: they parse, authorise, call the same
services (and so the same workflow, refusals and audit), and serialise.

Authentication is a personal bearer token only; a browser's session cookie is ignored
here, so CSRF protection (which the API is exempt from) is not needed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from flask import Blueprint, Response, g, jsonify, request, url_for
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from tracker import clock
from tracker.api import serializers
from tracker.api.problems import ApiProblem, from_problem
from tracker.api.spec import MAX_PER_PAGE, SCHEMAS, build_spec
from tracker.domain.workflow import IllegalMove, TrackStatus
from tracker.extensions import db
from tracker.models import (
    Agreement,
    AgreementArea,
    AgreementStatus,
    Body,
    DatePrecision,
    Milestone,
    MilestoneKind,
    NegotiationTrack,
    Role,
    User,
)
from tracker.services import bodies as body_service
from tracker.services import gate
from tracker.services import milestones as milestone_service
from tracker.services import tracks as track_service
from tracker.services.api_tokens import user_for_token
from tracker.services.errors import ConflictError, ServiceError
from tracker.services.overview import (
    MilestoneFilter,
    TrackFilter,
    milestone_list_query,
    track_list_query,
)
from tracker.services.visibility import may_see_track

bp = Blueprint("api", __name__, url_prefix="/api/v1")

DEFAULT_PER_PAGE = 25
_VALIDATORS = {
    name: Draft202012Validator(SCHEMAS[name], format_checker=FormatChecker())
    for name in ("MilestoneCreate", "MilestoneUpdate", "StatusMove")
}


# --- authentication, errors ---------------------------------------------------------


@bp.before_request
def authenticate() -> Response | None:
    if request.endpoint == "api.openapi":
        return None  # the description is public documentation
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    user = user_for_token(token.strip(), clock.now_utc()) if scheme.lower() == "bearer" else None
    if user is None:
        return from_problem(
            ApiProblem(401, "Unauthorized", "Send a valid API token: Authorization: Bearer acc_...")
        )
    g.api_user = user
    return None


@bp.errorhandler(gate.NotFound)
def _not_found(error: gate.NotFound) -> Response:
    return from_problem(ApiProblem(404, "Not Found", str(error)))


@bp.errorhandler(ApiProblem)
def _problem(problem: ApiProblem) -> Response:
    return from_problem(problem)


def api_user() -> User:
    return g.api_user  # type: ignore[no-any-return]


def needs(role: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not api_user().has_role(role):
                raise ApiProblem(403, "Forbidden", "Your role does not allow this.")
            return view(*args, **kwargs)

        wrapped.required_role = role  # type: ignore[attr-defined]  # read by the permission tests
        return wrapped

    return decorator


# --- parsing --------------------------------------------------------------------------


def _int_arg(name: str, *, default: int | None = None, maximum: int = 2**31 - 1) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise ApiProblem(
            400,
            "Bad Request",
            f"“{name}” must be a whole number from 1 to {maximum}.",
            errors=[{"name": name, "message": f"a whole number from 1 to {maximum}"}],
        )
    return int(raw)


def _date_arg(name: str) -> date | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        if len(raw) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise ApiProblem(
            400,
            "Bad Request",
            f"“{name}” must be a date such as 2026-01-31.",
            errors=[{"name": name, "message": "a date, YYYY-MM-DD"}],
        ) from None


def _choice_arg(name: str, choices: list[str]) -> str | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    if raw not in choices:
        raise ApiProblem(
            400,
            "Bad Request",
            f"“{name}” must be one of: {', '.join(choices)}.",
            errors=[{"name": name, "message": f"one of {', '.join(choices)}"}],
        )
    return raw


def _json_body(schema: str) -> dict[str, Any]:
    if not request.is_json:
        raise ApiProblem(415, "Unsupported Media Type", "Send the body as application/json.")
    data = request.get_json(silent=True)
    if data is None:
        raise ApiProblem(400, "Bad Request", "The body is not valid JSON.")
    errors = [
        {"name": ".".join(str(p) for p in e.absolute_path) or "(body)", "message": e.message}
        for e in sorted(_VALIDATORS[schema].iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if errors:
        raise ApiProblem(422, "Unprocessable Content", "The body is not valid.", errors=errors)
    return data  # type: ignore[no-any-return]


def _page(query: Select[Any], serialise: Callable[[Any], dict[str, Any]]) -> Response:
    page = _int_arg("page", default=1, maximum=1_000_000) or 1
    per_page = _int_arg("per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE) or 1
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique()
    return jsonify(
        {
            "items": [serialise(r) for r in rows],
            "page": page,
            "per_page": per_page,
            "total": total or 0,
        }
    )


# --- ETags ----------------------------------------------------------------------------


def etag_of(record: Milestone | NegotiationTrack) -> str:
    kind = "milestone" if isinstance(record, Milestone) else "track"
    return f'"{kind}-{record.id}-v{record.version}"'


def _with_etag(response: Response, record: Milestone | NegotiationTrack) -> Response:
    response.headers["ETag"] = etag_of(record)
    return response


def expected_version(record: Milestone | NegotiationTrack) -> int:
    """The version the client read, from If-Match; 428 without one, 412 if it is stale."""
    given = request.headers.get("If-Match")
    if not given:
        raise ApiProblem(
            428,
            "Precondition Required",
            "Send If-Match with the ETag you read, so a change made meanwhile is not overwritten.",
        )
    if given.strip() != etag_of(record):
        raise ApiProblem(
            412,
            "Precondition Failed",
            "The record changed since you read it: read it again, then retry.",
            code="stale_etag",
        )
    return record.version


def _service_problem(error: ServiceError | IllegalMove) -> ApiProblem:
    if isinstance(error, IllegalMove):
        return ApiProblem(
            409,
            "Conflict",
            error.reason,
            code="illegal_move",
            errors=[{"name": error.field, "message": error.reason}],
        )
    if isinstance(error, ConflictError):
        return ApiProblem(409, "Conflict", error.message, code="conflict")
    return ApiProblem(
        422,
        "Unprocessable Content",
        error.message,
        errors=[{"name": error.field or "(body)", "message": error.message}],
    )


# --- routes ---------------------------------------------------------------------------


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(build_spec(request.host_url.rstrip("/") + bp.url_prefix))


@bp.route("/agreements")
def agreements() -> Response:
    query = (
        select(Agreement)
        .options(selectinload(Agreement.ratifications), selectinload(Agreement.areas))
        .order_by(Agreement.id)
    )
    status = _choice_arg("status", [s.value for s in AgreementStatus])
    if status:
        query = query.where(Agreement.status == AgreementStatus(status))
    return _page(query, serializers.agreement)


@bp.route("/agreements/<int:agreement_id>")
def agreement(agreement_id: int) -> Response:
    found = db.session.get(Agreement, agreement_id)
    if found is None:
        raise ApiProblem(404, "Not Found", "No such agreement.")
    return jsonify(serializers.agreement(found))


@bp.route("/tracks")
def tracks() -> Response:
    status = _choice_arg("status", [s.value for s in TrackStatus])
    # The web's filter, so that "agreement" means framework or resulting here as there.
    flt = TrackFilter(
        status=TrackStatus(status) if status else None, agreement_id=_int_arg("agreement")
    )
    query = track_list_query(flt, api_user()).order_by(None).order_by(NegotiationTrack.id)
    return _page(query, serializers.track)


def _track(track_id: int) -> NegotiationTrack:
    # 404, not 403: a restricted track's existence is itself not for everyone.
    return gate.get_track(api_user(), track_id)


@bp.route("/tracks/<int:track_id>")
def track(track_id: int) -> Response:
    found = _track(track_id)
    return _with_etag(jsonify(serializers.track(found, history=True)), found)


@bp.route("/tracks/<int:track_id>/status", methods=["POST"])
@needs(Role.OFFICER)
def move_track(track_id: int) -> Response:
    found = _track(track_id)
    data = _json_body("StatusMove")
    expected_version(found)
    try:
        track_service.change_status(
            found,
            TrackStatus(data["to_status"]),
            effective_on=date.fromisoformat(data["effective_on"]),
            actor=api_user(),
            comment=data.get("comment", ""),
            force=bool(data.get("force", False)),
            expected_status=found.status,
        )
    except (ServiceError, IllegalMove) as error:
        db.session.rollback()
        raise _service_problem(error) from None
    moved = _track(track_id)
    return _with_etag(jsonify(serializers.track(moved, history=True)), moved)


@bp.route("/milestones")
def milestones() -> Response:
    # The web's filter object: each parameter means the same on both.
    flt = MilestoneFilter(
        state=_choice_arg("state", ["open", "overdue", "done"]) or "",
        track_id=_int_arg("track"),
        agreement_id=_int_arg("agreement"),
        body_id=_int_arg("body"),
        planned_from=_date_arg("from"),
        planned_to=_date_arg("to"),
    )
    return _page(milestone_list_query(flt, clock.today(), api_user()), serializers.milestone)


def _milestone(milestone_id: int) -> Milestone:
    return gate.get_milestone(api_user(), milestone_id)


@bp.route("/milestones/<int:milestone_id>")
def milestone(milestone_id: int) -> Response:
    found = _milestone(milestone_id)
    return _with_etag(jsonify(serializers.milestone(found)), found)


def _milestone_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The body's fields as the milestone service takes them, references checked."""
    fields = {k: v for k, v in data.items() if k in milestone_service.EDITABLE_FIELDS}
    if "kind" in fields:
        fields["kind"] = MilestoneKind(fields["kind"])
    if "planned_on" in fields:
        fields["planned_on"] = date.fromisoformat(fields["planned_on"])
    if "date_precision" in fields:
        fields["date_precision"] = DatePrecision(fields["date_precision"])
    for name, model in (
        ("track_id", NegotiationTrack),
        ("agreement_id", Agreement),
        ("body_id", Body),
        ("owner_id", User),
        ("area_id", AgreementArea),
    ):
        value = fields.get(name)
        if value is None:
            continue
        record = db.session.get(model, value)
        if record is None or (
            isinstance(record, NegotiationTrack) and not may_see_track(api_user(), record)
        ):
            raise ApiProblem(
                422,
                "Unprocessable Content",
                f"No such record for {name}.",
                errors=[{"name": name, "message": "no such record"}],
            )
    return fields


@bp.route("/milestones", methods=["POST"])
@needs(Role.OFFICER)
def create_milestone() -> tuple[Response, int, dict[str, str]]:
    data = _json_body("MilestoneCreate")
    fields = _milestone_fields(data)
    fields.setdefault("date_precision", DatePrecision.DAY)
    try:
        created = milestone_service.create_milestone(fields, actor=api_user())
    except ServiceError as error:
        db.session.rollback()
        raise _service_problem(error) from None
    response = _with_etag(jsonify(serializers.milestone(created)), created)
    return response, 201, {"Location": url_for(".milestone", milestone_id=created.id)}


@bp.route("/milestones/<int:milestone_id>", methods=["PATCH"])
@needs(Role.OFFICER)
def update_milestone(milestone_id: int) -> Response:
    found = _milestone(milestone_id)
    data = _json_body("MilestoneUpdate")
    version = expected_version(found)
    fields = _milestone_fields(data)
    # One transaction: the fields and the completion are saved together, or neither is.
    try:
        if fields:
            milestone_service.update_milestone(
                found, fields, actor=api_user(), expected_version=version, commit=False
            )
        if "done_on" in data or "outcome" in data:
            if "done_on" not in data and found.done_on is None:
                raise ServiceError(
                    "An outcome is recorded when the milestone is done: send done_on with it.",
                    field="outcome",
                )
            milestone_service.complete_milestone(
                found,
                done_on=date.fromisoformat(data["done_on"]) if "done_on" in data else found.done_on,
                outcome=data.get("outcome", found.outcome),
                actor=api_user(),
                expected_version=found.version,
                commit=False,
            )
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        raise _service_problem(error) from None
    updated = _milestone(milestone_id)
    return _with_etag(jsonify(serializers.milestone(updated)), updated)


@bp.route("/bodies")
def bodies() -> Response:
    return _page(select(Body).order_by(Body.id), serializers.body)


@bp.route("/bodies/<int:body_id>")
def body(body_id: int) -> Response:
    found = db.session.get(Body, body_id)
    if found is None:
        raise ApiProblem(404, "Not Found", "No such body.")
    meetings = body_service.meetings_of(found, api_user())
    return jsonify(serializers.body(found, meetings, body_service.projected_meeting(found)))


def api_error(status: int, title: str, detail: str) -> Response:
    """For the app's error handlers: an HTTP error under /api/ as a problem document."""
    return from_problem(ApiProblem(status, title, detail))
