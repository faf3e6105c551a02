"""schemathesis against /api/v1/openapi.json on the live server, with the planned runner's
personal access token: no server error, and every answer, errors included, matches the
schema (status, content type, body).

Deterministic (derandomized, a bounded number of examples per operation) and fast.
"""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import Case
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hipstride.web.deps import SESSION_COOKIE
from tests.browser.conftest import LiveServer

PROBLEM_FIELDS = {"type", "title", "status", "detail"}


def errors_are_problem_details(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """A 4xx answer is RFC 9457 problem details (src/hipstride/web/problems.py)."""
    if not 400 <= response.status_code < 500:
        return None
    kind = response.headers.get("content-type", [""])[0]
    assert kind.startswith("application/problem+json"), (response.status_code, kind)
    body = response.json()
    assert set(body) >= PROBLEM_FIELDS and body["status"] == response.status_code, body
    return True


def answers_match_the_schema(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """A 2xx or 4xx answer has a documented status, content type and body: the problem
    responses (401, 403, 404, 409, 422) are in the schema as ``application/problem+json``."""
    if not 200 <= response.status_code < 500:
        return None
    for check in (status_code_conformance, content_type_conformance, response_schema_conformance):
        check(ctx, response, case)
    return True


CHECKS = [not_a_server_error, answers_match_the_schema, errors_are_problem_details]


@pytest.fixture(scope="module")
def api_schema(shared_server: LiveServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{shared_server.base_url}/api/v1/openapi.json")


@pytest.fixture(scope="module")
def signed_in(shared_server: LiveServer) -> requests.Session:
    """An API client holding a personal access token (no cookie), as a script would."""
    browser = requests.Session()
    response = browser.get(shared_server.sign_in_link(), allow_redirects=False, timeout=10)
    assert response.status_code == 303 and browser.cookies.get(SESSION_COOKIE)
    made = browser.post(
        f"{shared_server.base_url}/api/v1/tokens", json={"name": "schemathesis"}, timeout=10
    )
    assert made.status_code == 201, made.text
    client = requests.Session()
    client.headers["authorization"] = f"Bearer {made.json()['token']}"
    return client


def test_the_api_answers_every_generated_request_as_its_schema_says(
    api_schema: schemathesis.BaseSchema, signed_in: requests.Session
) -> None:
    """Each operation in turn, through its Hypothesis strategy (schemathesis' pytest loader
    reads a private pytest attribute that pytest 9 no longer has)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 5
    seen: set[tuple[str, int]] = set()
    for operation in operations:
        takes_input = any(True for _ in operation.iter_parameters()) or bool(operation.body)

        @given(case=operation.as_strategy())
        @settings(
            derandomize=True,
            max_examples=10 if takes_input else 1,  # nothing to vary: one request says it
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call_and_validate(session=signed_in, checks=CHECKS, timeout=10)
            seen.add((case.operation.label, response.status_code))

        check()
    succeeded = {label for label, status in seen if status < 300}
    assert len(succeeded) >= len(operations) // 2, sorted(seen)  # signed in, not 401 throughout
    assert any(400 <= status < 500 for _, status in seen), sorted(seen)  # errors were checked


def test_every_api_operation_documents_its_problem_responses(
    api_schema: schemathesis.BaseSchema,
) -> None:
    raw = api_schema.raw_schema
    problem_ref = {"$ref": "#/components/schemas/ProblemDetails"}
    assert set(raw["components"]["schemas"]["ProblemDetails"]["required"]) >= {
        "title",
        "status",
        "detail",
    }
    for path, operations in raw["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "403", "404", "409", "422"):
                content = operation["responses"][status]["content"]
                assert content == {"application/problem+json": {"schema": problem_ref}}, (
                    method,
                    path,
                    status,
                )
