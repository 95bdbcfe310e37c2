"""Users, browser sessions, personal access tokens and failed-login records."""

from collections.abc import Mapping
from datetime import datetime
from importlib.resources import files
from typing import Annotated, Any, Literal, NamedTuple

import sqlalchemy as sa
from pydantic import EmailStr, WithJsonSchema, field_validator
from sqlmodel import Field, SQLModel

from app.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, check_not_common
from app.db import UTCDateTime, timestamp_field
from app.inputs import NOT_BLANK_PATTERN, InputModel, NotBlank, not_null

Scope = Literal["read", "write"]
NOT_BLANK = {"json_schema_extra": {"pattern": NOT_BLANK_PATTERN}}  # a name is not only spaces


# The zones of the pinned tzdata package: the same list on every machine, and in the spec.
TIMEZONES = sorted(files("tzdata").joinpath("zones").read_text().split())
_TIMEZONE_SET = frozenset(TIMEZONES)


def _check_timezone(value: str | None) -> str | None:
    if value is not None and value not in _TIMEZONE_SET:
        raise ValueError(f"'{value}' is not an IANA time zone name (such as Europe/Berlin)")
    return value


TimeZone = Annotated[
    str,
    WithJsonSchema({"type": "string", "enum": TIMEZONES, "description": "An IANA time zone name"}),
]


class UserBase(SQLModel):
    email: EmailStr = Field(max_length=254)
    name: str = Field(min_length=1, max_length=200)


class User(UserBase, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, sa_column_kwargs={"unique": True})
    password_hash: str = Field(max_length=255)
    timezone: str = Field(default="UTC", max_length=64)
    phone: str | None = Field(default=None, max_length=40)
    signature: str | None = Field(default=None, max_length=2000)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class UserRegister(UserBase, InputModel):
    """Sign-up: an email, a password (8 characters or more, not a common one), a name, and
    optionally the time zone (the web UI sends the browser's; UTC if left out)."""

    name: NotBlank = Field(min_length=1, max_length=200, schema_extra=NOT_BLANK)
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
    timezone: TimeZone | None = Field(default=None, max_length=64)

    _not_common = field_validator("password")(check_not_common)
    _tz = field_validator("timezone")(_check_timezone)


class UserUpdate(InputModel):
    """The profile fields a user may change; all optional."""

    name: NotBlank | None = Field(
        default=None, min_length=1, max_length=200, schema_extra=NOT_BLANK
    )
    timezone: TimeZone | None = Field(default=None, max_length=64)
    phone: str | None = Field(default=None, max_length=40)
    signature: str | None = Field(default=None, max_length=2000)

    _tz = field_validator("timezone")(_check_timezone)

    _required_stay_set = not_null("name", "timezone")


class Owner(NamedTuple):
    """The caller as the routes that read only their own rows need them, read as a row
    (auth.deps.Caller.owner): building an ORM User costs about as much as its lookup."""

    id: int
    email: str
    name: str
    timezone: str
    phone: str | None
    signature: str | None

    @classmethod
    def of(cls, profile: Mapping[str, Any]) -> "Owner":
        """The owner from UserPublic's fields (auth.deps.check's lookups)."""
        return cls(*(profile[name] for name in cls._fields))


class UserPublic(UserBase):
    id: int
    email: str
    timezone: str
    phone: str | None
    signature: str | None
    created_at: datetime


class LoginRequest(InputModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class LoginResult(SQLModel):
    """The signed-in user and the CSRF token to send as X-CSRF-Token on unsafe requests."""

    user: UserPublic
    csrf_token: str
    expires_at: datetime


class AuthSession(SQLModel, table=True):
    """A browser session: the cookie holds a secret, the database only its hash."""

    __tablename__ = "auth_sessions"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    csrf_token: str = Field(max_length=64)
    created_at: datetime = timestamp_field()
    expires_at: datetime = Field(sa_column=sa.Column(UTCDateTime(), nullable=False))


class TokenBase(SQLModel):
    name: str = Field(min_length=1, max_length=100)


class ApiToken(TokenBase, table=True):
    """A personal access token; only its SHA-256 hash is stored."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    prefix: str = Field(max_length=16)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    scopes: str = Field(max_length=32)  # "read" or "read write"
    created_at: datetime = timestamp_field()
    expires_at: datetime | None = Field(default=None, sa_column=sa.Column(UTCDateTime()))


class TokenCreate(TokenBase, InputModel):
    """A new token: its name, ["read"] or ["read", "write"], and an optional lifetime."""

    scopes: list[Scope] = Field(
        default=["read"],
        min_length=1,
        max_length=2,
        schema_extra={"json_schema_extra": {"contains": {"const": "read"}}},
        description='["read"] or ["read", "write"]: every token can read',
    )
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)

    @field_validator("scopes")
    @classmethod
    def _read_always(cls, value: list[str]) -> list[str]:
        if sorted(set(value)) not in (["read"], ["read", "write"]):
            raise ValueError('scopes must be ["read"] or ["read", "write"]')
        return sorted(set(value))


class TokenPublic(TokenBase):
    id: int
    prefix: str
    scopes: list[Scope]
    created_at: datetime
    expires_at: datetime | None


class TokenCreated(TokenPublic):
    """The new token; `token` is shown this once and never again."""

    token: str


class LoginFailure(SQLModel, table=True):
    """One failed sign-in, keyed by account and client, for rate limiting."""

    __tablename__ = "login_failures"
    __table_args__ = (sa.Index("ix_login_failures_key_failed_at", "key", "failed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=320)
    failed_at: datetime = timestamp_field()


# --- the account's lifecycle (auth.account) ---------------------------------------------------

RESET_TOKEN_HOURS = 1  # a password-reset link works once, within this many hours
RESET_MAX_PER_EMAIL = 3  # reset requests per email address ...
RESET_MAX_PER_CLIENT = 10  # ... and per client address ...
RESET_WINDOW_SECONDS = 3600  # ... within this many seconds, else 429


class NewPassword(InputModel):
    new_password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)

    _not_common = field_validator("new_password")(check_not_common)


class PasswordChange(NewPassword):
    """Your current password and the new one; revoke_tokens also revokes every API token."""

    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    revoke_tokens: bool = False


class EmailChange(InputModel):
    """The new email, confirmed with your current password."""

    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_email: EmailStr = Field(max_length=254)


class AccountDelete(InputModel):
    """Your password, to delete the account and everything in it."""

    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class PasswordResetRequest(InputModel):
    email: str = Field(min_length=3, max_length=254)


class PasswordResetConfirm(NewPassword):
    """The token from the reset link and the new password."""

    token: str = Field(min_length=20, max_length=100, regex=r"^[A-Za-z0-9_-]+$")


class PasswordChanged(SQLModel):
    """What the change signed out: other browser sessions and, if asked, tokens."""

    sessions_ended: int
    tokens_revoked: int


class PasswordReset(SQLModel, table=True):
    """A one-time password-reset link: only its hash is stored; used or expired, it is dead."""

    __tablename__ = "password_resets"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    created_at: datetime = timestamp_field()
    expires_at: datetime = Field(sa_column=sa.Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=sa.Column(UTCDateTime()))
