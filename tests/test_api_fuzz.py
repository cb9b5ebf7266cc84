"""schemathesis over the whole API, as the public and as a city's editor: every answer is
one the OpenAPI document lists, with the media type and the body it declares, and none is
a server error.

The budget is bounded (a few generated requests per operation, valid and invalid ones,
derandomised so a run repeats the last one), so the test runs with the unit tests in CI.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.api import openapi_document

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# API_FUZZ_EXAMPLES=50 for a longer run by hand.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "4"))


def describe(operation, mode, status, failure):
    message = (failure.message or "").strip().splitlines()
    detail = f": {message[0]}" if message else ""
    return (
        f"{operation.method.upper()} {operation.path} ({mode.value}) answered {status}: "
        f"{failure.title}{detail}"
    )


def run_generated(operation, mode, app, headers):
    """Send an operation's generated requests of one mode; return its failed checks."""
    failures = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(app=app, headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except BaseExceptionGroup as group:
            failures.extend(
                describe(operation, mode, response.status_code, failure)
                for failure in group.exceptions
            )

    run()
    return failures


def failures_of(schema, headers):
    """Run every operation's generated requests; return one line per failed check."""
    app = WSGIHandler()
    return [
        failure
        for result in schema.get_all_operations()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        for failure in run_generated(result.ok(), mode, app, headers)
    ]


@pytest.fixture
def api_schema(db):
    schema = schemathesis.openapi.from_dict(openapi_document())
    # As Django's test client does: the test's database connection stays open between
    # requests (it holds the test's transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schema
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.fuzz
def test_generated_requests_get_only_documented_answers(api_schema, gwangju_editor, api_token):
    anonymous = failures_of(api_schema, headers={})
    editor = failures_of(
        api_schema, headers={"Authorization": f"Bearer {api_token(gwangju_editor)}"}
    )

    assert not anonymous + editor, "\n".join(
        sorted(
            {*(f"anonymous: {line}" for line in anonymous), *(f"editor: {line}" for line in editor)}
        )
    )
