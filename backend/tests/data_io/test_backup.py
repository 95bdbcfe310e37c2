"""Backup under concurrent writes, and a restore that refuses while a server holds the file."""

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.config import BACKEND_DIR
from app.data import backup
from tests.conftest import migrate


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=BACKEND_DIR,
        env={"TOUCHBASE_DATABASE_URL": url, "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_backup_under_concurrent_writes_is_consistent_and_restores_and_migrates(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    migrate(url)
    engine = sa.create_engine(url, connect_args={"timeout": 30})
    users = sa.table(
        "users",
        *(
            sa.column(c)
            for c in ("email", "name", "password_hash", "timezone", "created_at", "updated_at")
        ),
    )
    stop = threading.Event()
    written = [0]

    def write() -> None:
        while not stop.is_set():
            n = written[0]
            with engine.begin() as conn:  # Core: no ORM hooks, just rows to copy
                conn.execute(
                    users.insert().values(
                        email=f"u{n}@example.com",
                        name="U",
                        password_hash="x",
                        timezone="UTC",
                        created_at=sa.func.current_timestamp(),
                        updated_at=sa.func.current_timestamp(),
                    )
                )
            written[0] = n + 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while written[0] < 50:
            stop.wait(0.01)
        copy = tmp_path / "copy.db"
        assert backup.backup(url, copy) > 0
    finally:
        stop.set()
        writer.join()
    engine.dispose()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copied = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    assert 50 <= copied <= written[0]

    target = f"sqlite:///{tmp_path / 'restored.db'}"
    with backup.server_lock(target), pytest.raises(backup.BackupError, match="server"):
        backup.restore(target, copy)
    restored = cli(target, "restore", str(copy))  # the CLI migrates the copy to this release
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(tmp_path / "restored.db") as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == copied
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    again = cli(target, "backup", str(tmp_path / "again.db"))
    assert again.returncode == 0 and "bytes" in again.stdout
    postgres = cli("postgresql+psycopg://x@127.0.0.1/x", "backup", str(tmp_path / "pg.db"))
    assert postgres.returncode == 1 and "pg_dump" in postgres.stderr
