"""Accounts, sign-in and personal access tokens."""

from fastapi import APIRouter, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from sqlmodel import select

from app.auth import account, service
from app.auth.deps import (
    SESSION_COOKIE,
    CredentialsDep,
    CurrentToken,
    CurrentUser,
    SettingsDep,
)
from app.auth.models import (
    AccountDelete,
    AuthSession,
    EmailChange,
    LoginRequest,
    LoginResult,
    PasswordChange,
    PasswordChanged,
    PasswordResetConfirm,
    PasswordResetRequest,
    TokenCreate,
    TokenCreated,
    TokenPublic,
    UserPublic,
    UserRegister,
    UserUpdate,
)
from app.db import RowId, SessionDep, ShortWritesDep
from app.errors import Forbidden
from app.web.responses import json_response

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
async def get_me(caller: CredentialsDep) -> Response:
    """The signed-in user's profile."""
    # Read as UserPublic's columns and written by orjson: the shape is the select's.
    return json_response(await caller.profile())


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


# --- the account's lifecycle ------------------------------------------------------------------


def _current_session(request: Request, session: SessionDep) -> int | None:
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret or request.headers.get("authorization"):
        return None
    row = session.exec(
        select(AuthSession.id).where(AuthSession.token_hash == service.digest(secret))
    ).first()
    return row


@router.post(
    "/me/password", response_model=PasswordChanged, tags=["account"], operation_id="changePassword"
)
def change_password(
    data: PasswordChange,
    request: Request,
    user: CurrentUser,
    caller: CurrentToken,
    session: SessionDep,
) -> PasswordChanged:
    """Change your password (the current one required): every other browser session is
    signed out; API tokens keep working unless revoke_tokens is true."""
    account.check_current(user, data.current_password, "current_password")
    ended, revoked = account.set_password(
        session,
        user,
        service.hash_password(data.new_password),
        keep_session=_current_session(request, session),
        keep_token=caller.id if caller is not None else None,
        revoke_tokens=data.revoke_tokens,
    )
    return PasswordChanged(sessions_ended=ended, tokens_revoked=revoked)


@router.post("/me/email", response_model=UserPublic, tags=["account"], operation_id="changeEmail")
def change_email(data: EmailChange, user: CurrentUser, session: SessionDep) -> UserPublic:
    """Move your account to another email address (the current password required)."""
    account.check_current(user, data.current_password, "current_password")
    return UserPublic.model_validate(account.change_email(session, user, data.new_email))


@router.delete(
    "/me", status_code=status.HTTP_204_NO_CONTENT, tags=["account"], operation_id="deleteMe"
)
def delete_me(data: AccountDelete, user: CurrentUser, session: SessionDep) -> Response:
    """Delete your account with everything in it, in one transaction (your password
    required). Its sessions and tokens stop working at once. Export first to keep a copy."""
    account.check_current(user, data.password, "password")
    account.delete_account(session, user)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/api")
    return response


@router.post(
    "/auth/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    tags=["auth"],
    operation_id="requestPasswordReset",
)
async def request_password_reset(
    data: PasswordResetRequest, request: Request, db: ShortWritesDep, settings: SettingsDep
) -> dict[str, str]:
    """Ask for a one-time link to set a new password (it works once, for an hour). The
    answer is the same whether an account has the email or not. At most 3 requests per
    email and 10 per client an hour (else 429, with Retry-After)."""
    client = request.client.host if request.client else "unknown"
    base = settings.public_url or str(request.base_url)
    await db.write(
        lambda s: account.request_reset(s, data.email, client, settings=settings, base_url=base)
    )
    return {"detail": "If an account has this email, a link to reset its password is on its way."}


@router.post(
    "/auth/password-reset/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["auth"],
    operation_id="confirmPasswordReset",
)
async def confirm_password_reset(
    data: PasswordResetConfirm, request: Request, db: ShortWritesDep
) -> None:
    """Set a new password with the token of a reset link: the link is used up, and every
    browser session of the account is signed out."""
    await db.read(lambda s: account.reset_user(s, data.token))  # 422 before the slow hash
    async with request.app.state.password_checks:
        hashed = await run_in_threadpool(service.hash_password, data.new_password)
    await db.write(lambda s: account.finish_reset(s, data.token, hashed))
