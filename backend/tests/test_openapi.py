"""The contract: openapi.yaml is the app's own spec, and every route declares problem+json."""

from app.config import REPO_DIR
from app.openapi import render, spec


def test_openapi_yaml_is_up_to_date() -> None:
    committed = (REPO_DIR / "openapi.yaml").read_text()
    assert committed == render(), "openapi.yaml is stale: run `make openapi`"


def test_every_operation_has_a_readable_unique_id_and_problem_responses() -> None:
    ids = []
    for path, operations in spec()["paths"].items():
        for method, operation in operations.items():
            ids.append(operation["operationId"])
            assert operation["operationId"].isidentifier(), path
            assert operation.get("description"), f"{method} {path} has no docstring"
            for status in ("4XX", "5XX"):
                content = operation["responses"][status]["content"]
                assert list(content) == ["application/problem+json"], f"{method} {path}"
    assert len(ids) == len(set(ids))
