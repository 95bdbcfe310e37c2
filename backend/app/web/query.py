"""A hot route's query parameters, validated in one step by one pydantic adapter.

FastAPI checks each declared query parameter on its own, with its annotation inspected anew
on every request (whether it is a sequence, a model, which alias it came by): the due list's
five cost about 80 µs a request, its page of 50 rows about 370. QueryParameters validates the
same declarations at once (a TypedDict of them: about 5 µs) and raises the
RequestValidationError FastAPI would (the same errors, `loc` ("query", name) included), and
documents them in the OpenAPI operation exactly as FastAPI does (tests/test_openapi.py).
"""

import inspect
from collections.abc import Callable
from typing import Any, get_type_hints

from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError
from starlette.requests import Request
from typing_extensions import TypedDict

# Marks the operations whose parameters main's OpenAPI puts back where FastAPI writes them.
PARAMETERS_FIRST = "x-parameters-first"


class QueryParameters:
    """The query parameters `declared` takes (a function with FastAPI's Query annotations and
    defaults, never called): `openapi` for the route's openapi_extra, a call for the values."""

    def __init__(self, declared: Callable[..., Any]) -> None:
        hints = get_type_hints(declared, include_extras=True)
        hints.pop("return", None)
        signature = inspect.signature(declared)
        self.defaults = {name: p.default for name, p in signature.parameters.items()}
        # Ignored on the next lines: a TypedDict built from the declarations, unknown to mypy
        fields: Any = TypedDict(f"{declared.__name__}_query", hints, total=False)  # type: ignore[misc]
        self.adapter: TypeAdapter[Any] = TypeAdapter(fields)
        # What FastAPI writes for these declarations, from a route of their own.
        route = APIRoute("/", declared, methods=["GET"])
        spec = get_openapi(title="query", version="0", routes=[route])
        parameters = spec["paths"]["/"]["get"]["parameters"]
        self.openapi = {"parameters": parameters, PARAMETERS_FIRST: True}

    def __call__(self, request: Request) -> dict[str, Any]:
        """The parameters' values (their defaults where absent), or FastAPI's 422."""
        query = request.query_params
        given = {name: query[name] for name in self.defaults if name in query}
        try:
            return {**self.defaults, **self.adapter.validate_python(given)}
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            raise RequestValidationError(
                [{**e, "loc": ("query", *e["loc"])} for e in errors]
            ) from None
