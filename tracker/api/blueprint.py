"""The API's blueprint and what every route shares: bearer-token authentication, the role a
write needs, a body that is a JSON object, problems for refusals, pages and ETags.

Authentication is a personal bearer token only; a browser's session cookie is ignored here,
so CSRF protection (which the API is exempt from) is not needed. The checks here run before
flask-openapi3 validates the request against the route's models: an unknown token is a 401
and a viewer's write a 403 whatever else the request holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, g, jsonify, request
from flask_openapi3 import APIBlueprint

from tracker import clock
from tracker.api import outputs
from tracker.api.description import operation_id
from tracker.api.parameters import IfMatch, Paging
from tracker.api.problems import ApiProblem, from_problem
from tracker.domain.workflow import IllegalMove
from tracker.models import ActionItem, Agreement, Milestone, NegotiationTrack, Role, User
from tracker.services import gate
from tracker.services.api_tokens import user_for_token
from tracker.services.errors import ConflictError, InUse, ServiceError
from tracker.services.paging import PageRequest, Rows

api = APIBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    abp_security=[{"bearerAuth": []}],
    operation_id_callback=operation_id,
)

F = TypeVar("F", bound=Callable[..., Any])
#: the role each write needs, by endpoint (checked before the request is validated)
NEEDS: dict[str, Role] = {}


# --- authentication, roles, errors -----------------------------------------------------------


@api.before_request
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
    role = NEEDS.get(request.endpoint or "")
    if role is not None and not user.has_role(role):
        return from_problem(ApiProblem(403, "Forbidden", "Your role does not allow this."))
    if request.method in ("POST", "PATCH"):
        return _json_object_problem()
    return None


def _json_object_problem() -> Response | None:
    """A body must be a JSON object before its schema is asked about it (415, 400, 422)."""
    if not request.is_json:
        return from_problem(
            ApiProblem(415, "Unsupported Media Type", "Send the body as application/json.")
        )
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        # The json module gives up past the interpreter's recursion limit (about 1,000
        # levels) with RecursionError, not the ValueError that silent=True catches: 10,000
        # nested arrays answered 500 (issue 14, item 12).
        return from_problem(
            ApiProblem(
                400,
                "Bad Request",
                "The body is nested too deeply to read: send a flat JSON object.",
            )
        )
    if data is None and request.get_data(cache=True).strip() != b"null":
        return from_problem(ApiProblem(400, "Bad Request", "The body is not valid JSON."))
    if not isinstance(data, dict):
        return from_problem(
            ApiProblem(
                422,
                "Unprocessable Content",
                "The body is not valid: `errors` names each field.",
                errors=[{"name": "(body)", "message": "Send a JSON object."}],
            )
        )
    return None


@api.errorhandler(gate.NotFound)
def _not_found(error: gate.NotFound) -> Response:
    return from_problem(ApiProblem(404, "Not Found", str(error)))


@api.errorhandler(ApiProblem)
def _problem(problem: ApiProblem) -> Response:
    return from_problem(problem)


def api_user() -> User:
    return g.api_user  # type: ignore[no-any-return]


def needs(role: Role) -> Callable[[F], F]:
    """The role a write needs: a viewer's write is refused (403) before anything else."""

    def decorator(view: F) -> F:
        NEEDS[f"{api.name}.{view.__name__}"] = role
        view.required_role = role  # type: ignore[attr-defined]  # read by the permission tests
        return view

    return decorator


# --- pages, ETags, refusals --------------------------------------------------------------------


def page_wanted(paging: Paging) -> PageRequest:
    """The page the query string asks for (`page`, `per_page`)."""
    return PageRequest(number=paging.page, size=paging.per_page)


def page(rows: Rows, paging: Paging, output: type[outputs.Output]) -> Response:
    """A page of a list as the API answers it: its items, where it is, the total."""
    return jsonify(
        {
            "items": [output.of(row) for row in rows.items],
            "page": paging.page,
            "per_page": paging.per_page,
            "total": rows.total,
        }
    )


#: an ETag's word for each kind of record a write checks
_ETAG_KINDS: dict[type, str] = {
    Milestone: "milestone",
    NegotiationTrack: "track",
    Agreement: "agreement",
    ActionItem: "action-item",
}


def etag_of(record: Any) -> str:
    """The record's ETag: its kind, id and version ("milestone-4-v2")."""
    return f'"{_ETAG_KINDS[type(record)]}-{record.id}-v{record.version}"'


def with_etag(body: dict[str, Any], record: Any) -> Response:
    response = jsonify(body)
    response.headers["ETag"] = etag_of(record)
    return response


def expected_version(record: Any, header: IfMatch) -> int:
    """The version the client read, from If-Match; 428 without one, 412 if it is stale."""
    if not header.if_match.strip():
        raise ApiProblem(
            428,
            "Precondition Required",
            "Send If-Match with the ETag you read, so a change made meanwhile is not overwritten.",
        )
    if header.if_match.strip() == "*":
        # RFC 9110 13.1.1: "*" matches any current version, which would skip the check a
        # write here must make; it names no version, so it is answered as a missing one.
        raise ApiProblem(
            428,
            "Precondition Required",
            "If-Match: * names no version: send the ETag you read, so a change made "
            "meanwhile is not overwritten.",
        )
    if header.if_match.strip() != etag_of(record):
        raise ApiProblem(
            412,
            "Precondition Failed",
            "The record changed since you read it: read it again, then retry.",
            code="stale_etag",
        )
    return record.version


def service_problem(error: ServiceError | IllegalMove) -> ApiProblem:
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
    if isinstance(error, InUse):  # other records rest on it (h16h #3)
        return ApiProblem(409, "Conflict", error.message, code="in_use")
    refusals = getattr(error, "refusals", None) or [error]
    return ApiProblem(
        422,
        "Unprocessable Content",
        error.message,
        errors=[
            {"name": getattr(r, "field", None) or "(body)", "message": str(r.message)}
            for r in refusals
        ],
    )
