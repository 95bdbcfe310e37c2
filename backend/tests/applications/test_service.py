"""applications.service: the list's queries use the indexes they were written for."""

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.applications import service
from app.applications.models import Application
from tests.factories import Person, make_person

PER_OWNER = 150


def many(engine: Engine, owners: list[Person]) -> None:
    """PER_OWNER applications an owner, written in one statement (the planner's data)."""
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
        for i in range(PER_OWNER)
    ]
    with engine.begin() as conn:
        conn.execute(sa.insert(Application.__table__), rows)  # type: ignore[attr-defined]
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE applications")


def _queries(engine: Engine, db: Session, person: Person) -> list[tuple[str, Any]]:
    """The SELECTs list_page runs for a first page with more after it (so it counts too)."""
    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        rows, next_cursor, total = service.list_page(
            db, person.user, status=None, archived=None, q=None, sort="-updated_at", limit=50,
            cursor=None,
        )  # fmt: skip
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    db.rollback()
    assert (len(rows), total) == (50, PER_OWNER) and next_cursor
    return seen


def query_plan(conn: sa.Connection, statement: str, params: Any) -> str:
    """The database's plan of a statement, as one line of text."""
    if conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
        return " ".join(str(row[-1]) for row in found)
    return " ".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {statement}", params))


def test_the_total_is_counted_from_the_live_index_and_the_page_walks_its_sort_index(
    engine: Engine, db: Session, alice: Person
) -> None:
    many(engine, [alice, make_person(db, "bob@example.com"), make_person(db, "cy@example.com")])
    (page, page_params), (count, count_params) = _queries(engine, db, alice)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":  # SQLite without statistics, as Touchbase runs it
            page_plan = query_plan(conn, page, page_params)
            count_plan = query_plan(conn, count, count_params)
            assert "COVERING INDEX ix_applications_owner_live" in count_plan, count
            assert "ix_applications_owner_updated" in page_plan and "TEMP B-TREE" not in page_plan
        else:  # cost-based on its own statistics (at 450 rows it scans); the index is there
            indexes = {
                i["name"]: i["column_names"] for i in sa.inspect(conn).get_indexes("applications")
            }
            assert indexes["ix_applications_owner_live"][:2] == ["owner_id", "deleted_at"]
