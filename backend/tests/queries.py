"""The SQL a piece of code runs, and the plan the database makes of it."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine


@contextmanager
def recorded(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every statement (with its parameters) the engine runs inside the block."""
    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)


def query_plan(conn: sa.Connection, statement: str, params: Any) -> str:
    """The database's plan of a statement, as one line of text."""
    if conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
        return " ".join(str(row[-1]) for row in found)
    return " ".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {statement}", params))
