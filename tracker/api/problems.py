"""Errors as RFC 9457 problem details (application/problem+json), validation errors included.

flask-openapi3 validates each request against the operation's models before the view runs
and hands pydantic's errors to `validation_problem` (the app's validation_error_callback):
a body that does not fit its schema is a 422 naming each field, with the same sentences as
the web forms (tracker.schemas.refusals_of); a bad query parameter stays a 400 as it always
was; an id no record can have is a 404 like any missing record; a write without If-Match is
a 428.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from flask import Response, json
from pydantic import BaseModel, Field, ValidationError

from tracker.schemas import refusals_of

PROBLEM_MIMETYPE = "application/problem+json"


class FieldError(BaseModel):
    """One field's refusal."""

    name: str = Field(description="The field or parameter (dotted when nested); (body) for all")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(description="Always about:blank: the status says what happened")
    title: str
    status: int
    detail: str = Field("", description="What went wrong and what to do (left out when empty)")
    code: str = Field("", description="stale_etag, illegal_move or conflict, where one applies")
    errors: list[FieldError] = Field(
        default_factory=list, description="Each field refused, with the reason"
    )
    current: dict[str, Any] | None = Field(
        None,
        description=(
            "With a stale If-Match (412) where given: the record as it now stands (its ETag "
            "in the ETag header), to retry on top of it"
        ),
    )


class ApiProblem(Exception):
    """Raised anywhere in the API to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        errors: list[dict[str, str]] | None = None,
        code: str | None = None,
        current: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors or []
        self.code = code
        self.current = current
        self.headers = headers or {}


def problem_response(
    status: int,
    title: str,
    detail: str = "",
    *,
    errors: list[dict[str, str]] | None = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
    current: dict[str, Any] | None = None,
) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if code:
        body["code"] = code
    if errors:
        body["errors"] = errors
    if current is not None:
        body["current"] = current
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_problem(problem: ApiProblem) -> Response:
    headers = dict(problem.headers)
    if problem.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return problem_response(
        problem.status,
        problem.title,
        problem.detail,
        errors=problem.errors,
        code=problem.code,
        headers=headers,
        current=problem.current,
    )


# --- validation -----------------------------------------------------------------------------

IF_MATCH_REQUIRED = ApiProblem(
    428,
    "Precondition Required",
    "Send If-Match with the ETag you read, so a change made meanwhile is not overwritten.",
)


class RequestPart(BaseModel):
    """A model of one part of a request other than the body (its query, path or headers).

    Each subclass is known by name, so that a validation error (which carries only the
    model's name) is answered as its part of the request calls for."""

    part: ClassVar[str] = ""
    by_name: ClassVar[dict[str, type[RequestPart]]] = {}
    #: the record a path names, for "No such ..." (path models)
    noun: ClassVar[str] = "record"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        RequestPart.by_name[cls.__name__] = cls


#: the request bodies, by name (set by the views: the schemas of tracker.schemas they take)
BODIES: dict[str, type[BaseModel]] = {}
#: by body name, the refusals of the record the request's body gives beyond its schema
#: (rules across fields, the record's own checks), for the fields that parsed: told with
#: the schema's in one 422 (h16b #2; tracker.api.act_bodies)
BODY_CHECKS: dict[str, Callable[[], list[dict[str, str]]]] = {}


def field_errors(model: type[BaseModel], error: ValidationError) -> list[dict[str, str]]:
    """pydantic's errors as {name, message}: our sentences, as the web forms say them."""
    return [
        {"name": refusal.field or "(body)", "message": str(refusal.message)}
        for refusal in refusals_of(model, error)
    ]


def validation_problem(error: ValidationError) -> Response:
    """The app's validation_error_callback: a request part that does not fit its model."""
    part = RequestPart.by_name.get(error.title)
    if part is None:
        model = BODIES.get(error.title, BaseModel)
        errors = field_errors(model, error)
        check = BODY_CHECKS.get(error.title)
        if check is not None:  # each field told once: the schema's refusal first
            told = {e["name"].split(".", 1)[0] for e in errors}
            errors += [e for e in check() if e["name"] not in told]
        return from_problem(
            ApiProblem(
                422,
                "Unprocessable Content",
                "The body is not valid: `errors` names each field.",
                errors=errors,
            )
        )
    if part.part == "header":
        return from_problem(IF_MATCH_REQUIRED)
    if part.part == "path":
        # An id no record can have (0, say) is answered as a missing record.
        return from_problem(
            ApiProblem(404, "Not Found", f"No such {part.noun}, or not one you may see.")
        )
    return from_problem(
        ApiProblem(
            400,
            "Bad Request",
            "A query parameter is not valid: `errors` names each one.",
            errors=field_errors(part, error),
        )
    )
