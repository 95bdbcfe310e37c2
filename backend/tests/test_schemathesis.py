"""Property-based contract tests: generated requests to every operation never get a server
error, and every response matches the spec (status, content type, body, headers)."""

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis import checks
from sqlmodel import Session

from tests.factories import Person, make_application

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


@pytest.fixture
def api_schema(app: FastAPI, db: Session, alice: Person) -> schemathesis.BaseSchema:
    make_application(db, alice.user, applied_on="2026-03-02")  # id 1 exists for path params
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_spec(case: schemathesis.Case, alice: Person) -> None:
    case.call_and_validate(headers=alice.headers, checks=CHECKS)
