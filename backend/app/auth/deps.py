"""Who is calling: a bearer token (integrations, curl) or a session cookie (the web UI)."""

import secrets
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import sqlalchemy as sa
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.auth import service
from app.auth.models import ApiToken, Owner, User
from app.config import Settings
from app.db import SessionDep, ShortWrites, in_thread, writes
from app.errors import Forbidden, Unauthorized

SESSION_COOKIE = "tb_session"
CSRF_HEADER = "X-CSRF-Token"
T = TypeVar("T")

# Declared for the OpenAPI document; the checks themselves are below.
_bearer = HTTPBearer(auto_error=False, description="A personal access token: tb_…")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="The web UI's session")


BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
SessionCookie = Annotated[str | None, Depends(_cookie)]


def check(
    request: Request,
    bearer: HTTPAuthorizationCredentials | None,
    cookie: str | None,
    by_token: Callable[[str], tuple[T, str] | None],
    by_session: Callable[[str], tuple[T, str] | None],
) -> T:
    """The caller's check, whatever the lookups load: by_token(secret) gives the caller and
    the token's scopes, by_session(secret) the caller and the session's CSRF token (None when
    unknown, revoked or expired). The caller, or 401; 403 on writes for a read-only token or
    a cookie without its CSRF token."""
    write = writes(request.scope)
    if request.headers.get("authorization"):
        if bearer is None:
            raise Unauthorized(
                "Send a token as 'Authorization: Bearer tb_…'.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        found = by_token(bearer.credentials)
        if found is None:
            raise Unauthorized(
                "The token is unknown, revoked or expired.",
                slug="invalid-token",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        caller, scopes = found
        if write and "write" not in scopes.split():
            raise Forbidden("This token may only read.", slug="insufficient-scope")
        return caller
    if cookie:
        found_session = by_session(cookie)
        if found_session is not None:
            caller, csrf_token = found_session
            sent = request.headers.get(CSRF_HEADER, "")
            if write and not secrets.compare_digest(sent.encode(), csrf_token.encode()):
                raise Forbidden(
                    f"Send the session's CSRF token in the {CSRF_HEADER} header.",
                    slug="csrf-token-missing",
                )
            return caller
    raise _sign_in()


def authenticate(
    request: Request,
    session: Session,
    bearer: HTTPAuthorizationCredentials | None,
    cookie: str | None,
) -> User:
    """The check Caller.user() runs, loading the User (and the token, for CurrentToken)."""

    def by_token(secret: str) -> tuple[User, str] | None:
        found = service.token_user(session, secret)
        if found is None:
            return None
        request.state.api_token = found[1]
        return found[0], found[1].scopes

    def by_session(secret: str) -> tuple[User, str] | None:
        found = service.session_user(session, secret)
        return None if found is None else (found[0], found[1].csrf_token)

    return check(request, bearer, cookie, by_token, by_session)


def _sign_in() -> Unauthorized:
    return Unauthorized(
        "Sign in, or send a personal access token as 'Authorization: Bearer tb_…'.",
        headers={"WWW-Authenticate": "Bearer"},
    )


class Caller:
    """The caller's credentials, checked once a request by `user()` in the thread pool.

    The hot routes and ApplicationDep call it inside the one trip that also does their own
    database work; CurrentUser makes a trip of its own only when nothing did. A request
    without any credentials is refused before (get_caller), with CurrentUser's answer.
    """

    def __init__(
        self,
        request: Request,
        session: Session,
        bearer: HTTPAuthorizationCredentials | None,
        cookie: str | None,
    ) -> None:
        self.request, self.session, self.bearer, self.cookie = request, session, bearer, cookie
        self.checked: User | None = None

    def user(self) -> User:
        """The caller, or CurrentUser's 401 or 403; call it in the thread pool."""
        if self.checked is None:
            self.checked = authenticate(self.request, self.session, self.bearer, self.cookie)
        return self.checked

    def owner(self) -> Owner:
        """The caller as a row, with user()'s checks and answers, read by one Core statement
        on the session's connection (an ORM User cost about as much again as the lookup);
        call it in the thread pool."""
        if self.checked is not None:
            user = self.checked
            return Owner(user.id, user.email, user.name, user.timezone, user.phone, user.signature)  # type: ignore[arg-type]
        conn = self.session.connection()
        profile = check(
            self.request,
            self.bearer,
            self.cookie,
            lambda secret: service.token_profile(conn, secret),
            lambda secret: service.session_profile(conn, secret),
        )
        return Owner.of(profile)


async def get_caller(
    request: Request, session: SessionDep, bearer: BearerCredentials, cookie: SessionCookie
) -> Caller:
    """The caller's credentials, to check with the route's database work (see Caller)."""
    if not request.headers.get("authorization") and not cookie:
        raise _sign_in()
    return Caller(request, session, bearer, cookie)


CallerDep = Annotated[Caller, Depends(get_caller)]


class Credentials:
    """The caller's credentials, for a route that needs only the caller's public profile."""

    def __init__(
        self, request: Request, bearer: HTTPAuthorizationCredentials | None, cookie: str | None
    ) -> None:
        self.request, self.bearer, self.cookie = request, bearer, cookie

    def check(self, conn: sa.Connection) -> dict[str, Any]:
        """UserPublic's fields of the caller, with CurrentUser's checks and answers: one Core
        statement on conn; call it in the thread pool."""
        return check(
            self.request,
            self.bearer,
            self.cookie,
            lambda secret: service.token_profile(conn, secret),
            lambda secret: service.session_profile(conn, secret),
        )

    async def profile(self) -> dict[str, Any]:
        """The caller's public profile (check): one trip to the thread pool, one Core
        statement on a pooled connection, no ORM session."""
        return await self.read(lambda _conn, profile: profile)

    async def read(self, work: Callable[[sa.Connection, dict[str, Any]], T]) -> T:
        """work(connection, the caller's profile) after check, in one trip to the thread pool
        on one pooled connection and one read transaction, no ORM session (for the read-only
        hot pages: a session and its dependency cost more than the page's own statement)."""
        engine: Engine = self.request.app.state.read_engine

        def run() -> T:
            with engine.connect() as conn:
                return work(conn, self.check(conn))

        return await run_in_threadpool(run)

    async def write(self, work: Callable[[Session, dict[str, Any]], T]) -> T:
        """work(session, the caller's profile) after check, in one trip to the thread pool:
        one write transaction of its own session (ShortWrites.write: inside the write slot),
        the check one Core statement on its connection, no ORM lookup of the caller. For a
        hot write whose service needs only the caller's id (the create); work commits."""
        return await ShortWrites(self.request).write(
            lambda session: work(session, self.check(session.connection()))
        )


async def get_credentials(
    request: Request, bearer: BearerCredentials, cookie: SessionCookie
) -> Credentials:
    """The caller's credentials, checked by Credentials.profile (no session dependency)."""
    if not request.headers.get("authorization") and not cookie:
        raise _sign_in()
    return Credentials(request, bearer, cookie)


CredentialsDep = Annotated[Credentials, Depends(get_credentials)]


async def get_current_user(caller: CallerDep) -> User:
    """The caller, or 401; a read-only token or a cookie without its CSRF token is 403 on writes.

    One trip to the thread pool (each trip is a hand-over of the GIL between threads, the
    largest fixed cost of a request), none when the route's ApplicationDep already checked
    the caller. A request that only reads ends the lookup's transaction in that same trip,
    so an async handler that needs nothing more from the database (GET /me) makes no other
    trip, and its session closes without one.
    """
    if caller.checked is not None:
        return caller.checked
    return await in_thread(caller.session, caller.user)


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_current_token(request: Request, user: CurrentUser) -> ApiToken | None:
    """The personal access token the caller signed in with; None for a browser session."""
    token: ApiToken | None = getattr(request.state, "api_token", None)
    return token


CurrentToken = Annotated[ApiToken | None, Depends(get_current_token)]


def app_settings(request: Request) -> Settings:
    """The settings the app was built with (create_app keeps them on app.state)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
