"""The API's OpenAPI 3.1 description, kept beside the code it describes.

The request schemas here are also what the views validate JSON bodies against (with
jsonschema), so the description cannot drift from what the API accepts; and the test suite
runs schemathesis against the live app, so it cannot drift from what the API returns.
"""

from __future__ import annotations

from typing import Any

from tracker.domain.workflow import ALL_STATUSES
from tracker.models import AgreementStatus, DatePrecision, MilestoneKind

API_VERSION = "1.0.0"
MAX_PER_PAGE = 100
#: no control characters in text (tab and line breaks are fine): PostgreSQL cannot store NUL
PLAIN_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}


def _text(max_length: int, *, min_length: int = 0) -> dict[str, Any]:
    return {
        "type": "string",
        "minLength": min_length,
        "maxLength": max_length,
        "pattern": PLAIN_TEXT,
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


DATE = {"type": "string", "format": "date"}
DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
ID_OR_NULL = {"type": ["integer", "null"], "minimum": 1, "maximum": 2**31 - 1}
STATUS_VALUES = [s.value for s in ALL_STATUSES]
KIND_VALUES = [k.value for k in MilestoneKind]

MILESTONE_FIELDS: dict[str, Any] = {
    "title": _text(300, min_length=1),
    "kind": {"type": "string", "enum": KIND_VALUES},
    "track_id": ID_OR_NULL,
    "agreement_id": ID_OR_NULL,
    "body_id": ID_OR_NULL,
    "area_id": ID_OR_NULL,
    "number": {"type": ["integer", "null"], "minimum": 1, "maximum": 10000},
    "planned_on": DATE,
    "date_precision": {"type": "string", "enum": [p.value for p in DatePrecision]},
    "location": _text(200),
    "owner_id": ID_OR_NULL,
    "notes": _text(5000),
}

SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details.",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "code": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "message"],
                    "properties": {"name": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
    },
    "Agreement": {
        "type": "object",
        "required": ["id", "title", "status", "parties", "ratified", "areas", "version"],
        "properties": {
            "id": ID,
            "title": {"type": "string"},
            "short_title": {"type": "string"},
            "kind": {"type": "string", "enum": ["bilateral", "multilateral"]},
            "status": {"type": "string", "enum": [s.value for s in AgreementStatus]},
            "signed_on": DATE_OR_NULL,
            "signed_at": {"type": "string"},
            "provisionally_applied_on": DATE_OR_NULL,
            "in_force_on": DATE_OR_NULL,
            "summary": {"type": "string"},
            "reference_url": {"type": "string"},
            "owner_id": ID_OR_NULL,
            "parties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["party"],
                    "properties": {
                        "party": {"type": "string"},
                        "signed_on": DATE_OR_NULL,
                        "notified_on": DATE_OR_NULL,
                        "deposited_on": DATE_OR_NULL,
                        "provisionally_applied_on": DATE_OR_NULL,
                        "expected_by": DATE_OR_NULL,
                    },
                },
            },
            "ratified": {"type": "integer", "minimum": 0},
            "areas": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": ID,
                        "name": {"type": "string"},
                        "owner_id": ID_OR_NULL,
                        "note": {"type": "string"},
                    },
                },
            },
            "version": {"type": "integer"},
        },
    },
    "StatusChange": {
        "type": "object",
        "required": ["to_status", "effective_on", "forced"],
        "properties": {
            "from_status": {"type": ["string", "null"], "enum": [*STATUS_VALUES, None]},
            "to_status": {"type": "string", "enum": STATUS_VALUES},
            "effective_on": DATE,
            "recorded_at": {"type": ["string", "null"], "format": "date-time"},
            "officer_id": ID_OR_NULL,
            "comment": {"type": "string"},
            "forced": {"type": "boolean"},
        },
    },
    "Track": {
        "type": "object",
        "required": ["id", "name", "status", "status_since", "classification", "version"],
        "properties": {
            "id": ID,
            "name": {"type": "string"},
            "description": {"type": "string"},
            "status": {"type": "string", "enum": STATUS_VALUES},
            "status_since": DATE,
            "framework_agreement_id": ID_OR_NULL,
            "resulting_agreement_id": ID_OR_NULL,
            "lead_officer_id": ID_OR_NULL,
            "next_step": {"type": "string"},
            "target_date": DATE_OR_NULL,
            "classification": {"type": "string", "enum": ["public", "restricted"]},
            "version": {"type": "integer"},
            "status_history": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/StatusChange"},
            },
        },
    },
    "Milestone": {
        "type": "object",
        "required": ["id", "title", "kind", "planned_on", "date_precision", "version"],
        "properties": {
            **{
                name: {k: v for k, v in s.items() if k != "pattern"}
                for name, s in MILESTONE_FIELDS.items()
            },
            "id": ID,
            "title": {"type": "string"},
            "done_on": DATE_OR_NULL,
            "outcome": {"type": "string"},
            "version": {"type": "integer"},
        },
    },
    "MilestoneCreate": {
        "type": "object",
        "required": ["title", "kind", "planned_on"],
        "properties": MILESTONE_FIELDS,
        "additionalProperties": False,
    },
    "MilestoneUpdate": {
        "type": "object",
        "description": "Only the fields given change, all or none. `done_on` marks the "
        "milestone done (not in the future), with an optional `outcome`; `outcome` alone "
        "changes the outcome of a milestone already done.",
        "minProperties": 1,
        "properties": {**MILESTONE_FIELDS, "done_on": DATE, "outcome": _text(5000)},
        "additionalProperties": False,
    },
    "StatusMove": {
        "type": "object",
        "required": ["to_status", "effective_on"],
        "properties": {
            "to_status": {"type": "string", "enum": STATUS_VALUES},
            "effective_on": DATE,
            "comment": _text(2000),
            "force": {"type": "boolean"},
        },
        "additionalProperties": False,
    },
    "Meeting": {
        "type": "object",
        "required": ["number", "expected_on"],
        "properties": {"number": {"type": "integer"}, "expected_on": DATE},
    },
    "Body": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": ID,
            "name": {"type": "string"},
            "short_name": {"type": "string"},
            "agreement_id": ID_OR_NULL,
            "cadence_months": {"type": ["integer", "null"]},
            "owner_id": ID_OR_NULL,
            "meetings": {"type": "array", "items": {"$ref": "#/components/schemas/Milestone"}},
            "projected_next_meeting": _nullable({"$ref": "#/components/schemas/Meeting"}),
        },
    },
}


def _page_of(name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "page", "per_page", "total"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "total": {"type": "integer", "minimum": 0},
        },
    }


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


ETAG_HEADER = {
    "ETag": {"description": "The record's version, for If-Match", "schema": {"type": "string"}}
}


def _ok(schema: dict[str, Any], description: str, *, etag: bool = False, status: str = "200"):
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }
    if etag:
        response["headers"] = dict(ETAG_HEADER)
    return {status: response}


READ_ERRORS = {
    "400": _problem("A query parameter is not valid"),
    "401": _problem("No valid API token"),
}
WRITE_ERRORS = {
    **READ_ERRORS,
    "403": _problem("Your role does not allow this"),
    "404": _problem("No such record, or not one you may see"),
    "409": _problem("The workflow refuses the move, or the record changed meanwhile"),
    "412": _problem("If-Match does not match the record's current ETag"),
    "415": _problem("The body is not JSON"),
    "422": _problem("The body is not valid; `errors` lists each field"),
    "428": _problem("If-Match is required"),
}


def _param(name: str, schema: dict[str, Any], description: str, where: str = "query"):
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema,
    }


PAGING = [
    _param("page", {"type": "integer", "minimum": 1, "maximum": 1_000_000}, "Page, from 1"),
    _param(
        "per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, "Items per page"
    ),
]
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": "The ETag you read; the update is refused (412) if the record changed since.",
    "schema": {"type": "string"},
}


def _list(name: str, summary: str, params: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": [*PAGING, *params],
            "responses": {**_ok(_page_of(name), summary), **READ_ERRORS},
        }
    }


def _item(name: str, summary: str, argument: str, *, etag: bool = False) -> dict[str, Any]:
    return {
        "summary": summary,
        "parameters": [_param(argument, ID, "The record's id", "path")],
        "responses": {
            **_ok({"$ref": f"#/components/schemas/{name}"}, summary, etag=etag),
            **READ_ERRORS,
            "404": _problem("No such record, or not one you may see"),
        },
    }


def _json_body(name: str) -> dict[str, Any]:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def build_spec(server_url: str) -> dict[str, Any]:
    milestone = {"$ref": "#/components/schemas/Milestone"}
    track = {"$ref": "#/components/schemas/Track"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Accord Tracker API",
            "version": API_VERSION,
            "description": "Agreements, negotiation tracks, milestones and bodies. "
            "Authenticate with a personal token from /me/tokens: "
            "`Authorization: Bearer acc_...`. Errors are RFC 9457 problem details.",
        },
        "servers": [{"url": server_url}],
        "security": [{"bearerAuth": []}],
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
        },
        "paths": {
            "/agreements": _list(
                "Agreement",
                "Agreements",
                [
                    _param(
                        "status",
                        {"type": "string", "enum": [s.value for s in AgreementStatus]},
                        "Only agreements in this status",
                    )
                ],
            ),
            "/agreements/{agreement_id}": {
                "get": _item("Agreement", "One agreement", "agreement_id")
            },
            "/tracks": _list(
                "Track",
                "Negotiation tracks you may see",
                [
                    _param("status", {"type": "string", "enum": STATUS_VALUES}, "Only this status"),
                    _param(
                        "agreement",
                        ID,
                        "Only tracks under this framework agreement or resulting in it",
                    ),
                ],
            ),
            "/tracks/{track_id}": {
                "get": _item("Track", "One track, with its status history", "track_id", etag=True)
            },
            "/tracks/{track_id}/status": {
                "post": {
                    "summary": "Move the track's status through the workflow",
                    "parameters": [_param("track_id", ID, "The track's id", "path"), IF_MATCH],
                    "requestBody": _json_body("StatusMove"),
                    "responses": {
                        **_ok(track, "The track after the move", etag=True),
                        **WRITE_ERRORS,
                    },
                }
            },
            "/milestones": {
                **_list(
                    "Milestone",
                    "Milestones you may see, latest planned first",
                    [
                        _param(
                            "state",
                            {"type": "string", "enum": ["open", "overdue", "done"]},
                            "Only open, overdue or done milestones",
                        ),
                        _param("track", ID, "Only this track's"),
                        _param("agreement", ID, "Only this agreement's"),
                        _param("body", ID, "Only this body's"),
                        _param("from", DATE, "Planned on or after this date"),
                        _param("to", DATE, "Planned on or before this date"),
                    ],
                ),
                "post": {
                    "summary": "Add a milestone (officers)",
                    "requestBody": _json_body("MilestoneCreate"),
                    "responses": {
                        **_ok(milestone, "The new milestone", etag=True, status="201"),
                        **{k: v for k, v in WRITE_ERRORS.items() if k not in ("412", "428")},
                    },
                },
            },
            "/milestones/{milestone_id}": {
                "get": _item("Milestone", "One milestone", "milestone_id", etag=True),
                "patch": {
                    "summary": "Change a milestone, or mark it done (officers)",
                    "parameters": [
                        _param("milestone_id", ID, "The milestone's id", "path"),
                        IF_MATCH,
                    ],
                    "requestBody": _json_body("MilestoneUpdate"),
                    "responses": {**_ok(milestone, "The milestone", etag=True), **WRITE_ERRORS},
                },
            },
            "/bodies": _list("Body", "Bodies (councils, committees)", []),
            "/bodies/{body_id}": {
                "get": _item(
                    "Body", "One body, with its meetings and the next one projected", "body_id"
                )
            },
        },
    }
