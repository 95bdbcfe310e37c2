"""Who is calling: a bearer token (integrations, curl) or a session cookie (the web UI)."""

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from app.auth import service
from app.auth.models import ApiToken, User
from app.config import Settings
from app.db import SessionDep, in_thread, writes
from app.errors import Forbidden, Unauthorized

SESSION_COOKIE = "tb_session"
CSRF_HEADER = "X-CSRF-Token"

# Declared for the OpenAPI document; the checks themselves are below.
_bearer = HTTPBearer(auto_error=False, description="A personal access token: tb_…")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="The web UI's session")


BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
SessionCookie = Annotated[str | None, Depends(_cookie)]


def authenticate(
    request: Request,
    session: Session,
    bearer: HTTPAuthorizationCredentials | None,
    cookie: str | None,
) -> User:
    """The check Caller.user() runs: the caller, or 401; 403 on writes for a read-only token or
    a cookie without its CSRF token."""
    write = writes(request.scope)
    if request.headers.get("authorization"):
        if bearer is None:
            raise Unauthorized(
                "Send a token as 'Authorization: Bearer tb_…'.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        found = service.token_user(session, bearer.credentials)
        if found is None:
            raise Unauthorized(
                "The token is unknown, revoked or expired.",
                slug="invalid-token",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        user, token = found
        if write and "write" not in token.scopes.split():
            raise Forbidden("This token may only read.", slug="insufficient-scope")
        request.state.api_token = token
        return user
    if cookie:
        found_session = service.session_user(session, cookie)
        if found_session is not None:
            user, row = found_session
            sent = request.headers.get(CSRF_HEADER, "")
            if write and not secrets.compare_digest(sent.encode(), row.csrf_token.encode()):
                raise Forbidden(
                    f"Send the session's CSRF token in the {CSRF_HEADER} header.",
                    slug="csrf-token-missing",
                )
            return user
    raise _sign_in()


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


async def get_caller(
    request: Request, session: SessionDep, bearer: BearerCredentials, cookie: SessionCookie
) -> Caller:
    """The caller's credentials, to check with the route's database work (see Caller)."""
    if not request.headers.get("authorization") and not cookie:
        raise _sign_in()
    return Caller(request, session, bearer, cookie)


CallerDep = Annotated[Caller, Depends(get_caller)]


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
