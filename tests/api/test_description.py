"""The generated OpenAPI description: valid OpenAPI 3.1, and no request a client made against
the hand-kept description it replaced (docs/api/openapi-v1-before.json) breaks.

A client's request breaks if its address, a parameter or a body field it sends is gone, if a
body field takes fewer types or values, or if more is required of it; and an answer breaks it
if a field it reads is gone or a status it handles is no longer described.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
BEFORE = ROOT / "docs" / "api" / "openapi-v1-before.json"
AFTER = ROOT / "docs" / "api" / "openapi-v1.json"
METHODS = ("get", "put", "post", "delete", "patch")
JSON_TYPES = ("application/json", "application/problem+json")


@pytest.fixture(scope="module")
def before() -> dict[str, Any]:
    return json.loads(BEFORE.read_text(encoding="utf-8"))


@pytest.fixture
def live(client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


# --- reading a description ---------------------------------------------------------------------


def resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its $ref followed (to #/components/schemas/...)."""
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = {
            **spec["components"]["schemas"][name],
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
    return schema


def alternatives(schema: dict[str, Any], spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas `schema` allows one of (itself, or each of its anyOf/oneOf)."""
    schema = resolve(schema, spec)
    found = [alt for key in ("anyOf", "oneOf") for alt in schema.get(key, [])]
    if not found:
        return [schema]
    return [leaf for alt in found for leaf in alternatives(alt, spec)]


def types_of(schema: dict[str, Any], spec: dict[str, Any]) -> set[str] | None:
    """The JSON types a schema takes; None for any."""
    found: set[str] = set()
    for alt in alternatives(schema, spec):
        declared = alt.get("type")
        if declared is None and "enum" not in alt and "const" not in alt:
            return None
        if declared is None:
            values = alt.get("enum", [alt.get("const")])
            declared = ["null" if v is None else type(v).__name__ for v in values]
        found |= {declared} if isinstance(declared, str) else set(declared)
    if "number" in found:
        found.add("integer")
    return found


def enum_of(schema: dict[str, Any], spec: dict[str, Any]) -> set[Any] | None:
    """The values a schema is limited to; None if it is not an enumeration."""
    values: set[Any] = set()
    for alt in alternatives(schema, spec):
        if alt.get("type") == "null":
            values.add(None)
        elif "enum" in alt or "const" in alt:
            values |= set(alt.get("enum", [alt.get("const")]))
        else:
            return None
    return values


def property_paths(schema: dict[str, Any], spec: dict[str, Any], prefix: str = "") -> set[str]:
    """Every field of a (response) schema, nested ones dotted, array items as []."""
    paths: set[str] = set()
    if prefix.count(".") > 8:
        return paths
    for alt in alternatives(schema, spec):
        for sub in alt.get("allOf", []):
            paths |= property_paths(sub, spec, prefix)
        if "items" in alt:
            paths |= property_paths(alt["items"], spec, f"{prefix}[]")
        for name, sub in alt.get("properties", {}).items():
            paths.add(f"{prefix}.{name}")
            paths |= property_paths(sub, spec, f"{prefix}.{name}")
    return paths


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(METHOD, full path) -> operation; the path includes the server's path (/api/v1)."""
    base = urlparse(spec.get("servers", [{"url": ""}])[0]["url"]).path.rstrip("/")
    return {
        (method.upper(), base + path): item[method]
        for path, item in spec["paths"].items()
        for method in METHODS
        if method in item
    }


def body_schema(operation: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    return resolve(content["application/json"]["schema"], spec) if content else None


# --- what would break a client -----------------------------------------------------------------


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Each way a request made by the old description, or the reading of its answer, breaks."""
    found: list[str] = []
    old_ops, new_ops = operations(old), operations(new)
    for key, was in old_ops.items():
        label = " ".join(key)
        now = new_ops.get(key)
        if now is None:
            found.append(f"{label}: gone")
            continue
        found += _parameter_changes(label, was, now)
        found += _body_changes(label, was, now, old, new)
        found += _response_changes(label, was, now, old, new)
    return found


def _parameter_changes(label: str, was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    found = []
    old_params = {(p["name"], p["in"]): p for p in was.get("parameters", [])}
    new_params = {(p["name"], p["in"]): p for p in now.get("parameters", [])}
    for key in old_params.keys() - new_params.keys():
        found.append(f"{label}: parameter {key[0]} ({key[1]}) gone")
    for key, param in new_params.items():
        if param.get("required") and not old_params.get(key, {}).get("required"):
            found.append(f"{label}: parameter {key[0]} ({key[1]}) newly required")
    return found


def _body_changes(
    label: str, was: dict[str, Any], now: dict[str, Any], old: dict[str, Any], new: dict[str, Any]
) -> list[str]:
    old_body, new_body = body_schema(was, old), body_schema(now, new)
    if old_body is None:
        return (
            [f"{label}: a body is now required"]
            if now.get("requestBody", {}).get("required")
            else []
        )
    if new_body is None:
        return [f"{label}: the body is gone"]
    found = []
    new_props = new_body.get("properties", {})
    for name, schema in old_body.get("properties", {}).items():
        if name not in new_props:
            found.append(f"{label}: body field {name} gone")
            continue
        old_types, new_types = types_of(schema, old), types_of(new_props[name], new)
        if new_types is not None and (old_types is None or not old_types <= new_types):
            found.append(f"{label}: body field {name} takes {new_types}, not {old_types}")
        old_enum, new_enum = enum_of(schema, old), enum_of(new_props[name], new)
        if new_enum is not None and (old_enum is None or not old_enum <= new_enum):
            found.append(f"{label}: body field {name} takes fewer values: {old_enum - new_enum}")
    grown = set(new_body.get("required", [])) - set(old_body.get("required", []))
    if grown:
        found.append(f"{label}: body fields newly required: {sorted(grown)}")
    return found


def _response_changes(
    label: str, was: dict[str, Any], now: dict[str, Any], old: dict[str, Any], new: dict[str, Any]
) -> list[str]:
    found = []
    for status, response in was.get("responses", {}).items():
        answer = now.get("responses", {}).get(status)
        if answer is None:
            found.append(f"{label}: response {status} no longer described")
            continue
        for media in JSON_TYPES:
            if media not in response.get("content", {}):
                continue
            if media not in answer.get("content", {}):
                found.append(f"{label}: response {status} is no longer {media}")
                continue
            old_fields = property_paths(response["content"][media]["schema"], old)
            new_fields = property_paths(answer["content"][media]["schema"], new)
            for field in sorted(old_fields - new_fields):
                found.append(f"{label}: response {status} field {field} gone")
        for header in response.get("headers", {}).keys() - answer.get("headers", {}).keys():
            found.append(f"{label}: response {status} header {header} gone")
    return found


# --- the tests ---------------------------------------------------------------------------------


def test_the_description_is_generated_openapi_3_1(live) -> None:
    assert live["openapi"] == "3.1.0"
    validate(live)  # the OpenAPI 3.1 schema, and each JSON Schema in it
    assert live["info"]["title"] == "Accord Tracker API"
    assert live["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_no_request_of_the_hand_kept_description_breaks(before, live) -> None:
    assert before["openapi"] == "3.1.0"
    assert breaking_changes(before, live) == []


def test_the_comparison_sees_a_field_a_parameter_or_an_operation_dropped(before, live) -> None:
    broken = copy.deepcopy(live)
    schemas = broken["components"]["schemas"]
    del schemas["Milestone"]["properties"]["location"]
    del schemas["MilestoneInput"]["properties"]["notes"]
    schemas["StatusMove"]["required"].append("comment")
    operation = broken["paths"]["/milestones"]["get"]
    operation["parameters"] = [p for p in operation["parameters"] if p["name"] != "from"]
    del broken["paths"]["/bodies/{body_id}"]
    found = "\n".join(breaking_changes(before, broken))
    assert "GET /api/v1/milestones/{milestone_id}: response 200 field .location gone" in found
    assert "GET /api/v1/milestones: response 200 field .items[].location gone" in found
    assert "POST /api/v1/milestones: body field notes gone" in found
    assert "POST /api/v1/tracks/{track_id}/status: body fields newly required" in found
    assert "GET /api/v1/milestones: parameter from (query) gone" in found
    assert "GET /api/v1/bodies/{body_id}: gone" in found


def test_the_committed_description_is_the_generated_one(live) -> None:
    """docs/api/openapi-v1.json is what /api/v1/openapi.json serves (to the test client).

    After a change to the API, write it again and look at the diff:
    WRITE_DESCRIPTION=1 .venv/bin/python -m pytest tests/api/test_description.py"""
    if os.environ.get("WRITE_DESCRIPTION"):
        text = json.dumps(live, indent=2, sort_keys=True, ensure_ascii=False)
        AFTER.write_text(text + "\n", encoding="utf-8")
    assert json.loads(AFTER.read_text(encoding="utf-8")) == live, (
        "docs/api/openapi-v1.json is not the generated description: see this test's docstring"
    )
