"""Accounts, sign-in and personal access tokens."""

from fastapi import APIRouter, Request, Response, status
from fastapi.concurrency import run_in_threadpool

from app.auth import service
from app.auth.deps import SESSION_COOKIE, CurrentToken, CurrentUser, SettingsDep
from app.auth.models import (
    LoginRequest,
    LoginResult,
    TokenCreate,
    TokenCreated,
    TokenPublic,
    UserPublic,
    UserRegister,
    UserUpdate,
)
from app.db import RowId, SessionDep, ShortWritesDep
from app.errors import Forbidden

router = APIRouter()


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    tags=["auth"],
    operation_id="register",
)
async def register(
    data: UserRegister, request: Request, db: ShortWritesDep, settings: SettingsDep
) -> UserPublic:
    """Create an account (when sign-up is switched on)."""
    if not settings.signup_enabled:
        raise Forbidden("Sign-up is switched off on this server.", slug="signup-disabled")
    async with request.app.state.password_checks:
        hashed = await run_in_threadpool(service.hash_password, data.password)
    user = await db.write(lambda session: service.register(session, data, hashed))
    return UserPublic.model_validate(user)


@router.post("/auth/login", response_model=LoginResult, tags=["auth"], operation_id="login")
async def login(
    data: LoginRequest,
    request: Request,
    response: Response,
    db: ShortWritesDep,
    settings: SettingsDep,
) -> LoginResult:
    """Sign in with email and password: sets the session cookie and returns the CSRF token."""
    # The slow password check holds neither the write slot nor a transaction: a burst of
    # sign-ins must not stall everyone's writes. Only the counting and the session write.
    client = request.client.host if request.client else "unknown"
    attempt = await db.write(lambda s: service.begin_login(s, settings, data.email, client))
    found = await db.read(lambda s: service.get_by_email(s, data.email))
    async with request.app.state.password_checks:
        user = await run_in_threadpool(service.check_password, found, data.password)
    secret, row = await db.write(lambda s: service.finish_login(s, settings, user, attempt))
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=settings.session_cookie_secure,
        path="/api",
    )
    return LoginResult(
        user=UserPublic.model_validate(user), csrf_token=row.csrf_token, expires_at=row.expires_at
    )


@router.post(
    "/auth/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["auth"],
    operation_id="logout",
)
def logout(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """Sign out of this browser session."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        service.end_session(session, secret)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/api")
    return response


@router.get("/me", response_model=UserPublic, tags=["account"], operation_id="getMe")
def get_me(user: CurrentUser) -> UserPublic:
    """The signed-in user's profile."""
    return UserPublic.model_validate(user)


@router.patch("/me", response_model=UserPublic, tags=["account"], operation_id="updateMe")
def update_me(data: UserUpdate, user: CurrentUser, session: SessionDep) -> UserPublic:
    """Change name, time zone (an IANA name), phone or signature."""
    return UserPublic.model_validate(service.update_me(session, user, data))


@router.post(
    "/tokens",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenCreated,
    tags=["tokens"],
    operation_id="createToken",
)
def create_token(
    data: TokenCreate, user: CurrentUser, caller: CurrentToken, session: SessionDep
) -> TokenCreated:
    """Create a personal access token; the secret is in this response only.

    Signed in with a token, you may only create tokens within its scopes and its lifetime.
    """
    return service.create_token(session, user, data, caller)


@router.get("/tokens", response_model=list[TokenPublic], tags=["tokens"], operation_id="listTokens")
def list_tokens(user: CurrentUser, session: SessionDep) -> list[TokenPublic]:
    """The caller's tokens, without their secrets."""
    return service.list_tokens(session, user)


@router.delete(
    "/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["tokens"],
    operation_id="revokeToken",
)
def revoke_token(token_id: RowId, user: CurrentUser, session: SessionDep) -> None:
    """Revoke a token: its next use gets 401."""
    service.revoke_token(session, user, token_id)
