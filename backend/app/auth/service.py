"""Accounts, sign-in with rate limiting, browser sessions and personal access tokens."""

import hashlib
import math
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from pwdlib import PasswordHash
from sqlmodel import Session, col, select

from app.auth.models import (
    ApiToken,
    AuthSession,
    LoginFailure,
    TokenCreate,
    TokenCreated,
    TokenPublic,
    User,
    UserPublic,
    UserRegister,
    UserUpdate,
)
from app.config import Settings
from app.db import CursorSelect, UTCDateTime, apply_changes, lock_key, utcnow
from app.errors import (
    Conflict,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthorized,
    field_error,
)

TOKEN_PREFIX = "tb_"
password_hash = PasswordHash.recommended()
# Password hashes checked at once per process (argon2 takes a core for tens of milliseconds):
# a burst of sign-ins queues for these instead of starving every other request of CPU.
PASSWORD_CHECKS_AT_ONCE = os.cpu_count() or 1
# Verified against when the email is unknown, so both paths cost one argon2 check.
_DUMMY_HASH = password_hash.hash("touchbase-dummy-password")


def digest(secret: str) -> str:
    """SHA-256 of a high-entropy secret (tokens, session ids); passwords use argon2 instead."""
    return hashlib.sha256(secret.encode()).hexdigest()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def get_by_email(session: Session, email: str) -> User | None:
    """The user with this email, if any."""
    return session.exec(select(User).where(User.email == normalize_email(email))).first()


def hash_password(password: str) -> str:
    """The argon2 hash to store (slow on purpose: call it outside the write slot)."""
    return password_hash.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    """Whether the password is the one hashed (argon2 reads its cost from the hash)."""
    return password_hash.verify(password, hashed)


def register(session: Session, data: UserRegister, hashed: str | None = None) -> User:
    """Create an account (with the password's hash, if computed already); a taken email is a
    conflict."""
    user = User(
        email=normalize_email(data.email),
        name=data.name.strip(),
        password_hash=hashed or hash_password(data.password),
        timezone=data.timezone or "UTC",
    )
    session.add(user)
    try:
        session.flush()
    except sa.exc.IntegrityError:
        session.rollback()
        raise Conflict("An account with this email already exists.", slug="email-taken") from None
    session.commit()  # with the default policy (followups.plans, on the user's insert)
    return user


def update_me(session: Session, user: User, data: UserUpdate) -> User:
    """Change the caller's profile."""
    apply_changes(user, data.model_dump(exclude_unset=True))
    session.add(user)
    session.commit()
    return user


@dataclass(frozen=True)
class LoginAttempt:
    """A sign-in counted as failed up front (begin_login); finish_login takes it back."""

    account_key: str
    client_failure_id: int


def _login_bounds(settings: Settings, email: str, client: str) -> list[tuple[str, int, int, str]]:
    """(key, most failures, window seconds, whose) per limit: the client across all emails,
    then one account from one client; locked and checked in this order."""
    return [
        (
            f"client:{client}",
            settings.login_client_max_failures,
            settings.login_client_window_seconds,
            "from your address",
        ),
        (
            f"account:{normalize_email(email)}|{client}",
            settings.login_max_failures,
            settings.login_window_seconds,
            "for this account",
        ),
    ]


def retry_after(
    session: Session, key: str, most: int, window: timedelta, now: datetime
) -> int | None:
    """Seconds until `key` may count once more, when it already counts `most` times within
    `window` (rows of LoginFailure); None while it is under the limit."""
    times = list(
        session.exec(
            select(LoginFailure.failed_at)
            .where(LoginFailure.key == key, LoginFailure.failed_at > now - window)
            .order_by(col(LoginFailure.failed_at))
        )
    )
    if len(times) < most:
        return None
    freed = times[len(times) - most] + window  # when one more is allowed
    return max(1, math.ceil((freed - now).total_seconds()))


def begin_login(session: Session, settings: Settings, email: str, client: str) -> LoginAttempt:
    """Count a sign-in as failed before its password is checked, or 429 past either limit.

    Counting first keeps the limits exact under a burst while the slow password check runs
    outside any transaction; a success takes the count back (finish_login).
    """
    now = utcnow()
    bounds = _login_bounds(settings, email, client)
    for key, *_ in bounds:
        lock_key(session, "login:" + key)
    for key, most, seconds, whose in bounds:
        retry = retry_after(session, key, most, timedelta(seconds=seconds), now)
        if retry is not None:
            session.rollback()
            raise TooManyRequests(
                f"Too many failed sign-ins {whose}. Try again in {retry} seconds.",
                slug="too-many-login-attempts",
                headers={"Retry-After": str(retry)},
            )
    rows = [LoginFailure(key=key, failed_at=now) for key, *_ in bounds]
    session.add_all(rows)
    longest = timedelta(seconds=max(seconds for _, _, seconds, _ in bounds))
    session.execute(sa.delete(LoginFailure).where(col(LoginFailure.failed_at) < now - longest))
    session.commit()
    assert rows[0].id is not None
    return LoginAttempt(account_key=bounds[1][0], client_failure_id=rows[0].id)


def check_password(user: User | None, password: str) -> User:
    """The user if the password is theirs, else 401 (an unknown email costs the same check)."""
    ok = verify_password(password, user.password_hash if user else _DUMMY_HASH)
    if user is None or not ok:
        raise Unauthorized("The email or password is wrong.", slug="invalid-credentials")
    return user


def finish_login(
    session: Session, settings: Settings, user: User, attempt: LoginAttempt
) -> tuple[str, AuthSession]:
    """After a right password: forget the account's failures, uncount this attempt for the
    client (its earlier failures stay) and open a browser session."""
    session.execute(sa.delete(LoginFailure).where(col(LoginFailure.key) == attempt.account_key))
    session.execute(
        sa.delete(LoginFailure).where(col(LoginFailure.id) == attempt.client_failure_id)
    )
    return start_session(session, settings, user)


def start_session(session: Session, settings: Settings, user: User) -> tuple[str, AuthSession]:
    """Open a browser session; returns the cookie secret (only its hash is stored)."""
    secret = secrets.token_urlsafe(32)
    row = AuthSession(
        user_id=user.id,  # type: ignore[arg-type]  # SQLModel types table ids int | None
        token_hash=digest(secret),
        csrf_token=secrets.token_urlsafe(24),
        expires_at=utcnow() + timedelta(days=settings.session_days),
    )
    session.add(row)
    session.execute(sa.delete(AuthSession).where(col(AuthSession.expires_at) < utcnow()))
    session.commit()
    return secret, row


def end_session(session: Session, secret: str) -> None:
    """Sign out: forget the session."""
    session.execute(sa.delete(AuthSession).where(col(AuthSession.token_hash) == digest(secret)))
    session.commit()


# Every request runs one of these two: built once, with the digest (and the time) bound at
# each run, they cost no statement building per request.
_SESSION_USER = (
    select(User, AuthSession)
    .join(AuthSession, col(AuthSession.user_id) == User.id)
    .where(
        col(AuthSession.token_hash) == sa.bindparam("digest"),
        col(AuthSession.expires_at) > sa.bindparam("now", type_=UTCDateTime()),
    )
    .limit(1)
)
_TOKEN_USER = (
    select(User, ApiToken)
    .join(ApiToken, col(ApiToken.user_id) == User.id)
    .where(col(ApiToken.token_hash) == sa.bindparam("digest"))
    .limit(1)
)


# The caller's public profile (UserPublic's fields) with what the caller's check needs, read
# by Core on a plain connection: GET /me builds no ORM session and no User for it. On the
# DBAPI cursor (CursorSelect), as the lists read their rows: Connection.execute's context and
# result objects cost more than the statement on SQLite. In UserPublic's order, so the JSON
# is the same byte for byte.
_PROFILE_KEYS = tuple(UserPublic.model_fields)
_USERS: sa.Table = User.__table__  # type: ignore[attr-defined]  # SQLModel's table
_PROFILE = tuple(_USERS.c[name] for name in _PROFILE_KEYS)
_TOKEN_PROFILE = CursorSelect(
    sa.select(*_PROFILE, col(ApiToken.scopes), col(ApiToken.expires_at))
    .join(ApiToken, col(ApiToken.user_id) == col(User.id))
    .where(col(ApiToken.token_hash) == sa.bindparam("digest"))
    .limit(1)
)
_SESSION_PROFILE = CursorSelect(
    sa.select(*_PROFILE, col(AuthSession.csrf_token))
    .join(AuthSession, col(AuthSession.user_id) == col(User.id))
    .where(
        col(AuthSession.token_hash) == sa.bindparam("digest"),
        col(AuthSession.expires_at) > sa.bindparam("now", type_=UTCDateTime()),
    )
    .limit(1)
)
_PROFILE_FIELDS = len(_PROFILE_KEYS)


def token_profile(conn: sa.Connection, secret: str) -> tuple[dict[str, Any], str] | None:
    """The public profile and the scopes behind a live personal access token."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    rows = _TOKEN_PROFILE.rows(conn, {"digest": digest(secret)})
    if not rows:
        return None
    row = rows[0]
    if row.expires_at is not None and row.expires_at <= utcnow():
        return None
    return dict(zip(_PROFILE_KEYS, row[:_PROFILE_FIELDS], strict=True)), row.scopes


def session_profile(conn: sa.Connection, secret: str) -> tuple[dict[str, Any], str] | None:
    """The public profile and the CSRF token behind a live session cookie."""
    rows = _SESSION_PROFILE.rows(conn, {"digest": digest(secret), "now": utcnow()})
    if not rows:
        return None
    row = rows[0]
    return dict(zip(_PROFILE_KEYS, row[:_PROFILE_FIELDS], strict=True)), row.csrf_token


def session_user(session: Session, secret: str) -> tuple[User, AuthSession] | None:
    """The user behind a live session cookie."""
    params = {"digest": digest(secret), "now": utcnow()}
    row = session.exec(_SESSION_USER, params=params).first()
    return (row[0], row[1]) if row else None


def token_user(session: Session, secret: str) -> tuple[User, ApiToken] | None:
    """The user behind a live personal access token."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    row = session.exec(_TOKEN_USER, params={"digest": digest(secret)}).first()
    if row is None:
        return None
    expires_at = row[1].expires_at
    if expires_at is not None and expires_at <= utcnow():
        return None
    return row[0], row[1]


def _public(token: ApiToken) -> TokenPublic:
    return TokenPublic(
        id=token.id,  # type: ignore[arg-type]  # SQLModel types table ids int | None
        name=token.name,
        prefix=token.prefix,
        scopes=token.scopes.split(),  # type: ignore[arg-type]  # str column, Literal in the API
        created_at=token.created_at,
        expires_at=token.expires_at,
    )


def _check_within(caller: ApiToken, data: TokenCreate, expires_at: datetime | None) -> None:
    """A token may only create tokens with no more scopes and no longer life than its own."""
    wider = set(data.scopes) - set(caller.scopes.split())
    if wider:
        raise Forbidden(
            f"A token cannot create a token with scopes it lacks: {', '.join(sorted(wider))}.",
            slug="insufficient-scope",
        )
    if caller.expires_at is not None and (expires_at is None or expires_at > caller.expires_at):
        raise field_error(
            "expires_in_days",
            f"must end by {caller.expires_at.isoformat()}",
            "A token cannot create a token that outlives it: expires_in_days must end by "
            f"{caller.expires_at.isoformat()}, when this token expires.",
            "token-outlives-its-creator",
        )


def create_token(
    session: Session, user: User, data: TokenCreate, caller: ApiToken | None = None
) -> TokenCreated:
    """Issue a personal access token, shown once; `caller` is the token asking, if one is."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=data.expires_in_days) if data.expires_in_days else None
    if caller is not None:
        _check_within(caller, data, expires_at)
    token = ApiToken(
        user_id=user.id,  # type: ignore[arg-type]  # SQLModel types table ids int | None
        name=data.name,
        prefix=secret[:10],
        token_hash=digest(secret),
        scopes=" ".join(data.scopes),
        created_at=utcnow(),
        expires_at=expires_at,
    )
    session.add(token)
    session.commit()
    return TokenCreated(**_public(token).model_dump(), token=secret)


def list_tokens(session: Session, user: User) -> list[TokenPublic]:
    """The caller's tokens, newest first, never their secrets."""
    rows = session.exec(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(col(ApiToken.id).desc())
    )
    return [_public(t) for t in rows]


def revoke_token(session: Session, user: User, token_id: int) -> None:
    """Delete one of the caller's tokens; it fails on its very next use."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"There is no token {token_id}.")
    session.delete(token)
    session.commit()


def today_in(timezone: str) -> date:
    """Today's date in a time zone (an IANA name, as users keep theirs)."""
    return datetime.now(ZoneInfo(timezone)).date()


def today_for(user: User) -> date:
    """Today's date in the user's own time zone."""
    return today_in(user.timezone)
