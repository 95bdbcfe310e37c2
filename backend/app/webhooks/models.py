"""Webhook subscriptions, their deliveries, and the follow_up.due notices already sent."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from pydantic import StringConstraints
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, timestamp_field
from app.inputs import InputModel, not_null

EventType = Literal[
    "application.created",
    "application.updated",
    "application.deleted",
    "event.created",
    "follow_up.recorded",
    "follow_up.due",
    "plan.changed",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
PING = "ping"  # sent by POST /webhooks/{id}/ping only; nobody subscribes to it
DeliveryStatus = Literal["pending", "delivered", "failed"]

MAX_SUBSCRIPTIONS = 20  # per user
MAX_URL_LENGTH = 2000
MAX_RESPONSE_CHARS = 1024  # of a receiver's answer, kept in the delivery log
MAX_ERROR_LENGTH = 500
MAX_DESCRIPTION = 200

WebhookUrl = Annotated[
    str,
    StringConstraints(max_length=MAX_URL_LENGTH, pattern=r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+\S*$"),
]


def _optional_time() -> Any:
    return Field(default=None, sa_column=sa.Column(UTCDateTime(), nullable=True))


# --- subscriptions -----------------------------------------------------------------------------


class WebhookSubscription(SQLModel, table=True):
    """Where to send which of an owner's events, and the secret that signs them."""

    __tablename__ = "webhook_subscriptions"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    url: str = Field(max_length=MAX_URL_LENGTH)
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION)
    event_types: str = Field(max_length=500, description="space-separated EventType values")
    enabled: bool = True
    # Kept as written (whsec_ + base64): it signs every delivery, so it cannot be a hash.
    secret: str = Field(max_length=100)
    disabled_reason: str | None = Field(default=None, max_length=MAX_ERROR_LENGTH)
    failing_since: datetime | None = _optional_time()
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class WebhookFields(SQLModel):
    url: WebhookUrl | None = Field(
        default=None, description=f"http(s) URL, at most {MAX_URL_LENGTH} characters"
    )
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION)
    event_types: list[EventType] | None = Field(
        default=None, min_length=1, max_length=len(EVENT_TYPES), description="the events wanted"
    )
    enabled: bool | None = Field(
        default=None, description="Turning a switched-off webhook on again clears its reason"
    )


class WebhookCreate(WebhookFields, InputModel):
    """A new webhook: its URL and the events wanted."""

    url: WebhookUrl = Field(description=f"http(s) URL, at most {MAX_URL_LENGTH} characters")
    event_types: list[EventType] = Field(
        min_length=1, max_length=len(EVENT_TYPES), description="the events wanted"
    )


class WebhookUpdate(WebhookFields, InputModel):
    """A partial update: only the fields sent change."""

    _required_stay_set = not_null("url", "event_types", "enabled")


class WebhookPublic(SQLModel):
    """A webhook as the API shows it (never with its secret)."""

    id: int
    url: str
    description: str | None
    event_types: list[EventType]
    enabled: bool
    disabled_reason: str | None = Field(
        description="Why Touchbase switched it off (deliveries failing for days); null if on"
    )
    failing_since: datetime | None = Field(
        description="When deliveries started failing without a success since; null if fine"
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: WebhookSubscription) -> "WebhookPublic":
        return cls.model_validate({**row.model_dump(), "event_types": row.event_types.split()})


class WebhookWithSecret(WebhookPublic):
    """A webhook with its signing secret: shown once, at creation and at rotation."""

    secret: str = Field(description="whsec_…: verify each delivery's webhook-signature with it")

    @classmethod
    def of(cls, row: WebhookSubscription) -> "WebhookWithSecret":
        return cls.model_validate(
            {**row.model_dump(), "event_types": row.event_types.split(), "secret": row.secret}
        )


# --- deliveries --------------------------------------------------------------------------------


class WebhookDelivery(SQLModel, table=True):
    """One event for one subscription: pending until delivered or failed for good.

    next_attempt_at is when it may be tried; a worker sending it holds leased_until, so no
    other takes it meanwhile, and one that dies leaves it to be taken again after the lease.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.Index("ix_webhook_deliveries_subscription", "subscription_id", "id"),
        sa.Index("ix_webhook_deliveries_ready", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="webhook_subscriptions.id", ondelete="CASCADE")
    event_id: str = Field(max_length=64, description="webhook-id: the same on every attempt")
    event_type: str = Field(max_length=40)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    status: str = Field(default="pending", max_length=16)
    attempt: int = Field(default=0, description="attempts made so far")
    status_code: int | None = None
    duration_ms: int | None = None
    response_body: str | None = Field(default=None, sa_type=sa.Text)
    error: str | None = Field(default=None, max_length=MAX_ERROR_LENGTH)
    next_attempt_at: datetime | None = _optional_time()
    leased_until: datetime | None = _optional_time()
    last_attempt_at: datetime | None = _optional_time()
    created_at: datetime = timestamp_field()


class DeliveryPublic(SQLModel):
    """One delivery in the log: its latest attempt and, while pending, when the next one is."""

    id: int
    event_id: str
    event_type: str
    status: DeliveryStatus
    attempt: int
    status_code: int | None
    duration_ms: int | None
    response_body: str | None = Field(
        description=f"The first {MAX_RESPONSE_CHARS} characters of the receiver's answer"
    )
    error: str | None = Field(description="Why the last attempt failed, when it got no answer")
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    created_at: datetime
    payload: dict[str, Any]


class DeliveryPage(SQLModel):
    items: list[DeliveryPublic]
    next_cursor: str | None


# --- follow_up.due, once per application and due date ------------------------------------------


class DueNotice(SQLModel, table=True):
    """A follow_up.due already announced: one row per application and due date."""

    __tablename__ = "webhook_due_notices"

    application_id: int = Field(primary_key=True, foreign_key="applications.id", ondelete="CASCADE")
    due_on: date = Field(primary_key=True)
    created_at: datetime = timestamp_field()
