"""The write slot: on SQLite one writing request at a time; a route that only reads says so
at the route (READ_ONLY), and then neither waits for the slot nor needs a write token."""

import threading
from collections.abc import Iterator

import pytest
from fastapi import APIRouter, FastAPI, Request
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.deps import CurrentUser
from app.config import Settings
from app.db import READ_ONLY, SessionDep
from app.main import create_app
from tests.factories import Person, make_token

probe = APIRouter()


@probe.post("/probe/compute", dependencies=[READ_ONLY])
def compute(request: Request, user: CurrentUser, session: SessionDep) -> dict[str, bool]:
    """A new feature's POST that only computes, declared so at its route."""
    return {"writes": session.get_bind() is request.app.state.write_engine}


@probe.post("/probe/change")
def change(request: Request, user: CurrentUser, session: SessionDep) -> dict[str, bool]:
    """A POST that says nothing: it writes."""
    return {"writes": session.get_bind() is request.app.state.write_engine}


@pytest.fixture
def probed(settings: Settings, db: Session) -> Iterator[tuple[FastAPI, TestClient]]:
    app = create_app(settings.model_copy(update={"frontend_dir": None}))
    app.include_router(probe, prefix="/api/v1")
    with TestClient(app) as client:
        yield app, client
    app.state.engine.dispose()


def test_a_route_declared_read_only_reads_and_a_read_token_may_call_it(
    probed: tuple[FastAPI, TestClient], db: Session, alice: Person
) -> None:
    _, client = probed
    reader = {"Authorization": f"Bearer {make_token(db, alice.user, ['read'])}"}
    r = client.post("/api/v1/probe/compute", headers=reader)
    assert r.status_code == 200 and r.json() == {"writes": False}
    assert client.post("/api/v1/probe/change", headers=reader).status_code == 403
    r = client.post("/api/v1/probe/change", headers=alice.headers)
    assert r.status_code == 200 and r.json() == {"writes": True}


def test_while_a_write_holds_the_slot_reads_go_on_and_writes_wait(
    probed: tuple[FastAPI, TestClient], alice: Person
) -> None:
    app, client = probed
    lock = app.state.write_lock
    if lock is None:  # PostgreSQL has many writers: no slot
        assert app.state.engine.dialect.name == "postgresql"
        return
    assert client.portal is not None
    client.portal.call(lock.acquire)  # as a writing request in progress would
    waited: list[int] = []
    writer = threading.Thread(
        target=lambda: waited.append(
            client.post("/api/v1/probe/change", headers=alice.headers).status_code
        )
    )
    try:
        writer.start()
        read = client.post("/api/v1/probe/compute", headers=alice.headers)
        assert read.status_code == 200 and read.json() == {"writes": False}
        assert client.get("/api/v1/me", headers=alice.headers).status_code == 200
        writer.join(0.5)
        assert writer.is_alive() and not waited  # the write waits for the slot
    finally:
        client.portal.call(lock.release)
    writer.join(10)
    assert waited == [200]
