"""QueryParameters answers as FastAPI's own handling of the same declarations does."""

import inspect
from typing import Annotated, Any

import pytest
from fastapi import FastAPI, Query, Request
from fastapi.testclient import TestClient

from app.applications.router import LIST_PARAMETERS, _list_parameters
from app.errors import install_error_handlers
from app.followups.router import DUE_PARAMETERS, _due_parameters
from app.web.query import PARAMETERS_FIRST, QueryParameters

# The routes that take their query parameters in one step: (declarations, the step).
DECLARED = {"due": (_due_parameters, DUE_PARAMETERS), "list": (_list_parameters, LIST_PARAMETERS)}


def _apps(route: str) -> tuple[TestClient, TestClient]:
    """A route's declarations taken by FastAPI, and by its QueryParameters."""
    declared, parameters = DECLARED[route]

    def echo(**values: Any) -> dict[str, Any]:
        return {name: str(value) for name, value in values.items()}

    # FastAPI takes the declarations itself: the echo with their signature.
    echo.__signature__ = inspect.signature(declared).replace(  # type: ignore[attr-defined]
        return_annotation=dict[str, Any]
    )
    by_fastapi, in_one_step = FastAPI(), FastAPI()
    for app in (by_fastapi, in_one_step):
        install_error_handlers(app)
    by_fastapi.get("/q")(echo)

    @in_one_step.get("/q")
    def one_step(request: Request) -> dict[str, Any]:
        return echo(**parameters(request))

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
LIST_QUERIES = [
    "status=rejected&archived=true&q=acme&sort=company&limit=3",
    "status=nope&archived=1&sort=id",
    "archived=false&archived=true",
    "q=a%00b",
    "q=" + "x" * 201,
    "sort=-next_due_on&cursor=abc_-9&limit=100",
    "archived=&status=",
]


@pytest.mark.parametrize(
    ("route", "query"),
    [*(("due", q) for q in QUERIES), *(("list", q) for q in QUERIES + LIST_QUERIES)],
)
def test_the_same_answer_as_fastapi(route: str, query: str) -> None:
    by_fastapi, in_one_step = _apps(route)
    expected, got = by_fastapi.get(f"/q?{query}"), in_one_step.get(f"/q?{query}")
    assert (got.status_code, got.json()) == (expected.status_code, expected.json())


@pytest.mark.parametrize("route", DECLARED)
def test_documented_as_fastapi_documents_them(route: str) -> None:
    declared, parameters = DECLARED[route]
    app = FastAPI()
    app.get("/q")(declared)
    assert parameters.openapi["parameters"] == app.openapi()["paths"]["/q"]["get"]["parameters"]
    assert parameters.openapi[PARAMETERS_FIRST] is True


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
