"""The database: engine, naming convention, UTC timestamps and the session dependency."""

import asyncio
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Path, Request
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel
from starlette.types import ASGIApp, Receive, Scope, Send

from app.config import Settings

# Stable constraint names, so migrations can drop and alter them on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POST routes that only compute from what is stored: they take the read path (no write lock
# on SQLite) and read-only tokens may call them.
READ_ONLY_POSTS = re.compile(
    r"^/api/v1/(applications/\d+/render|templates/preview|policies/simulate|postings/analyze)$"
)
# A row id as a path parameter: beyond the column's range it is a 422, not a database error.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def writes(method: str, path: str) -> bool:
    """Whether a request may change data (and so needs a write transaction and scope)."""
    if method in SAFE_METHODS:
        return False
    return not (method == "POST" and READ_ONLY_POSTS.match(path))


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def result_processor(self, dialect: sa.Dialect, coltype: object) -> Callable[[Any], Any]:
        if dialect.name != "sqlite":
            # Ignored on the next line: SQLAlchemy types the processor Optional
            return super().result_processor(dialect, coltype)  # type: ignore[return-value]

        # SQLite keeps the UTC time as text without an offset: parse it as UTC in one step.
        # (process_result_value's datetime.replace costs more than the parsing; lists read
        # two timestamps a row.)
        def process(value: str | None) -> datetime | None:
            return None if value is None else datetime.fromisoformat(value + "+00:00")

        return process


def timestamp_field(*, index: bool = False) -> Any:
    """A model field for a non-null UTC timestamp defaulting to now."""
    column: sa.Column[datetime] = sa.Column(
        UTCDateTime(), nullable=False, default=utcnow, index=index
    )
    return Field(default_factory=utcnow, sa_column=column)


def apply_changes(row: Any, changes: Mapping[str, Any]) -> None:
    """Set a partial update's fields on a row and stamp its updated_at (the caller commits)."""
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = utcnow()


def create_db_engine(settings: Settings) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE writes."""
    url = sa.make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(
            url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            pool_pre_ping=True,
        )
    if url.database and url.database != ":memory:":
        from pathlib import Path

        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Read the file through a memory map, not a copy per page; SQLite caps the size at
        # its build's maximum (2 GiB in Debian's), past which pages are read as usual.
        cursor.execute(f"PRAGMA mmap_size={16 * 2**30}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A writer takes the write lock up front, so two writers queue instead of deadlocking.
        immediate = conn.get_execution_options().get("touchbase_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions are writes (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(touchbase_write=True)


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; unsafe methods open write transactions."""
    engine: Engine = request.app.state.engine
    write = writes(request.method, request.url.path)
    bind = request.app.state.write_engine if write else engine
    with Session(bind, expire_on_commit=False) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def lock_key(session: Session, key: str) -> None:
    """Serialize writers on one key until this transaction ends.

    PostgreSQL takes a transaction advisory lock; SQLite writers are already serialized by
    BEGIN IMMEDIATE.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key}
        )


class SQLiteWriteQueue:
    """Let one write request at a time into the app when the database is SQLite.

    SQLite has one writer. Without this queue, a burst of writers can fill the thread pool
    with requests waiting on the write lock while the lock holder waits for a thread.
    Across processes BEGIN IMMEDIATE and the busy timeout still do the serializing.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.lock = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not writes(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        async with self.lock:
            await self.app(scope, receive, send)
