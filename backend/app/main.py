"""The application factory: API routers, error handlers, limits and the static frontend."""

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from app.applications.router import router as applications_router
from app.auth.router import router as auth_router
from app.auth.service import PASSWORD_CHECKS_AT_ONCE
from app.calendar.router import router as calendar_router
from app.config import Settings, get_settings
from app.data.backup import server_lock
from app.data.models import MAX_IMPORT_BYTES, MULTIPART_OVERHEAD_BYTES
from app.data.router import router as data_router
from app.db import create_db_engine, reader, write_lock, writer
from app.errors import PROBLEM_JSON, Problem, install_error_handlers, problem_response
from app.followups.quick_add_router import router as quick_add_router
from app.followups.router import router as followups_router
from app.followups.today_router import router as today_router
from app.jobs.worker import run_in_thread
from app.notifications.router import router as notifications_router
from app.replies.router import router as replies_router
from app.templates.router import router as templates_router
from app.vocabulary_router import router as vocabulary_router
from app.web.hosts import TrustedHosts
from app.web.limits import BodySizeLimit
from app.web.methods import AllowedMethods, spec_paths
from app.web.query import PARAMETERS_FIRST
from app.web.routes import QuickRoute
from app.web.security import SecurityHeaders
from app.webhooks.router import router as webhooks_router

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": "A client error"},
    "5XX": {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": "A server error"},
}

DESCRIPTION = """Touchbase tracks job applications and tells you when, how and with what words
to follow up. Authenticate with a personal access token (`Authorization: Bearer tb_…`) or, in the
web UI, the session cookie plus the `X-CSRF-Token` header on writes. Every error is an RFC 9457
`application/problem+json` document."""


def _operation_id(route: APIRoute) -> str:
    return route.name


def _include(app: FastAPI, router: APIRouter, prefix: str = "") -> None:
    """app.include_router, with the router's routes copied into the app's own list.

    FastAPI 0.16x keeps an included router as one entry that matches a request against each
    of its routes through several layers of scope bookkeeping (about 1.6 µs a route): a
    request to the last router paid some 180 µs before its handler ran, more than the hello
    yardstick's whole request. A plain route (QuickRoute) is one regex match. The OpenAPI
    document is the same (tests/test_openapi.py).
    """
    for route in router.routes:
        assert isinstance(route, APIRoute), route
        app.router.add_api_route(
            prefix + route.path,
            route.endpoint,
            response_model=route.response_model,
            status_code=route.status_code,
            tags=route.tags,
            dependencies=route.dependencies,
            summary=route.summary,
            description=route.description,
            response_description=route.response_description,
            responses={**PROBLEM_RESPONSES, **route.responses},
            deprecated=route.deprecated,
            methods=route.methods,
            operation_id=route.operation_id,
            response_model_include=route.response_model_include,
            response_model_exclude=route.response_model_exclude,
            response_model_by_alias=route.response_model_by_alias,
            response_model_exclude_unset=route.response_model_exclude_unset,
            response_model_exclude_defaults=route.response_model_exclude_defaults,
            response_model_exclude_none=route.response_model_exclude_none,
            include_in_schema=route.include_in_schema,
            response_class=route.response_class,
            name=route.name,
            callbacks=route.callbacks,
            openapi_extra=route.openapi_extra,
            generate_unique_id_function=route.generate_unique_id_function,
            strict_content_type=route.strict_content_type,
            route_class_override=QuickRoute,
        )


def _parameters_first(operation: dict[str, Any]) -> dict[str, Any]:
    """The operation with the parameters web.query.QueryParameters documents (through
    openapi_extra, which lands after the responses) where FastAPI writes its own."""
    if not operation.pop(PARAMETERS_FIRST, False):
        return operation
    keys = [key for key in operation if key != "parameters"]
    at = keys.index("requestBody" if "requestBody" in keys else "responses")
    keys.insert(at, "parameters")
    return {key: operation[key] for key in keys}


def _install_openapi(app: FastAPI) -> None:
    """Declare errors as application/problem+json only (FastAPI also adds application/json)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for operations in schema["paths"].values():
                for method, operation in operations.items():
                    operations[method] = operation = _parameters_first(operation)
                    for status in ("4XX", "5XX"):
                        content = operation.get("responses", {}).get(status, {}).get("content")
                        if content and "application/json" in content:
                            content[PROBLEM_JSON] = content.pop("application/json")
            app.openapi_schema = schema
        return app.openapi_schema

    # Ignored on the next line: FastAPI's documented way to customise the schema
    app.openapi = openapi  # type: ignore[method-assign]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # What startup built lives as long as the process: move it out of the collector's way, so
    # a full collection walks only what requests allocate (gc.freeze, Python 3.7+).
    gc.collect()
    gc.freeze()
    with server_lock(app.state.settings.database_url):  # `cli restore` refuses meanwhile
        worker = None
        if app.state.settings.worker_in_process:  # the embedded setup: one process runs it all
            worker = run_in_thread(app.state.engine, app.state.settings)
        try:
            yield
        finally:
            if worker is not None:
                thread, stop = worker
                stop.set()
                await asyncio.to_thread(thread.join, 10)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for these settings (the environment's by default)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="Touchbase API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=_lifespan,
    )
    engine = create_db_engine(settings)
    app.state.settings = settings
    app.state.engine = engine
    app.state.read_engine = reader(engine)
    app.state.write_engine = writer(engine)
    app.state.write_lock = write_lock(engine)
    app.state.password_checks = asyncio.Semaphore(PASSWORD_CHECKS_AT_ONCE)
    install_error_handlers(app)
    _install_openapi(app)

    for router in (
        auth_router,
        applications_router,
        followups_router,
        today_router,
        quick_add_router,
        calendar_router,
        templates_router,
        replies_router,
        vocabulary_router,
        webhooks_router,
        notifications_router,
        data_router,
    ):
        _include(app, router, prefix="/api/v1")

    health = APIRouter(prefix="/api", tags=["health"])

    @health.get("/health", operation_id="health")
    async def health_check() -> dict[str, str]:
        """The process is up."""  # async: nothing to wait for, so no trip to a thread
        return {"status": "ok"}

    @health.get("/ready", operation_id="ready")
    def ready() -> JSONResponse:
        """The process is up and its database answers."""
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError:
            return problem_response(
                503, "database-unavailable", "Not ready", "The database does not answer."
            )
        return JSONResponse({"status": "ready"})

    _include(app, health)
    app.add_middleware(
        AllowedMethods, paths=lambda: spec_paths(app.openapi, app.openapi_url, app.docs_url)
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Location"],
        )
    # An import's file has a bound of its own (the route names it in its 413).
    imports = {"/api/v1/imports": MAX_IMPORT_BYTES + MULTIPART_OVERHEAD_BYTES}
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, larger=imports)
    app.add_middleware(TrustedHosts, allowed_hosts=settings.hosts)
    app.add_middleware(SecurityHeaders, docs_path=app.docs_url)
    frontend: Path | None = settings.frontend_dir
    if frontend is not None and frontend.is_dir():
        app.mount("/", StaticFiles(directory=frontend, html=True), name="frontend")
    return app
