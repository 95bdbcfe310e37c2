"""Backup and restore of a SQLite database, for the person who runs the server.

`backup` copies the live database with SQLite's online backup API (sqlite3.Connection.backup,
a page-by-page copy that is consistent even while the server writes). `restore` puts a copy
back, but never under a running server: every server process holds a shared advisory lock
(fcntl.flock) on `<database>.server-lock` while it runs, and restore takes that lock
exclusively, without waiting, or refuses. The kernel drops the lock when a process ends,
killed or not, so a crashed server never blocks a restore. PostgreSQL: pg_dump / pg_restore
(README, "Your data").
"""

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

BACKUP_PAGES_PER_STEP = 1024  # pages copied per step of the online backup (then it yields)


class BackupError(Exception):
    """Why a backup or restore cannot run, in words for the operator."""


def sqlite_path(database_url: str) -> Path:
    """The file of a SQLite URL; other databases have their own tools."""
    url = sa.make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(
            "backup and restore copy a SQLite database file; for PostgreSQL use pg_dump and "
            "pg_restore (README, 'Your data')."
        )
    return Path(url.database)


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".server-lock")


@contextmanager
def server_lock(database_url: str) -> Iterator[None]:
    """Held (shared) by a running server, so restore can tell; nothing for PostgreSQL."""
    try:
        path = lock_path(sqlite_path(database_url))
    except BackupError:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing drops the lock


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    with target:
        source.backup(target, pages=BACKUP_PAGES_PER_STEP)


def backup(database_url: str, destination: Path) -> int:
    """Copy the live database to `destination` (replaced); returns its size in bytes."""
    database = sqlite_path(database_url)
    if not database.exists():
        raise BackupError(f"There is no database at {database}.")
    source = sqlite3.connect(database, timeout=30)
    target = sqlite3.connect(destination)
    try:
        _copy(source, target)
    finally:
        target.close()
        source.close()
    return destination.stat().st_size


def restore(database_url: str, copy: Path) -> None:
    """Replace the database with `copy`, unless a server holds it."""
    database = sqlite_path(database_url)
    if not copy.exists():
        raise BackupError(f"There is no backup at {copy}.")
    check = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        if check.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError(f"{copy} is not a sound SQLite database.")
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{copy} is not a SQLite database ({exc}).") from None
    finally:
        check.close()
    database.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(
                f"A Touchbase server is using {database}: stop it, then restore."
            ) from None
        source = sqlite3.connect(copy)
        target = sqlite3.connect(database, timeout=30)
        try:
            _copy(source, target)
        finally:
            target.close()
            source.close()
    finally:
        os.close(fd)
