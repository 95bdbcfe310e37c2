"""The account's lifecycle: change the password or the email, reset a forgotten password,
and delete the account with everything in it."""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.auth.models import (
    RESET_MAX_PER_CLIENT,
    RESET_MAX_PER_EMAIL,
    RESET_TOKEN_HOURS,
    RESET_WINDOW_SECONDS,
    ApiToken,
    AuthSession,
    LoginFailure,
    PasswordReset,
    User,
)
from app.auth.service import digest, normalize_email, retry_after, verify_password
from app.config import Settings
from app.db import lock_key, utcnow
from app.errors import Conflict, TooManyRequests, field_error
from app.mail import outbox


def check_current(user: User, password: str, field: str) -> None:
    """422 naming the field unless it is the user's password (argon2: call outside the slot)."""
    if not verify_password(password, user.password_hash):
        raise field_error(field, "wrong password", "The password is wrong.", "wrong-password")


def set_password(
    session: Session,
    user: User,
    hashed: str,
    *,
    keep_session: int | None,
    keep_token: int | None,
    revoke_tokens: bool,
) -> tuple[int, int]:
    """Store a new password hash; end every other browser session and, if asked, every other
    token. Returns (sessions ended, tokens revoked)."""
    user.password_hash, user.updated_at = hashed, utcnow()
    session.add(user)
    others = col(AuthSession.user_id) == user.id
    if keep_session is not None:
        others = sa.and_(others, col(AuthSession.id) != keep_session)
    ended = session.execute(sa.delete(AuthSession).where(others)).rowcount  # type: ignore[attr-defined]
    revoked = 0
    if revoke_tokens:
        tokens = col(ApiToken.user_id) == user.id
        if keep_token is not None:
            tokens = sa.and_(tokens, col(ApiToken.id) != keep_token)
        revoked = session.execute(sa.delete(ApiToken).where(tokens)).rowcount  # type: ignore[attr-defined]
    session.commit()
    return int(ended), int(revoked)


def change_email(session: Session, user: User, email: str) -> User:
    """Move the account to another email; 409 when another account has it."""
    user.email, user.updated_at = normalize_email(email), utcnow()
    session.add(user)
    try:
        session.flush()
    except sa.exc.IntegrityError:
        session.rollback()
        raise Conflict("An account with this email already exists.", slug="email-taken") from None
    session.commit()
    return user


def delete_account(session: Session, user: User) -> None:
    """Delete the account and, by the foreign keys' ON DELETE CASCADE, every row of it
    (applications and their contacts, events, plans and snoozes, policies, templates,
    tokens, sessions, calendar feed, idempotency keys, reset links), in one transaction;
    its failed sign-in and reset-request records go too."""
    email = normalize_email(user.email)
    session.execute(
        sa.delete(LoginFailure).where(
            sa.or_(
                col(LoginFailure.key).startswith(f"account:{email}|", autoescape=True),
                col(LoginFailure.key) == f"reset:{email}",
            )
        )
    )
    session.execute(sa.delete(User).where(col(User.id) == user.id))
    session.commit()


def _limit(session: Session, key: str, most: int) -> None:
    retry = retry_after(session, key, most, timedelta(seconds=RESET_WINDOW_SECONDS), utcnow())
    if retry is not None:
        session.rollback()
        raise TooManyRequests(
            f"Too many password-reset requests. Try again in {retry} seconds.",
            slug="too-many-reset-requests",
            headers={"Retry-After": str(retry)},
        )


def request_reset(
    session: Session,
    email: str,
    client: str,
    *,
    settings: Settings | None = None,
    base_url: str = "",
) -> tuple[User, str] | None:
    """Count the request (429 past RESET_MAX_PER_EMAIL or RESET_MAX_PER_CLIENT an hour, kept
    in the database as the sign-in limits are) and, for a known email, make a one-time link
    token: (the user, the token) or None. The caller answers the same either way. With
    `settings` the link is mailed through the outbox, in the same transaction (mail off:
    nothing is sent, and the operator's `reset-password` command prints a link instead)."""
    address = normalize_email(email)
    keys = [
        (f"reset-client:{client}", RESET_MAX_PER_CLIENT),
        (f"reset:{address}", RESET_MAX_PER_EMAIL),
    ]
    for key, _ in keys:
        lock_key(session, "login:" + key)
    for key, most in keys:
        _limit(session, key, most)
    now = utcnow()
    session.add_all(LoginFailure(key=key, failed_at=now) for key, _ in keys)
    user = session.exec(select(User).where(User.email == address)).first()
    found = (user, issue_reset(session, user)) if user is not None else None
    if found is not None and settings is not None:
        subject, text = reset_email(found[0], found[1], base_url)
        outbox.send_later(session, to=found[0].email, subject=subject, text=text, settings=settings)
    session.commit()
    return found


def reset_email(user: User, token: str, base_url: str) -> tuple[str, str]:
    """The reset email's subject and text."""
    link = reset_link(base_url, token)
    text = (
        f"Hello {user.name},\n\nSomeone asked to reset the password of your Touchbase account."
        f" To choose a new password, open this link within {RESET_TOKEN_HOURS} hour"
        f"{'' if RESET_TOKEN_HOURS == 1 else 's'} (it works once):\n\n{link}\n\n"
        "If you did not ask for this, ignore this email: your password stays as it is.\n"
    )
    return "Reset your Touchbase password", text


def issue_reset(session: Session, user: User) -> str:
    """A one-time reset token for the user (stored hashed; the caller commits)."""
    token = secrets.token_urlsafe(32)
    session.add(
        PasswordReset(
            user_id=user.id,  # type: ignore[arg-type]
            token_hash=digest(token),
            expires_at=utcnow() + timedelta(hours=RESET_TOKEN_HOURS),
        )
    )
    return token


def reset_link(base_url: str, token: str) -> str:
    """The web UI's address that sets a new password with the token."""
    return f"{base_url.rstrip('/')}/#/reset-password?token={token}"


def reset_user(session: Session, token: str) -> tuple[User, PasswordReset]:
    """The account a live, unused reset token belongs to, or 422 naming `token`."""
    row = session.exec(
        select(PasswordReset).where(PasswordReset.token_hash == digest(token)).with_for_update()
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        raise field_error(
            "token",
            "invalid or expired",
            "This reset link is unknown, used already or expired; ask for a new one.",
            "invalid-reset-token",
        )
    user = session.get(User, row.user_id)
    assert user is not None
    return user, row


def finish_reset(session: Session, token: str, hashed: str) -> None:
    """Use the token once: set the password and sign out every browser session."""
    user, row = reset_user(session, token)
    row.used_at = utcnow()
    session.add(row)
    set_password(session, user, hashed, keep_session=None, keep_token=None, revoke_tokens=False)
