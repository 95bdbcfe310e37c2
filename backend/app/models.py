"""Every table, imported in one place for Alembic and the tests (with followups.plans, the
session hooks that keep stored plans fresh and give every new account its default policy)."""

from app.applications.models import Application, Contact, Event
from app.auth.models import ApiToken, AuthSession, LoginFailure, User
from app.followups import plans  # noqa: F401  (registers the session hooks)
from app.followups.models import CalendarFeed, Policy
from app.idempotency import IdempotencyKey
from app.templates.models import Template

__all__ = [
    "ApiToken",
    "Application",
    "AuthSession",
    "CalendarFeed",
    "Contact",
    "Event",
    "IdempotencyKey",
    "LoginFailure",
    "Policy",
    "Template",
    "User",
]
