"""Per-user notification settings, and one digest delivery row per user and local day."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, timestamp_field
from app.inputs import InputModel, not_null

DEFAULT_DIGEST_HOUR = 8


class NotificationSettings(SQLModel, table=True):
    """A user's digest settings; a user without a row has the defaults (on, 08:00, weekdays)."""

    __tablename__ = "notification_settings"

    user_id: int = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    digest_enabled: bool = True
    digest_hour: int = DEFAULT_DIGEST_HOUR
    weekdays_only: bool = True
    updated_at: datetime = timestamp_field()


class DigestDelivery(SQLModel, table=True):
    """The one digest of a user's local day: claimed (inserted) before it is sent, so a second
    worker, a restart or a late run finds the day taken. status: claimed, then sent, empty
    (nothing to do that day: nothing sent) or expired (the day ended before it could go)."""

    __tablename__ = "digest_deliveries"

    user_id: int = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    local_date: date = Field(primary_key=True)
    status: str = Field(default="claimed", max_length=16)
    items: int = 0
    claimed_at: datetime = timestamp_field()
    sent_at: datetime | None = Field(
        default=None, sa_column=sa.Column(UTCDateTime(), nullable=True)
    )


class NotificationSettingsPublic(SQLModel):
    """Your digest settings, and whether this server can send mail at all."""

    digest_enabled: bool
    digest_hour: int = Field(ge=0, le=23, description="The local hour (your time zone) it goes")
    weekdays_only: bool = Field(description="No digest on Saturdays and Sundays")
    timezone: str = Field(description="Your time zone (set on /me)")
    email: str = Field(description="Where the digest and the test email go")
    mail_enabled: bool = Field(
        description="false: the server has no TOUCHBASE_SMTP_URL, so no mail is sent"
    )


class NotificationSettingsUpdate(InputModel):
    """The digest settings to change; all optional."""

    digest_enabled: bool | None = None
    digest_hour: int | None = Field(default=None, ge=0, le=23)
    weekdays_only: bool | None = None

    _set_or_left_out = not_null("digest_enabled", "digest_hour", "weekdays_only")


class TestEmailQueued(SQLModel):
    """The test email is queued; the worker sends it within seconds."""

    to: str
