"""schemathesis against the live app: every operation of the OpenAPI description, with
generated requests; no server error, and every response as the description says.

Operations are driven with Hypothesis directly (schemathesis's own pytest plugin does not
support this pytest yet): one test per operation, each with its own generated cases.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import bearer
from tracker.api.spec import build_spec

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
OPERATIONS = [
    (method.upper(), path)
    for path, item in build_spec("http://x/api/v1")["paths"].items()
    for method in item
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_operation_conforms_to_the_description(
    live_server, world, officer, method, path
) -> None:
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json")
    operation = schema[path][method]
    headers = bearer(officer)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        case.call_and_validate(headers={**(case.headers or {}), **headers}, checks=CHECKS)

    run()


def test_the_description_covers_every_api_route(app) -> None:
    routes = {
        (method, rule.rule.removeprefix("/api/v1").replace("<int:", "{").replace(">", "}"))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == set(OPERATIONS)
