"""app.db: per-transaction state, its cursor statements, and PostgreSQL's round trips and
dropped connections."""

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from psycopg import pq
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.applications.models import Event
from app.db import CursorInsert, PerTransaction
from tests.factories import Person, make_application, make_user

_SEEN: PerTransaction[list[str]] = PerTransaction("tests.seen", list)


def test_state_lives_for_one_transaction_and_ends_with_commit_or_rollback(db: Session) -> None:
    assert _SEEN.take(db) is None
    _SEEN.get(db).append("a")
    _SEEN.get(db).append("b")
    assert _SEEN.get(db) == ["a", "b"]  # the same list all through the transaction

    db.execute(text("SELECT 1"))
    db.commit()
    assert _SEEN.get(db) == []  # the commit forgot it

    _SEEN.get(db).append("c")
    db.execute(text("SELECT 1"))
    db.rollback()
    assert _SEEN.take(db) is None  # and so did the rollback

    _SEEN.get(db).append("d")
    assert _SEEN.take(db) == ["d"]
    assert _SEEN.take(db) is None  # taken means removed


def test_a_cursor_insert_writes_the_row_connection_execute_would(db: Session) -> None:
    owner = make_user(db, "cursor-insert@example.com")
    app = make_application(db, owner)
    table = Event.__table__  # type: ignore[attr-defined]  # SQLModel's table
    fields = Event(application_id=app.id, kind="note", occurred_on=date(2026, 6, 10))  # type: ignore[arg-type]
    values = fields.model_dump(exclude={"id"}) | {"summary": "Called", "still_a_finalist": True}
    conn = db.connection()
    by_core = conn.execute(sa.insert(table), values).inserted_primary_key[0]
    CursorInsert(table).insert(conn, values)
    by_cursor = CursorInsert(table, key=True).insert(conn, values)
    query = sa.select(table).where(table.c.application_id == app.id).order_by(table.c.id)
    rows = conn.execute(query).all()
    assert [r.id for r in rows][-2:] == [by_core + 1, by_cursor] and by_cursor == by_core + 2
    assert len({tuple(r)[1:] for r in rows if r.id >= by_core}) == 1  # the same row thrice
    with pytest.raises(sa.exc.InvalidRequestError, match="value is required"):
        CursorInsert(table).insert(conn, {k: v for k, v in values.items() if k != "created_at"})


@contextmanager
def traced(engine: Engine) -> Iterator[Callable[[], list[str]]]:
    """What the engine's PostgreSQL connections send from now on, by libpq's trace: a
    function giving the round trips (each "Sync" or "Query <text>") since its last call."""
    with tempfile.TemporaryFile("w+") as trace:

        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.pgconn.trace(trace.fileno())
            dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

        def sent() -> list[str]:
            trace.seek(0)
            lines = [line.split("\t") for line in trace.read().splitlines()]
            trace.seek(0)
            trace.truncate()
            sync_or_query = [m for m in lines if m[0] == "F" and m[2] in ("Sync", "Query")]
            return [" ".join(part.strip() for part in m[2:4]) for m in sync_or_query]

        engine.dispose()  # every connection from here on is a traced one
        sa.event.listen(engine, "connect", on_connect)
        try:
            yield sent
        finally:
            sa.event.remove(engine, "connect", on_connect)
            engine.dispose()


def _postgres_only(engine: Engine) -> None:
    assert engine.dialect.name == "postgresql"  # the marker deselects the SQLite case


@pytest.mark.postgresql_only
def test_a_read_request_makes_one_round_trip_a_statement(
    client: TestClient, engine: Engine, alice: Person
) -> None:
    _postgres_only(engine)
    with traced(engine) as sent:
        assert client.get("/api/v1/me", headers=alice.headers).status_code == 200
        sent()
        assert client.get("/api/v1/me", headers=alice.headers).status_code == 200
        assert sent() == ["Sync"]  # the profile's statement: no ping, no BEGIN, no ROLLBACK
        assert client.get("/api/v1/applications", headers=alice.headers).status_code == 200
        assert set(sent()) == {"Sync"}  # statements only, no BEGIN, no COMMIT


@pytest.mark.postgresql_only
def test_a_write_request_keeps_its_one_transaction(
    client: TestClient, engine: Engine, alice: Person
) -> None:
    _postgres_only(engine)
    with traced(engine) as sent:
        answer = client.patch("/api/v1/me", json={"name": "Alice B"}, headers=alice.headers)
        assert answer.status_code == 200
        trips = sent()
    assert trips[0].startswith('Query "BEGIN') and trips[-1] == 'Query "COMMIT"'
    assert all(trip == "Sync" for trip in trips[1:-1])


@pytest.mark.postgresql_only
def test_a_create_writes_its_row_summary_and_applied_event_in_one_round_trip(
    client: TestClient, engine: Engine, alice: Person
) -> None:
    """BEGIN, the token, the policy, the application with its summary and applied event (one
    statement: summaries.InsertNew), its stored plan, the subscriptions, COMMIT."""
    _postgres_only(engine)
    body = {"company": "Acme", "position": "Dev", "applied_on": "2026-03-02"}
    with traced(engine) as sent:
        assert client.post("/api/v1/applications", json=body, headers=alice.headers).is_success
        sent()
        answer = client.post("/api/v1/applications", json=body, headers=alice.headers)
        trips = sent()
    assert answer.status_code == 201
    assert trips[0].startswith('Query "BEGIN') and trips[-1] == 'Query "COMMIT"'
    assert trips[1:-1] == ["Sync"] * 5, trips


@pytest.mark.postgresql_only
def test_a_connection_the_server_closed_is_replaced_before_a_request_uses_it(
    client: TestClient, engine: Engine, alice: Person
) -> None:
    _postgres_only(engine)
    engine.dispose()
    assert client.get("/api/v1/me", headers=alice.headers).status_code == 200
    with engine.connect() as conn:  # the pool's one connection, the one /me used
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
    with psycopg.connect(
        sa.make_url(engine.url).set(drivername="postgresql").render_as_string(hide_password=False),
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _ in range(500):  # until the backend is gone (its socket then reads FATAL, EOF)
            if not admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).rowcount:
                break
            time.sleep(0.01)
    assert client.get("/api/v1/me", headers=alice.headers).status_code == 200
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one() != pid


@pytest.mark.postgresql_only
def test_a_read_only_requests_connection_refuses_a_write(app: FastAPI, alice: Person) -> None:
    read_engine: Engine = app.state.read_engine
    _postgres_only(read_engine)
    with read_engine.connect() as conn, pytest.raises(RuntimeError, match="a write"):
        conn.execute(sa.text("UPDATE users SET name = name WHERE false"))
