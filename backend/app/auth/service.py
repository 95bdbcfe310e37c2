"""Accounts, sign-in with rate limiting, browser sessions and personal access tokens."""

import hashlib
import math
import secrets
from datetime import date, datetime, timedelta
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
    UserRegister,
    UserUpdate,
)
from app.config import Settings
from app.db import apply_changes, lock_key, utcnow
from app.errors import Conflict, NotFound, TooManyRequests, Unauthorized

TOKEN_PREFIX = "tb_"
password_hash = PasswordHash.recommended()
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


def register(session: Session, data: UserRegister) -> User:
    """Create an account; a taken email is a conflict."""
    user = User(
        email=normalize_email(data.email),
        name=data.name.strip(),
        password_hash=password_hash.hash(data.password),
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


def authenticate(
    session: Session, settings: Settings, email: str, password: str, client: str
) -> User:
    """Check a password; the Nth failure within the window for one account and client locks it."""
    key = f"{normalize_email(email)}|{client}"
    now = utcnow()
    window = timedelta(seconds=settings.login_window_seconds)
    lock_key(session, "login:" + key)
    failures = list(
        session.exec(
            select(LoginFailure.failed_at)
            .where(LoginFailure.key == key, LoginFailure.failed_at > now - window)
            .order_by(col(LoginFailure.failed_at))
        )
    )
    if len(failures) >= settings.login_max_failures:
        session.rollback()
        retry = max(1, math.ceil((failures[0] + window - now).total_seconds()))
        raise TooManyRequests(
            f"Too many failed sign-ins. Try again in {retry} seconds.",
            slug="too-many-login-attempts",
            headers={"Retry-After": str(retry)},
        )
    user = get_by_email(session, email)
    ok = password_hash.verify(password, user.password_hash if user else _DUMMY_HASH)
    if user is None or not ok:
        session.add(LoginFailure(key=key, failed_at=now))
        session.execute(sa.delete(LoginFailure).where(col(LoginFailure.failed_at) < now - window))
        session.commit()
        raise Unauthorized("The email or password is wrong.", slug="invalid-credentials")
    session.execute(sa.delete(LoginFailure).where(col(LoginFailure.key) == key))
    return user


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


def session_user(session: Session, secret: str) -> tuple[User, AuthSession] | None:
    """The user behind a live session cookie."""
    row = session.exec(
        select(User, AuthSession)
        .join(AuthSession, col(AuthSession.user_id) == User.id)
        .where(AuthSession.token_hash == digest(secret), AuthSession.expires_at > utcnow())
    ).first()
    return (row[0], row[1]) if row else None


def token_user(session: Session, secret: str) -> tuple[User, ApiToken] | None:
    """The user behind a live personal access token."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    row = session.exec(
        select(User, ApiToken)
        .join(ApiToken, col(ApiToken.user_id) == User.id)
        .where(ApiToken.token_hash == digest(secret))
    ).first()
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


def create_token(session: Session, user: User, data: TokenCreate) -> TokenCreated:
    """Issue a personal access token, shown once."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=data.expires_in_days) if data.expires_in_days else None
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
