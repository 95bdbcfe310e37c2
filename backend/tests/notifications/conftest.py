"""Fixtures for the digest: users who want it at any hour, every day, with mail on."""

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.applications.models import Application
from app.auth.models import User
from app.auth.service import today_for
from app.config import Settings
from app.jobs.worker import Worker
from app.notifications import service
from tests.factories import make_application


def ago(user: User, days: int) -> str:
    return (today_for(user) - timedelta(days=days)).isoformat()


def wants_digest_now(db: Session, user: User) -> None:
    """Hour 0, every day: the digest is due whenever the test runs."""
    service.update(db, user, {"digest_hour": 0, "weekdays_only": False})


def due_now(db: Session, user: User, company: str = "Acme") -> Application:
    return make_application(db, user, company=company, position="Engineer", applied_on=ago(user, 9))


def worker(engine: Engine, settings: Settings) -> Worker:
    return Worker(engine, settings)
