"""Factories: build rows straight in the database, with overrides for what a test cares about."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Executable
from sqlmodel import Session

from app.applications import service as applications
from app.applications import summaries
from app.applications.models import Application, ApplicationCreate
from app.auth import service as auth
from app.auth.models import TokenCreate, User

PASSWORD = "correct horse battery"


@lru_cache
def _password_hash() -> str:
    return auth.password_hash.hash(PASSWORD)  # argon2 is slow on purpose: hash once


@dataclass
class Person:
    """A user with a read-write token, ready to call the API."""

    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_user(session: Session, email: str, name: str = "Test User", **overrides: Any) -> User:
    user = User(email=email, name=name, password_hash=_password_hash(), **overrides)
    session.add(user)
    session.flush()
    session.commit()  # with its default policy (followups.plans); no transaction left open
    return user


def make_token(session: Session, user: User, scopes: list[str] | None = None, **kw: Any) -> str:
    data = TokenCreate(name="test", scopes=scopes or ["read", "write"], **kw)  # type: ignore[arg-type]
    return auth.create_token(session, user, data).token


def execute(engine: Engine, statement: Executable) -> None:
    """Run one statement in its own committed transaction (for setting up odd states)."""
    with engine.begin() as conn:
        conn.execute(statement)


def make_person(session: Session, email: str, name: str = "Test User") -> Person:
    user = make_user(session, email, name)
    return Person(user=user, token=make_token(session, user))


def make_application(session: Session, user: User, **overrides: Any) -> Application:
    fields: dict[str, Any] = {"company": "Acme", "position": "Engineer", **overrides}
    if "applied_on" in fields and isinstance(fields["applied_on"], str):
        fields["applied_on"] = date.fromisoformat(fields["applied_on"])
    app = applications.create(session, user.id, ApplicationCreate(**fields))
    session.commit()
    return app


def many_applications(engine: Engine, owners: list[Person], per_owner: int) -> None:
    """`per_owner` plain applications an owner in one statement, past the service (no plans,
    no events; their summaries stored as every write stores them): data for the query
    planner, not for behaviour."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "owner_id": person.user.id,
            "company": f"Firm {i}",
            "position": "Engineer",
            "status": "applied",
            "archived": False,
            "created_at": start + timedelta(minutes=i),
            "updated_at": start + timedelta(minutes=i),
        }
        for person in owners
        for i in range(per_owner)
    ]
    with engine.begin() as conn:
        conn.execute(sa.insert(Application.__table__), rows)  # type: ignore[attr-defined]
        summaries.store_all(conn)
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE applications")
