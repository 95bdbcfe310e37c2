"""One error shape: RFC 9457 problem details (application/problem+json), for every error."""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.web.security import SECURITY_HEADERS

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://touchbase.dev/problems/"
log = logging.getLogger("touchbase")


class FieldProblem(BaseModel):
    """One problem with one field of the request."""

    loc: list[str | int]
    field: str
    message: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem: what went wrong, in words and as a stable type URI."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = None


class AppError(Exception):
    """Base of every error the API raises on purpose; each class carries its status."""

    status = 500
    slug = "internal-error"
    title = "Internal server error"

    def __init__(
        self,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.slug = slug or self.slug
        self.title = title or self.title
        self.headers = headers
        self.extra = extra or {}


class BadRequest(AppError):
    status, slug, title = 400, "bad-request", "Bad request"


class Unauthorized(AppError):
    status, slug, title = 401, "unauthorized", "Not signed in"


class Forbidden(AppError):
    status, slug, title = 403, "forbidden", "Forbidden"


class NotFound(AppError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(AppError):
    status, slug, title = 409, "conflict", "Conflict"


class PreconditionFailed(AppError):
    status, slug, title = 412, "precondition-failed", "Precondition failed"


class Unprocessable(AppError):
    status, slug, title = 422, "unprocessable", "Unprocessable request"


def field_error(field: str, message: str, detail: str, slug: str) -> Unprocessable:
    """A 422 about one body field, named in `errors` as validation errors name theirs."""
    problem = {"loc": ["body", field], "field": field, "message": message, "type": "value_error"}
    return Unprocessable(detail, slug=slug, extra={"errors": [problem]})


class TooManyRequests(AppError):
    status, slug, title = 429, "too-many-requests", "Too many requests"


def problem_response(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """Render one problem as application/problem+json."""
    body = {"type": TYPE_BASE + slug, "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_name(loc: tuple[str | int, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or (str(loc[0]) if loc else "")


def validation_problems(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors as the `errors` member: each names its field."""
    out = []
    for e in errors:
        loc = tuple(e.get("loc", ()))
        out.append(
            {
                "loc": list(loc),
                "field": _field_name(loc),
                "message": str(e.get("msg", "invalid")),
                "type": str(e.get("type", "value_error")),
            }
        )
    return out


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(
        exc.status, exc.slug, exc.title, exc.detail, headers=exc.headers, **exc.extra
    )


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = validation_problems(list(exc.errors()))
    fields = ", ".join(sorted({e["field"] for e in errors if e["field"]}))
    detail = f"The request has invalid fields: {fields}." if fields else "The request is invalid."
    return problem_response(422, "validation-error", "Invalid request", detail, errors=errors)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else phrase
    if status == 404 and detail == "Not Found":
        detail = "There is nothing at this address."
    elif status == 405:
        detail = "This address does not accept that method."
    slug = phrase.lower().replace(" ", "-")
    return problem_response(status, slug, phrase, detail, headers=getattr(exc, "headers", None))


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    # Sent by the outermost middleware, past SecurityHeaders: it carries them itself.
    return problem_response(
        500,
        "internal-error",
        "Internal server error",
        "Something went wrong on our side.",
        headers=SECURITY_HEADERS,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the one handler per error family."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
