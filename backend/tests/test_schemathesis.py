"""The contract: requests generated from the committed openapi.yaml, valid and invalid, sent
to the live server over HTTP, pass every schemathesis check (server errors, status codes,
content types, bodies, headers, refusing invalid data, accepting valid data, undeclared
methods and their Allow header, auth...). schemathesis.toml names the rules a schema cannot
state. `make test` runs a few examples per operation; `make contract` many more
(TOUCHBASE_CONTRACT_EXAMPLES).

The coverage phase (boundary values, and every value of every enum, such as the 600 time
zones) is deterministic, the same cases on either database, and most of the run's time: it
is schemathesis generating them. `make test` runs it on PostgreSQL, the stricter database at
the boundaries (NUL bytes, integer range, column lengths), and the examples and fuzzing
phases on both; `make contract` runs every phase on both (TOUCHBASE_CONTRACT_COVERAGE).
"""

import os

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from sqlmodel import Session, select

from app.auth.models import ApiToken
from app.config import BACKEND_DIR, REPO_DIR
from tests.conftest import LiveServer
from tests.factories import Person, make_application

SPEC = REPO_DIR / "openapi.yaml"
CONFIG = BACKEND_DIR / "schemathesis.toml"
EXAMPLES = int(os.environ.get("TOUCHBASE_CONTRACT_EXAMPLES", "8"))
COVERAGE_ON = os.environ.get("TOUCHBASE_CONTRACT_COVERAGE", "postgresql").split(",")
load_all_checks()  # the OpenAPI checks register themselves on import
ALL_CHECKS = list(CHECKS.get_all())
assert len(ALL_CHECKS) >= 14, ALL_CHECKS


@pytest.fixture
def api_schema(
    live: LiveServer, db: Session, alice: Person, database_url: str
) -> schemathesis.BaseSchema:
    make_application(db, alice.user, applied_on="2026-03-02")  # id 1 exists for path params
    config = SchemathesisConfig.from_path(CONFIG)
    database = sa.make_url(database_url).get_backend_name()
    config.projects.default.phases.coverage.enabled = database in COVERAGE_ON
    return schemathesis.openapi.from_path(SPEC, config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


def deletes_own_token(case: schemathesis.Case, person: Person, db: Session) -> bool:
    """Whether the case would revoke the token the run itself signs in with."""
    if case.operation.label != "DELETE /api/v1/tokens/{token_id}":
        return False
    own = db.exec(select(ApiToken.id).where(ApiToken.user_id == person.user.id)).all()
    db.rollback()  # hold no transaction open beside the server's
    return str((case.path_parameters or {}).get("token_id")) in {str(i) for i in own}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_keeps_its_contract(
    case: schemathesis.Case, live: LiveServer, alice: Person, db: Session
) -> None:
    if deletes_own_token(case, alice, db):
        return
    case.call_and_validate(base_url=live.url, headers=alice.headers, checks=ALL_CHECKS)
