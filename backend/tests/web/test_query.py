"""QueryParameters answers as FastAPI's own handling of the same declarations does."""

import inspect
from typing import Annotated, Any

import pytest
from fastapi import FastAPI, Query, Request
from fastapi.testclient import TestClient

from app.errors import install_error_handlers
from app.followups.router import DUE_PARAMETERS, _due_parameters
from app.web.query import PARAMETERS_FIRST, QueryParameters


def _echo(**values: Any) -> dict[str, Any]:
    return {name: str(value) for name, value in values.items()}


# FastAPI takes the due list's declarations itself: the echo with their signature.
_echo.__signature__ = inspect.signature(_due_parameters).replace(  # type: ignore[attr-defined]
    return_annotation=dict[str, Any]
)


def _apps() -> tuple[TestClient, TestClient]:
    """The due list's declarations taken by FastAPI, and by DUE_PARAMETERS."""
    by_fastapi, in_one_step = FastAPI(), FastAPI()
    for app in (by_fastapi, in_one_step):
        install_error_handlers(app)
    by_fastapi.get("/q")(_echo)

    @in_one_step.get("/q")
    def one_step(request: Request) -> dict[str, Any]:
        return _echo(**DUE_PARAMETERS(request))

    return TestClient(by_fastapi), TestClient(in_one_step)


QUERIES = [
    "",
    "limit=1",
    "limit=100&on=2026-06-15",
    "limit=0",
    "limit=101",
    "limit=1.0",
    "limit=%201",
    "limit=",
    "limit=abc&state=nope&on=2026-13-01&until=15&cursor=%2F%2F",
    "on=1800-01-01",
    "on=2026-06-15T00:00:00",
    "state=waiting&until=2026-07-01&cursor=abc_-9",
    "cursor=" + "a" * 501,
    "limit=5&limit=7",
    "unknown=1&limit=3",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_same_answer_as_fastapi(query: str) -> None:
    by_fastapi, in_one_step = _apps()
    expected, got = by_fastapi.get(f"/q?{query}"), in_one_step.get(f"/q?{query}")
    assert (got.status_code, got.json()) == (expected.status_code, expected.json())


def test_documented_as_fastapi_documents_them() -> None:
    app = FastAPI()
    app.get("/q")(_due_parameters)
    assert DUE_PARAMETERS.openapi["parameters"] == app.openapi()["paths"]["/q"]["get"]["parameters"]
    assert DUE_PARAMETERS.openapi[PARAMETERS_FIRST] is True


def test_defaults_where_absent() -> None:
    def declared(n: Annotated[int, Query(ge=1)] = 7, s: str | None = None) -> None:
        """Two parameters."""

    client = TestClient(FastAPI())
    parameters = QueryParameters(declared)

    @client.app.get("/p")  # type: ignore[attr-defined]
    def route(request: Request) -> dict[str, Any]:
        return parameters(request)

    assert client.get("/p").json() == {"n": 7, "s": None}
    assert client.get("/p?n=3&s=x").json() == {"n": 3, "s": "x"}
