"""app.db's per-transaction state (made on first use, gone when the transaction ends) and its
cursor statements."""

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy import text
from sqlmodel import Session

from app.applications.models import Event
from app.db import CursorInsert, PerTransaction
from tests.factories import make_application, make_user

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
