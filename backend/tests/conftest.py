"""Test fixtures: every database test runs on SQLite and, when configured, on PostgreSQL.

The test databases are built by the real migrations; each test gets a clean database and
the real ASGI app (in process, or served over HTTP by uvicorn for concurrency and browser
tests).
"""

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
import uvicorn
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from app.applications import summaries
from app.auth import service as auth_service
from app.config import BACKEND_DIR, REPO_DIR, Settings, get_settings
from app.db import CursorSelect
from app.main import create_app
from tests.factories import Person, make_person
from tests.smtp import Inbox, SmtpServer

# The suite hashes a password at every sign-up, sign-in and password change: thousands, with
# the contract run's sign-ups. At argon2's recommended cost (64 MiB, 3 passes; 0.1-0.6 s a hash
# on these machines) that was a quarter of the run's time. Tests hash at argon2's lowest cost:
# the code path is the same, and argon2 reads each hash's own cost when it verifies. The
# unknown-email dummy hash keeps the real cost (test_concurrency's sign-in burst relies on it).
auth_service.password_hash = PasswordHash(
    (Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)
)

PG_URL = os.environ.get("TOUCHBASE_TEST_POSTGRES_URL")
DATABASES = ["sqlite"] + (["postgresql"] if PG_URL else [])

if os.environ.get("CI") == "true" and not PG_URL:
    raise pytest.UsageError(
        "CI must set TOUCHBASE_TEST_POSTGRES_URL: PostgreSQL may not be skipped"
    )


def alembic_config(url: str) -> Config:
    """Alembic's configuration, aimed at `url`."""
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND_DIR / "app" / "migrations"))
    config.attributes["database_url"] = url
    return config


def fresh_database(name: str, tmp: Path, suffix: str = "") -> str:
    """An empty database of the given kind; PostgreSQL gets a new database on the test server."""
    if name == "sqlite":
        return f"sqlite:///{tmp / 'touchbase.db'}"
    assert PG_URL is not None
    url = sa.make_url(PG_URL)
    db = f"touchbase_pytest_{os.getpid()}{suffix}"  # unique per run: parallel runs never collide
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    return url.set(database=db).render_as_string(hide_password=False)


def migrate(url: str) -> None:
    """Build the schema with the real migrations."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config = alembic_config(url)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    engine.dispose()


def drop_database(url: str) -> None:
    parsed = sa.make_url(url)
    admin = sa.make_url(PG_URL or "").set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked postgresql_only (what only a server has: round trips, its connections)
    runs on PostgreSQL alone: its SQLite case is deselected, so CI's no-skip rule holds."""
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_sqlite = callspec is not None and callspec.params.get("database_url") == "sqlite"
        (drop if on_sqlite and item.get_closest_marker("postgresql_only") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session", params=DATABASES)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    url = fresh_database(request.param, tmp_path_factory.mktemp(request.param))
    migrate(url)
    yield url
    if request.param == "postgresql":
        drop_database(url)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        frontend_dir=REPO_DIR / "frontend",
        db_pool_size=60,
        db_max_overflow=20,
        allowed_hosts=["testserver", "127.0.0.1"],  # TestClient's host and the live server's
        webhooks_allow_private=True,  # the webhook receivers of the tests listen on 127.0.0.1
        run_worker=False,  # tests run workers themselves (tests/jobs)
    )


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) for the whole run."""
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def inbox(smtp_server: SmtpServer) -> Iterator[Inbox]:
    """The SMTP server's messages, emptied after the test."""
    yield smtp_server.inbox
    smtp_server.inbox.clear()


@pytest.fixture(scope="session")
def mail_settings(settings: Settings, smtp_server: SmtpServer) -> Settings:
    """The suite's settings with mail on, sending to the test SMTP server."""
    return settings.model_copy(
        update={
            "smtp_url": SecretStr(smtp_server.url),
            "mail_from": "Touchbase <touchbase@example.com>",
            "secret_key": SecretStr("test-secret-key-0123456789"),
        }
    )


@pytest.fixture
def mail_on(app: FastAPI, mail_settings: Settings) -> Iterator[Settings]:
    """The app with mail on (sending to the test SMTP server) for one test."""
    before = app.state.settings
    app.state.settings = mail_settings
    yield mail_settings
    app.state.settings = before


@pytest.fixture(scope="session")
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture(scope="session")
def engine(app: FastAPI) -> Engine:
    return app.state.engine


# Every application with a stored summary and its columns, read as the lists read rows.
_SUMMARIES = CursorSelect(
    sa.select(summaries.TABLE.c.summary_version, summaries.TABLE.c.summary, *summaries.COLUMNS)
)


def check_summaries(engine: Engine) -> None:
    """Every stored summary of the current version is its row's as the lists would build it
    from the columns (applications.summaries): checked after every test, so every write path
    the suite takes keeps them exact."""
    with engine.connect() as conn:
        for version, text, *columns in _SUMMARIES.rows(conn, {}):
            if version == summaries.VERSION:
                assert text == summaries.encode(columns), "a stale stored summary"


def _clean(engine: Engine) -> None:
    """Empty every table; a request still finishing on the live server can deadlock with the
    DELETEs, so that is retried. Stored summaries are checked first (check_summaries)."""
    check_summaries(engine)
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    for attempt in range(10):
        try:
            with engine.begin() as conn:
                # DELETE, children first, on both: PostgreSQL's TRUNCATE of every table
                # cost about 300 ms a test (5 ms this way), and ids never need to restart.
                for table in tables:
                    conn.execute(sa.text(f"DELETE FROM {table}"))
            return
        except sa.exc.OperationalError:
            if attempt == 9:
                raise
            time.sleep(0.2)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session on the test database; every table is emptied after the test."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
    _clean(engine)


@pytest.fixture
def client(app: FastAPI, db: Session) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def alice(db: Session) -> Person:
    return make_person(db, "alice@example.com", "Alice Adams")


@pytest.fixture
def bob(db: Session) -> Person:
    return make_person(db, "bob@example.com", "Bob Brown")


class LiveServer:
    """The app served over real HTTP by uvicorn in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[LiveServer]:
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live(live_server: LiveServer, db: Session) -> LiveServer:
    """The live server, with the database emptied after the test."""
    return live_server


@pytest.fixture(autouse=True)
def _no_cached_settings() -> Iterator[None]:
    yield
    get_settings.cache_clear()
