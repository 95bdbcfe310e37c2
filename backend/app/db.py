"""The database: engine, naming convention, UTC timestamps and the session dependency."""

import asyncio
import collections
import functools
import select
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

import anyio
import sqlalchemy as sa
from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel
from starlette.types import Scope

from app.config import Settings
from app.inputs import MAX_ID

# Stable constraint names, so migrations can drop and alter them on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A row id as a path parameter: beyond the column's range it is a 422, not a database error.
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
T = TypeVar("T")


async def read_only() -> None:
    """Marks a route that only computes from what is stored, even on POST (see READ_ONLY).

    Async, so the mark costs no hop into the thread pool.
    """


# `dependencies=[READ_ONLY]` on a route (or a router): it gets no write transaction, does not
# take the write slot on SQLite, and read-only tokens may call it.
READ_ONLY = Depends(read_only)


def writes(scope: Scope) -> bool:
    """Whether a routed request may change data (and so needs a write transaction and scope)."""
    if scope["method"] in SAFE_METHODS:
        return False
    route = scope.get("route")
    return not any(d.dependency is read_only for d in getattr(route, "dependencies", ()))


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
    """An engine for the URL; SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE writes,
    PostgreSQL a pool that drops the connections the server closed (see _drop_if_closed)."""
    url = sa.make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        engine = sa.create_engine(
            url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
        )
        sa.event.listen(engine, "checkout", _drop_if_closed)
        return engine
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
        # Off by default (settings.sqlite_mmap_mb): reads through a map were no faster in
        # the bench, and each connection's map made RSS read many times the real memory.
        cursor.execute(f"PRAGMA mmap_size={settings.sqlite_mmap_mb * 2**20}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A writer takes the write lock up front, so two writers queue instead of deadlocking.
        immediate = conn.get_execution_options().get("touchbase_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _drop_if_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Refuse a pooled connection whose server has closed it, so the pool connects afresh.

    Instead of pool_pre_ping, which costs every request a round trip: a server that ends a
    connection (a restart, pg_terminate_backend, idle_session_timeout) sends a FATAL notice
    and closes the socket, so an idle connection's socket with anything to read is dead (or
    holds an unasked-for notice: dropping it then costs one reconnect). A poll of the socket
    costs no round trip (urllib3's is_connection_dropped does the same). What the socket
    cannot show fails its request as before, and SQLAlchemy then drops the whole pool: a
    connection lost mid-request, or a peer gone without closing (where a ping too would wait
    out TCP's timeout).
    """
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    if poller.poll(0):
        raise sa.exc.DisconnectionError("the server closed the connection")


def reader(engine: Engine) -> Engine:
    """The same engine (one pool) for requests that only read: on PostgreSQL in autocommit.

    A read in a transaction costs three round trips besides its statements (BEGIN, and the
    pool's ROLLBACK or end_read's COMMIT); in autocommit there are none, and psycopg's
    prepared statements, which each ROLLBACK cleared, survive from request to request. At
    PostgreSQL's READ COMMITTED every statement sees its own snapshot anyway, so a read
    sees nothing it would not have seen in a transaction. A statement that could write fails
    here (_reads_only), since no transaction would hold it. SQLite reads keep their BEGIN:
    there a transaction is one snapshot, and costs no round trip.
    """
    if engine.dialect.name != "postgresql":
        return engine
    read = engine.execution_options(isolation_level="AUTOCOMMIT")
    sa.event.listen(read, "before_cursor_execute", _reads_only)
    return read


_READS = ("SELECT", "WITH", "SHOW")  # WITH: a CTE read; a write behind one is the writer's


def _reads_only(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
    if not statement.lstrip()[:6].upper().startswith(_READS):
        raise RuntimeError(f"a write on a read-only request's connection: {statement[:60]}")


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions are writes (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(touchbase_write=True)


def write_lock(engine: Engine) -> asyncio.Lock | None:
    """The app's write slot: one lock on SQLite, which has one writer; none on PostgreSQL.

    Without it a burst of writers can fill the thread pool with requests waiting on SQLite's
    write lock while the holder waits for a thread. Requests wait for the slot in the event
    loop, holding no thread. Across processes BEGIN IMMEDIATE and the busy timeout serialize.
    """
    return asyncio.Lock() if engine.dialect.name == "sqlite" else None


def _slot(request: Request) -> AbstractAsyncContextManager[Any]:
    lock: asyncio.Lock | None = request.app.state.write_lock
    return lock if lock is not None else nullcontext()


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request; a request that writes opens a write transaction and holds
    the write slot until the session is closed.

    Async, so opening costs no hop into the thread pool (a Session connects on first use).
    Closing rolls back an open transaction, which is I/O: it runs in a thread of its own
    limiter, as FastAPI's own teardown of sync dependencies does, since the pool's threads
    may all be waiting on a lock this very transaction holds. A PostgreSQL read holds none
    (reader: autocommit), so its close sends nothing and needs no thread.
    """
    state = request.app.state
    write = writes(request.scope)
    session = Session(state.write_engine if write else state.read_engine, expire_on_commit=False)
    async with _slot(request) if write else nullcontext():
        try:
            yield session
        finally:
            if session.in_transaction() and not _autocommit(session):
                await anyio.to_thread.run_sync(session.close, limiter=anyio.CapacityLimiter(1))
            else:
                session.close()


def _autocommit(session: Session) -> bool:
    return session.get_bind().get_execution_options().get("isolation_level") == "AUTOCOMMIT"


SessionDep = Annotated[Session, Depends(get_session)]


def end_read(session: Session) -> None:
    """End a read-only request's transaction where its reads are done (commit: what it loaded
    stays loaded), so closing the session needs no trip to the thread pool of its own. A
    later read opens a new transaction; a request that writes (its session is bound to the
    write engine, see get_session) keeps its one transaction."""
    if session.in_transaction() and not session.get_bind().get_execution_options().get(
        "touchbase_write", False
    ):
        session.commit()


async def in_thread(session: Session, work: Callable[[], T]) -> T:
    """work() in one trip to the thread pool, a read-only request's transaction ended in it.

    For an async route that does its database work in one call: each trip is a hand-over of
    the GIL between two threads, the largest fixed cost of a request, and a sync route makes
    two or three (the handler, the validation of its answer, the session's close).
    """

    def run() -> T:
        result = work()
        end_read(session)
        return result

    return await run_in_threadpool(run)


class ShortWrites:
    """Short transactions for a route that does slow work between its reads and writes (a
    password check): each write holds the write slot only while it runs, the slow work none.
    Such a route takes ShortWritesDep instead of SessionDep."""

    def __init__(self, request: Request) -> None:
        self.request = request

    async def write(self, work: Callable[[Session], T]) -> T:
        """work(session) in a write transaction of its own, inside the write slot."""
        async with _slot(self.request):
            return await run_in_threadpool(self._run, self.request.app.state.write_engine, work)

    async def read(self, work: Callable[[Session], T]) -> T:
        """work(session) in a read transaction of its own, outside the write slot."""
        return await run_in_threadpool(self._run, self.request.app.state.read_engine, work)

    @staticmethod
    def _run(engine: Engine, work: Callable[[Session], T]) -> T:
        with Session(engine, expire_on_commit=False) as session:
            return work(session)


async def short_writes(request: Request) -> ShortWrites:
    """ShortWrites for this request (async: no hop into the thread pool)."""
    return ShortWrites(request)


ShortWritesDep = Annotated[ShortWrites, Depends(short_writes)]


class PerTransaction(Generic[T]):
    """State a module keeps on a session for its current transaction only (a write's pending
    events, the plans a flush made stale, the subscriptions already read): made on first use
    and forgotten when the transaction commits or rolls back, so none leaks into the next."""

    def __init__(self, name: str, factory: Callable[[], T]) -> None:
        self.key = f"touchbase.{name}"
        self.factory = factory
        sa.event.listen(sa.orm.Session, "after_commit", self._forget)
        sa.event.listen(sa.orm.Session, "after_soft_rollback", self._forget)

    def get(self, session: Any) -> T:
        """This transaction's state (made now if it has none yet)."""
        info: dict[str, Any] = session.info
        if self.key not in info:
            info[self.key] = self.factory()
        value: T = info[self.key]
        return value

    def take(self, session: Any) -> T | None:
        """This transaction's state, removed from the session (None if it had none)."""
        value: T | None = session.info.pop(self.key, None)
        return value

    def _forget(self, session: Any, *_: Any) -> None:
        session.info.pop(self.key, None)


def lock_key(session: Session, key: str) -> None:
    """Serialize writers on one key until this transaction ends.

    PostgreSQL takes a transaction advisory lock; SQLite writers are already serialized by
    BEGIN IMMEDIATE.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key}
        )


class CursorSelect:
    """A Core select run on the DBAPI cursor of a Connection: compiled once per dialect, its
    parameters and rows converted by the columns' own bind and result processors (what
    Connection.execute does), without SQLAlchemy's execution context and result objects
    (about a third of a 50-row page's read on SQLite). For the hot list pages: one statement,
    rows as named tuples (by position or by label), engine events still told of it."""

    def __init__(self, query: sa.Select[*tuple[Any, ...]] | sa.Insert) -> None:
        self.query = query
        self.compiled: dict[str, _Compiled] = {}

    def rows(self, conn: sa.Connection, params: Mapping[str, Any]) -> list[Any]:
        """The rows of the select with these parameters, inside conn's transaction."""
        return self.converted(conn.dialect, self.raw(conn, params))

    def raw(self, conn: sa.Connection, params: Mapping[str, Any]) -> list[Any]:
        """The DBAPI's own rows of the select (rows() before `converted`), inside conn's
        transaction: for a page that converts only the row its cursor names."""
        compiled = self._compiled(conn.dialect)
        if not conn.in_transaction():
            conn.begin()  # as Connection.execute would: BEGIN on SQLite (see create_db_engine)
        bound = compiled.parameters(params)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            for listener in conn.dispatch.before_cursor_execute:
                listener(conn, cursor, compiled.sql, bound, None, False)
            cursor.execute(compiled.sql, bound)
            return list(cursor.fetchall()) if cursor.description is not None else []
        finally:
            cursor.close()

    def converted(self, dialect: sa.Dialect, found: Sequence[Any]) -> list[Any]:
        """raw() rows as rows() gives them: converted by the columns' result processors, as
        named tuples."""
        if not found:
            return []
        compiled = self._compiled(dialect)
        # Column by column, so that the loops are map's and zip's, not Python's.
        columns = list(zip(*found, strict=True))
        for i, process in compiled.convert:
            columns[i] = tuple(map(process, columns[i]))
        return list(map(compiled.row, zip(*columns, strict=True)))

    def _compiled(self, dialect: sa.Dialect) -> "_Compiled":
        compiled = self.compiled.get(dialect.name)
        if compiled is None:
            compiled = self.compiled[dialect.name] = _Compiled(self.query, dialect)
        return compiled


class CursorInsert(CursorSelect):
    """A Core INSERT of one whole row on the DBAPI cursor, as CursorSelect runs a select (the
    same compilation by SQLAlchemy and bind processors; about 30 µs less a row than
    Connection.execute on SQLite). No column defaults apply: the caller gives every column but
    the autoincrement key (a missing one is SQLAlchemy's "a value is required" error), as a
    model's fields and their defaults give them. With `key`, the new row's key comes back by
    RETURNING (about 8 µs more on SQLite, so only where it is used)."""

    def __init__(self, table: sa.Table, *, key: bool = False) -> None:
        auto = table.autoincrement_column
        values = {c.key: sa.bindparam(c.key, type_=c.type) for c in table.columns if c is not auto}
        insert = sa.insert(table).values(values)
        if key:
            assert auto is not None, f"{table.name} has no autoincrement key"
            insert = insert.returning(auto)
        super().__init__(insert)

    def insert(self, conn: sa.Connection, values: Mapping[str, Any]) -> Any:
        """Insert the row inside conn's transaction; its new key (None without `key`)."""
        rows = self.rows(conn, values)
        return rows[0][0] if rows else None


class _Compiled:
    """A statement compiled for one dialect, with its processors."""

    def __init__(self, query: sa.Select[*tuple[Any, ...]] | sa.Insert, dialect: sa.Dialect) -> None:
        compiled = query.compile(dialect=dialect)
        self.sql, self.compiled = str(compiled), compiled
        self.positional = compiled.positiontup
        self.bind = {
            name: process
            for name, bind in compiled.binds.items()
            if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        columns = compiled._result_columns  # (key, name, objects, type) of each selected column
        keys = [entry[0] for entry in columns]
        self.row = functools.partial(tuple.__new__, _row_type(tuple(keys)))
        self.convert = [
            (i, process)
            for i, entry in enumerate(columns)
            if (process := entry[3].dialect_impl(dialect).result_processor(dialect, None))
        ]

    def parameters(self, params: Mapping[str, Any]) -> Any:
        """The DBAPI's parameters: a tuple for a positional paramstyle (SQLite), else a dict."""
        values = self.compiled.construct_params(params)
        for name, process in self.bind.items():
            values[name] = process(values[name])
        if self.positional is not None:
            return tuple(values[name] for name in self.positional)
        return values


@functools.cache
def _row_type(keys: tuple[str, ...]) -> Any:
    return collections.namedtuple("Row", keys, rename=True)
