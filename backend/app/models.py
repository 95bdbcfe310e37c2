"""Every table, imported in one place for Alembic, the CLI and the tests, with the session
hooks: followups.plans keeps stored plans fresh and gives every new account its default
policy; calendar.service gives it its calendar feed; mail.outbox, notifications.digest and
webhooks.worker register their job kinds and worker steps; webhooks.service turns app.events
into deliveries."""

from app.applications.models import Application, Contact, Event
from app.auth.models import ApiToken, AuthSession, LoginFailure, User
from app.calendar import service as calendar  # noqa: F401  (registers the feed hook)
from app.followups import plans  # noqa: F401  (registers the session hooks)
from app.followups.models import CalendarFeed, Policy, Snooze
from app.idempotency import IdempotencyKey
from app.jobs.models import Job
from app.mail import outbox  # noqa: F401  (registers the mail.send job kind)
from app.notifications import digest  # noqa: F401  (registers the digest's scan and job)
from app.notifications.models import DigestDelivery, NotificationSettings
from app.templates.models import Template
from app.webhooks import service as webhooks  # noqa: F401  (registers the event hooks)
from app.webhooks import worker as webhook_worker  # noqa: F401  (registers its worker steps)
from app.webhooks.models import DueNotice, WebhookDelivery, WebhookSubscription

__all__ = [
    "ApiToken",
    "Application",
    "AuthSession",
    "CalendarFeed",
    "Contact",
    "DigestDelivery",
    "Event",
    "IdempotencyKey",
    "Job",
    "LoginFailure",
    "NotificationSettings",
    "Policy",
    "Snooze",
    "Template",
    "User",
    "WebhookDelivery",
    "WebhookSubscription",
    "DueNotice",
]
