"""Reading and changing a user's notification settings; unsubscribing; the test email."""

from typing import Any

from sqlmodel import Session

from app.auth.models import User
from app.config import Settings
from app.db import apply_changes, lock_key, utcnow
from app.errors import Conflict, TooManyRequests
from app.mail import outbox
from app.notifications.models import NotificationSettings

TEST_EMAIL_INTERVAL_SECONDS = 60  # at most one test email per user in this many seconds


def get(session: Session, user: User) -> NotificationSettings:
    """The user's settings (the defaults, not stored, when they never changed any)."""
    assert user.id is not None
    return session.get(NotificationSettings, user.id) or NotificationSettings(user_id=user.id)


def public(row: NotificationSettings, user: User, settings: Settings) -> dict[str, Any]:
    """NotificationSettingsPublic's fields."""
    return {
        "digest_enabled": row.digest_enabled,
        "digest_hour": row.digest_hour,
        "weekdays_only": row.weekdays_only,
        "timezone": user.timezone,
        "email": user.email,
        "mail_enabled": settings.mail_enabled,
    }


def update(session: Session, user: User, changes: dict[str, Any]) -> NotificationSettings:
    """Store changed settings (one writer per user at a time) and commit."""
    lock_key(session, f"notification-settings:{user.id}")
    row = session.get(NotificationSettings, user.id)
    if row is None:
        row = NotificationSettings(user_id=user.id)  # type: ignore[arg-type]
    apply_changes(row, changes)
    session.add(row)
    session.commit()
    return row


def send_test_email(session: Session, user: User, settings: Settings) -> None:
    """Queue a test email to the user's address (Conflict when mail is off, TooManyRequests
    within TEST_EMAIL_INTERVAL_SECONDS of the last one), and commit."""
    if not settings.mail_enabled:
        raise Conflict(
            "Mail is off on this server: the operator sets TOUCHBASE_SMTP_URL (and "
            "TOUCHBASE_SECRET_KEY) to turn it on.",
            slug="mail-off",
            title="Mail is off",
        )
    window = int(utcnow().timestamp()) // TEST_EMAIL_INTERVAL_SECONDS
    queued = outbox.send_later(
        session,
        to=user.email,
        subject="Touchbase test email",
        text=f"Hello {user.name},\n\nthis is the test email you asked for: mail from "
        "Touchbase reaches you.\n",
        settings=settings,
        key=f"test-email:{user.id}:{window}",
    )
    if not queued:
        raise TooManyRequests(
            f"A test email went out less than {TEST_EMAIL_INTERVAL_SECONDS} seconds ago.",
            slug="test-email-too-soon",
            headers={"Retry-After": str(TEST_EMAIL_INTERVAL_SECONDS)},
        )
    session.commit()
